using System.Globalization;
using System.Resources;

namespace Dashboard.Verification.Checks;

/// <summary>The checks' titles, summaries and evidence (CheckText.resx) in the reader's language.</summary>
internal static class CheckText
{
    private static readonly ResourceManager s_text = new(typeof(CheckText));

    public static string Get(string key) => s_text.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);

    /// <summary>
    /// A name similarity as a whole percentage in the reader's culture, rounded down: a score just under a threshold
    /// never reads as the threshold, and the evidence and the closest-names table always show the same figure.
    /// </summary>
    public static string Similarity(double score) =>
        (Math.Floor(Math.Clamp(score, 0, 1) * 100) / 100).ToString("P0", CultureInfo.CurrentCulture);
}
