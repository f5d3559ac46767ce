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
}
