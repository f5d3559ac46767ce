using System.Globalization;
using Dashboard.Tiers;

namespace Dashboard.Usage;

/// <summary>
/// How the usage history writes counts, changes, times and point lengths: always UTC; on the page in the reader's culture,
/// in the CSV export (the <c>Csv…</c> methods) in the invariant culture, for the programs that read it.
/// </summary>
public static class HistoryFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>"1,234,567", "1.234.567".</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>"55.2 bn", "636 M", "12 k", "900" ("55,2 Mrd.", "636 Mio.", "12 Tsd." in German): for a chart's axis.</summary>
    public static string Compact(double value)
    {
        var size = Math.Abs(value);
        var german = CultureFormat.IsGerman;
        return size >= 1e9 ? (value / 1e9).ToString("0.##", Culture) + (german ? " Mrd." : " bn")
            : size >= 1e6 ? (value / 1e6).ToString("0.#", Culture) + (german ? " Mio." : " M")
            : size >= 1e3 ? (value / 1e3).ToString("0.#", Culture) + (german ? " Tsd." : " k")
            : value.ToString("0", Culture);
    }

    /// <summary>
    /// The power of ten that brings <paramref name="max"/> to between 10 and 10,000 (1 for smaller values): the chart's axis
    /// arithmetic works in whole steps and does not hold counts in the billions, so points are drawn in this unit.
    /// </summary>
    public static double ChartUnit(long max)
    {
        var unit = 1.0;
        while (max / unit >= 10_000)
        {
            unit *= 10;
        }

        return unit;
    }

    /// <summary>A round step for a chart's value axis (1, 2 or 5 times a power of ten), in the chart's unit, for at most five steps up to the peak.</summary>
    public static int ChartStep(double peakInUnit) => (int)Math.Max(1, LiveChartGeometry.Scale(peakInUnit).Step);

    /// <summary>The change from <paramref name="before"/> to <paramref name="now"/> in percent, or null when there was nothing before.</summary>
    public static double? ChangePercent(long now, long before) => before == 0 ? null : (now - before) * 100.0 / before;

    /// <summary>"+12.3 %", "−4.0 %", "0.0 %", or "—" with nothing to compare with.</summary>
    public static string Change(double? percent) => percent switch
    {
        null => "—",
        > 0 => "+" + percent.Value.ToString("0.0", Culture) + " %",
        < 0 => "\u2212" + (-percent.Value).ToString("0.0", Culture) + " %",
        _ => 0.0.ToString("0.0", Culture) + " %",
    };

    /// <summary>"12.34" or "" in the export: percent with a decimal point and sign, empty with nothing to compare with.</summary>
    public static string CsvChange(double? percent) => percent is { } value ? value.ToString("0.00", s_invariant) : "";

    /// <summary>"2026-06-15T14:05:00Z" in the export.</summary>
    public static string CsvInstant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", s_invariant);

    /// <summary>"15 Jun 2026", "15. Juni 2026".</summary>
    public static string Day(DateOnly day) => day.ToString(CultureFormat.Pattern("d MMM yyyy", "d. MMM yyyy"), Culture);

    /// <summary>"15 Jun 2026 14:05", "15. Juni 2026 14:05".</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString(CultureFormat.Pattern("d MMM yyyy HH:mm", "d. MMM yyyy HH:mm"), Culture);

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

    /// <summary>"5 minutes", "1 hour", "2 hours", "1 day", "7 days", "7 days 2 hours" ("5 Minuten", "1 Stunde", "7 Tage" in German).</summary>
    public static string Length(long seconds) =>
        seconds % 86_400 == 0 ? Plural(seconds / 86_400, "Day")
        : seconds > 86_400 ? Plural(seconds / 86_400, "Day") + " " + Length(seconds % 86_400)
        : seconds % 3600 == 0 ? Plural(seconds / 3600, "Hour")
        : seconds % 60 == 0 ? Plural(seconds / 60, "Minute")
        : Plural(seconds, "Second");

    /// <summary>The label of a point under the chart: the time of day for points shorter than a day (with the date at midnight), else the date.</summary>
    public static string PointLabel(DateTimeOffset start, long stepSeconds, TimeSpan rangeLength)
    {
        var at = start.UtcDateTime;
        if (stepSeconds < 86_400)
        {
            return at.TimeOfDay == TimeSpan.Zero || rangeLength > TimeSpan.FromDays(1)
                ? at.ToString(CultureFormat.Pattern("d MMM HH:mm", "d. MMM HH:mm"), Culture)
                : at.ToString("HH:mm", Culture);
        }

        return at.ToString(rangeLength > TimeSpan.FromDays(366) ? CultureFormat.Pattern("d MMM yy", "d. MMM yy") : CultureFormat.Pattern("d MMM", "d. MMM"), Culture);
    }

    private static bool IsMidnight(DateTimeOffset at) => at.UtcDateTime.TimeOfDay == TimeSpan.Zero;

    /// <summary>The unit's name from UsageText ("Length.Day.One" is "{0} day", "Length.Day.Other" is "{0} days").</summary>
    private static string Plural(long count, string unit) => UsageText.Get($"Length.{unit}.{(count == 1 ? "One" : "Other")}", count);
}
