using System.Globalization;

namespace Dashboard.Usage;

/// <summary>How the usage history writes counts, changes, times and point lengths (always UTC, invariant culture).</summary>
public static class HistoryFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>"1,234,567".</summary>
    public static string Number(long value) => value.ToString("N0", s_invariant);

    /// <summary>"55.2 bn", "636 M", "12 k", "900": for a chart's axis.</summary>
    public static string Compact(double value)
    {
        var size = Math.Abs(value);
        return size >= 1e9 ? string.Create(s_invariant, $"{value / 1e9:0.##} bn")
            : size >= 1e6 ? string.Create(s_invariant, $"{value / 1e6:0.#} M")
            : size >= 1e3 ? string.Create(s_invariant, $"{value / 1e3:0.#} k")
            : string.Create(s_invariant, $"{value:0}");
    }

    /// <summary>The power of 1,000 that brings <paramref name="max"/> below 1,000 (1 for smaller values), so that the axis steps are round.</summary>
    public static double ChartUnit(long max)
    {
        var unit = 1.0;
        while (max / unit >= 1_000)
        {
            unit *= 1_000;
        }

        return unit;
    }

    /// <summary>The change from <paramref name="before"/> to <paramref name="now"/> in percent, or null when there was nothing before.</summary>
    public static double? ChangePercent(long now, long before) => before == 0 ? null : (now - before) * 100.0 / before;

    /// <summary>"+12.3 %", "−4.0 %", "0.0 %", or "—" with nothing to compare with.</summary>
    public static string Change(double? percent) => percent switch
    {
        null => "—",
        > 0 => string.Create(s_invariant, $"+{percent:0.0} %"),
        < 0 => string.Create(s_invariant, $"\u2212{-percent:0.0} %"),
        _ => "0.0 %",
    };

    /// <summary>"12.34" or "" in the export: percent with a decimal point and sign, empty with nothing to compare with.</summary>
    public static string CsvChange(double? percent) => percent is { } value ? value.ToString("0.00", s_invariant) : "";

    /// <summary>"2026-06-15T14:05:00Z" in the export.</summary>
    public static string CsvInstant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", s_invariant);

    /// <summary>"15 Jun 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", s_invariant);

    /// <summary>"15 Jun 2026 14:05".</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm", s_invariant);

    /// <summary>
    /// A span as people read it: whole days as "16 May 2026 – 14 Jun 2026" (the last day included), anything else as
    /// "14 Jun 2026 14:05 – 15 Jun 2026 14:05 UTC".
    /// </summary>
    public static string Span(DateTimeOffset from, DateTimeOffset to)
    {
        if (IsMidnight(from) && IsMidnight(to) && to > from)
        {
            var first = DateOnly.FromDateTime(from.UtcDateTime);
            var last = DateOnly.FromDateTime(to.UtcDateTime).AddDays(-1);
            return first == last ? Day(first) + " (UTC)" : $"{Day(first)} – {Day(last)} (UTC)";
        }

        return $"{Instant(from)} – {Instant(to)} UTC";
    }

    /// <summary>"5 minutes", "1 hour", "2 hours", "1 day", "7 days", "7 days 2 hours".</summary>
    public static string Length(long seconds) =>
        seconds % 86_400 == 0 ? Plural(seconds / 86_400, "day")
        : seconds > 86_400 ? Plural(seconds / 86_400, "day") + " " + Length(seconds % 86_400)
        : seconds % 3600 == 0 ? Plural(seconds / 3600, "hour")
        : seconds % 60 == 0 ? Plural(seconds / 60, "minute")
        : Plural(seconds, "second");

    /// <summary>The label of a point under the chart: the time of day for points shorter than a day (with the date at midnight), else the date.</summary>
    public static string PointLabel(DateTimeOffset start, long stepSeconds, TimeSpan rangeLength)
    {
        var at = start.UtcDateTime;
        if (stepSeconds < 86_400)
        {
            return at.TimeOfDay == TimeSpan.Zero || rangeLength > TimeSpan.FromDays(1) ? at.ToString("d MMM HH:mm", s_invariant) : at.ToString("HH:mm", s_invariant);
        }

        return at.ToString(rangeLength > TimeSpan.FromDays(366) ? "d MMM yy" : "d MMM", s_invariant);
    }

    private static bool IsMidnight(DateTimeOffset at) => at.UtcDateTime.TimeOfDay == TimeSpan.Zero;

    private static string Plural(long count, string unit) => count == 1 ? "1 " + unit : string.Create(s_invariant, $"{count} {unit}s");
}
