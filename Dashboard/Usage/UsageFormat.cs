using System.Globalization;

namespace Dashboard.Usage;

/// <summary>How the overview writes its figures: whole numbers with separators, times in UTC, signed changes.</summary>
public static class UsageFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>"27,345,678,901".</summary>
    public static string Number(long value) => value.ToString("N0", s_invariant);

    /// <summary>"636,412": a rate rounded to whole messages.</summary>
    public static string Rate(double perSecond) => Math.Round(perSecond, MidpointRounding.AwayFromZero).ToString("N0", s_invariant);

    /// <summary>"+4.2 %", "−3.0 %" (a real minus sign) or "0.0 %".</summary>
    public static string Change(double change)
    {
        var percent = Math.Round(change * 100, 1, MidpointRounding.AwayFromZero);
        var text = Math.Abs(percent).ToString("0.0", s_invariant) + " %";
        return percent > 0 ? "+" + text : percent < 0 ? "−" + text : text;
    }

    /// <summary>"8.1 %": a share.</summary>
    public static string Share(double share) => (share * 100).ToString("0.0", s_invariant) + " %";

    /// <summary>"14:32:07".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", s_invariant);

    /// <summary>"14:32".</summary>
    public static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", s_invariant);

    /// <summary>"Tue 5 May".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM", s_invariant);

    /// <summary>"1.2M", "655k", "900": for a chart's axis.</summary>
    public static string Compact(double value)
    {
        var size = Math.Abs(value);
        return size >= 1_000_000_000 ? string.Create(s_invariant, $"{value / 1_000_000_000:0.#}B")
            : size >= 1_000_000 ? string.Create(s_invariant, $"{value / 1_000_000:0.#}M")
            : size >= 1_000 ? string.Create(s_invariant, $"{value / 1_000:0.#}k")
            : string.Create(s_invariant, $"{value:0}");
    }
}
