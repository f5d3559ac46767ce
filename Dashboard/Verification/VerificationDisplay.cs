using System.Globalization;
using System.Resources;
using MudBlazor;

namespace Dashboard.Verification;

/// <summary>How states, risk bands and reasons read on the verification pages, in one place.</summary>
public static partial class VerificationDisplay
{
    private static readonly ResourceManager s_text = new(typeof(VerificationDisplay));

    /// <summary>A text of the verification pages (VerificationDisplay.resx) in the current UI culture.</summary>
    public static string Get(string key) => s_text.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text with placeholders, filled in the current culture.</summary>
    public static string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);

    private static string? Find(string key) => s_text.GetString(key, CultureInfo.CurrentUICulture);

    public static string StatusLabel(string status) => Find("Status." + status) ?? status;

    /// <summary>A business category as a reader names it; a category the console has no words for shows as stored.</summary>
    public static string CategoryLabel(string category) => Find("Category." + category) ?? category;

    /// <summary>A document kind as a reader names it; a kind the console has no words for shows as the platform sent it.</summary>
    public static string DocumentLabel(string kind) => Find("Document." + kind) ?? kind;

    /// <summary>
    /// A timeline note in the reader's language when the console wrote it ("Submitted with 2 document(s)"); a note a person
    /// typed is shown as written.
    /// </summary>
    public static string NoteLabel(string note) => ConsoleNote().Match(note) is { Success: true } match
        ? Format(match.Groups["kind"].Value == "Submitted" ? "Note.Submitted" : "Note.Resubmitted",
            int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture))
        : note;

    public static string RiskLabel(string band) => Find("Risk." + band) ?? band;

    public static string EventLabel(string kind) => Find("Event." + kind) ?? kind;

    public static Color RiskColor(string band) => band switch
    {
        "High" => Color.Error,
        "Medium" => Color.Warning,
        _ => Color.Success,
    };

    public static string ReasonLabel(string reason) => Find("Reason." + reason) ?? Get("Reason.OTHER");

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<kind>Submitted|Resubmitted) with (?<count>\d+) document\(s\)$")]
    private static partial System.Text.RegularExpressions.Regex ConsoleNote();
}
