using System.Collections.Concurrent;
using System.Globalization;

namespace Dashboard.Tiers;

/// <summary>
/// Figures as the reader's language writes them (the request's culture): "1.234.567" and "12.345,00 €" in German,
/// "1,234,567" and "€12,345.00" in English. Files, URLs, the API and logs keep the invariant culture instead.
/// </summary>
public static class CultureFormat
{
    private static readonly ConcurrentDictionary<string, NumberFormatInfo> s_euro = new();

    public static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>True when the page is read in German; for the few patterns the culture does not carry (abbreviations, date order).</summary>
    public static bool IsGerman => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de";

    /// <summary>The pattern for the reader's language.</summary>
    public static string Pattern(string english, string german) => IsGerman ? german : english;

    /// <summary>"1,234" or "1.234".</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>An amount in euros in the culture's currency format with the euro sign: "€12,345.00", "12.345,00 €"; a real minus sign before negative amounts.</summary>
    public static string Euro(decimal euros, int decimals)
    {
        var text = Math.Abs(euros).ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), EuroFormat(Culture));
        return euros < 0 ? "\u2212" + text : text;
    }

    /// <summary>A calendar day: "2026-11-27" in English, "27.11.2026" in German.</summary>
    public static string Date(DateOnly day) => day.ToString(Pattern("yyyy-MM-dd", "dd.MM.yyyy"), Culture);

    /// <summary>The UTC day of an instant, as <see cref="Date(DateOnly)"/>.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString(Pattern("yyyy-MM-dd", "dd.MM.yyyy"), Culture);

    /// <summary>A UTC time to the minute: "2026-11-27 09:30", "27.11.2026 09:30".</summary>
    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString(Pattern("yyyy-MM-dd HH:mm", "dd.MM.yyyy HH:mm"), Culture);

    private static NumberFormatInfo EuroFormat(CultureInfo culture) => s_euro.GetOrAdd(culture.Name, _ =>
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return format;
    });
}
