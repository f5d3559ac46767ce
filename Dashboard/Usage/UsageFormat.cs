using System.Globalization;
using Dashboard.Tiers;

namespace Dashboard.Usage;

/// <summary>How the overview writes its figures, in the reader's culture: whole numbers with separators, times in UTC, signed changes.</summary>
public static class UsageFormat
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>"27,345,678,901" (English), "27.345.678.901" (German).</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>"636,412": a rate rounded to whole messages.</summary>
    public static string Rate(double perSecond) => Math.Round(perSecond, MidpointRounding.AwayFromZero).ToString("N0", Culture);

    /// <summary>"+4.2 %", "−3.0 %" (a real minus sign) or "0.0 %"; "+4,2 %" in German.</summary>
    public static string Change(double change)
    {
        var percent = Math.Round(change * 100, 1, MidpointRounding.AwayFromZero);
        var text = Math.Abs(percent).ToString("0.0", Culture) + " %";
        return percent > 0 ? "+" + text : percent < 0 ? "−" + text : text;
    }

    /// <summary>"8.1 %", "8,1 %": a share.</summary>
    public static string Share(double share) => (share * 100).ToString("0.0", Culture) + " %";

    /// <summary>"14:32:07".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", Culture);

    /// <summary>"14:32".</summary>
    public static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", Culture);

    /// <summary>"Tue 5 May", "Di., 5. Mai".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString(CultureFormat.Pattern("ddd d MMM", "ddd, d. MMM"), Culture);

    /// <summary>"1.2M", "655k", "900" in English; "1,2 Mio.", "655 Tsd." in German: for a chart's axis.</summary>
    public static string Compact(double value)
    {
        var size = Math.Abs(value);
        var german = CultureFormat.IsGerman;
        return size >= 1_000_000_000 ? (value / 1_000_000_000).ToString("0.#", Culture) + (german ? " Mrd." : "B")
            : size >= 1_000_000 ? (value / 1_000_000).ToString("0.#", Culture) + (german ? " Mio." : "M")
            : size >= 1_000 ? (value / 1_000).ToString("0.#", Culture) + (german ? " Tsd." : "k")
            : value.ToString("0", Culture);
    }
}
