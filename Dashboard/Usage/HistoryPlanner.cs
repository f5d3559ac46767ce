using System.Globalization;
using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>How long each rollup is kept, as the history needs it to know what it can still read.</summary>
public sealed record HistoryRetention(TimeSpan Minutes, TimeSpan Hours, TimeSpan Days)
{
    public static HistoryRetention Of(UsageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MinuteRetention, TimeSpan.FromDays(options.HourRetentionDays), TimeSpan.FromDays(options.DayRetentionDays));
    }

    /// <summary>How long a granularity's rollup is kept.</summary>
    public TimeSpan Of(UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.Minute => Minutes,
        UsageGranularity.Hour => Hours,
        _ => Days,
    };

    /// <summary>
    /// The finest rollup that still holds everything from <paramref name="start"/> on at <paramref name="now"/>, or null
    /// when even the day rollup has deleted part of it. Retention deletes buckets that start before now minus the retention.
    /// </summary>
    public UsageGranularity? FinestHolding(DateTimeOffset start, DateTimeOffset now) =>
        start >= now - Minutes ? UsageGranularity.Minute
        : start >= now - Hours ? UsageGranularity.Hour
        : start >= now - Days ? UsageGranularity.Day
        : null;
}

/// <summary>Which comparison a period is.</summary>
public enum HistoryPeriodKind
{
    PreviousPeriod,
    PreviousYear,
}

/// <summary>
/// A period the range is compared with: the compared span moved back by <see cref="Shift"/>. When the rollups no
/// longer hold it, <see cref="From"/> and <see cref="To"/> still say which period it would be and <see cref="Unavailable"/> why not.
/// </summary>
public sealed record HistoryPeriod(HistoryPeriodKind Kind, TimeSpan Shift, DateTimeOffset From, DateTimeOffset To, string? Unavailable)
{
    public bool IsAvailable => Unavailable is null;
}

/// <summary>
/// Everything the history reads, worked out from the view and the clock before anything is read: the range shown,
/// the rollup it is read from, the length of each point after downsampling, the compared span and periods, and the
/// whole days of the business ranking.
/// </summary>
public sealed record HistoryPlan(
    HistoryView View,
    DateTimeOffset Now,
    DateTimeOffset From,
    DateTimeOffset To,
    UsageGranularity Source,
    long StepSeconds,
    int PointCount,
    UsageGranularity? ComparedUnit,
    DateTimeOffset ComparedFrom,
    DateTimeOffset ComparedTo,
    IReadOnlyList<HistoryPeriod> Periods,
    DateOnly FirstBusinessDay,
    DateOnly LastBusinessDay)
{
    public TimeSpan Length => To - From;

    public TimeSpan Step => TimeSpan.FromSeconds(StepSeconds);

    /// <summary>The start of every point, oldest first; the last point ends at <see cref="To"/> and may be shorter than a step.</summary>
    public IEnumerable<DateTimeOffset> BucketStarts => Enumerable.Range(0, PointCount).Select(i => From.AddSeconds(i * StepSeconds));

    public DateTimeOffset BucketEnd(DateTimeOffset start) => start.AddSeconds(StepSeconds) < To ? start.AddSeconds(StepSeconds) : To;

    /// <summary>True when the compared span is the whole range, so that the range's totals are the compared ones.</summary>
    public bool ComparesWholeRange => ComparedFrom == From && ComparedTo == To;

    public HistoryPeriod? Period(HistoryPeriodKind kind) => Periods.FirstOrDefault(p => p.Kind == kind);
}

/// <summary>
/// Works out a <see cref="HistoryPlan"/>. The rule, also given under the chart:
/// <list type="number">
/// <item>Range. The presets end at the last complete point before now (24 h: the last whole 5 minutes; 7 d: the last
/// whole hour; 30, 90 and 365 d: today 00:00 UTC, so today is left out) and reach back their length. A custom range
/// covers its dates as whole UTC days, up to now when it includes today.</item>
/// <item>Rollup. Up to 1 day is read from the minute rollup, up to 14 days from the hour rollup, longer ranges from the
/// day rollup; when a rollup no longer holds the range's start (by default minutes are kept 14 days and hours 400), the
/// next coarser one.</item>
/// <item>Downsampling. Adjacent buckets of that rollup are summed into points of the smallest length from
/// <see cref="StepChoices"/> that leaves at most <see cref="MaxPoints"/> points per series (24 h: 5 minutes). Sums of
/// whole buckets keep every total exact; only the last point may be shorter.</item>
/// <item>Comparison. The previous period is the range moved back by its own length, the previous year moved back 52
/// weeks (364 days, so weekdays line up). Totals are read for a span that every compared period still holds exactly:
/// the range trimmed to whole hours or days when one of them is older than the finer rollups are kept (24 h against
/// the previous year: whole hours).</item>
/// </list>
/// </summary>
public static class HistoryPlanner
{
    /// <summary>The most points a series gets: a chart a thousand pixels wide draws no more.</summary>
    public const int MaxPoints = 400;

    /// <summary>A range up to this long is read from the minute rollup.</summary>
    public static readonly TimeSpan MinuteRangeLimit = TimeSpan.FromDays(1);

    /// <summary>A range up to this long is read from the hour rollup; longer ones from the day rollup.</summary>
    public static readonly TimeSpan HourRangeLimit = TimeSpan.FromDays(14);

    /// <summary>The previous year: 52 weeks back, so that a Monday is compared with a Monday.</summary>
    public static readonly TimeSpan YearShift = TimeSpan.FromDays(364);

    /// <summary>The point lengths (seconds) downsampling chooses from: round minutes, hours, days and weeks.</summary>
    public static IReadOnlyList<long> StepChoices { get; } =
    [
        60, 120, 300, 600, 900, 1800,
        3600, 7200, 10800, 14400, 21600, 43200,
        86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
    ];

    private static readonly Dictionary<HistoryRange, TimeSpan> s_presetLengths = new()
    {
        [HistoryRange.Day] = TimeSpan.FromDays(1),
        [HistoryRange.Week] = TimeSpan.FromDays(7),
        [HistoryRange.Month] = TimeSpan.FromDays(30),
        [HistoryRange.Quarter] = TimeSpan.FromDays(90),
        [HistoryRange.Year] = TimeSpan.FromDays(365),
    };

    /// <summary>The rollup a range of this length is read from, before retention is considered.</summary>
    public static UsageGranularity GranularityFor(TimeSpan length) =>
        length <= MinuteRangeLimit ? UsageGranularity.Minute
        : length <= HourRangeLimit ? UsageGranularity.Hour
        : UsageGranularity.Day;

    /// <summary>The smallest point length of <see cref="StepChoices"/> that is a whole number of source buckets and leaves at most <paramref name="maxPoints"/> points.</summary>
    public static long StepFor(UsageGranularity source, long lengthSeconds, int maxPoints = MaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var bucket = source.Seconds();
        foreach (var step in StepChoices.Where(s => s % bucket == 0))
        {
            if (Points(lengthSeconds, step) <= maxPoints)
            {
                return step;
            }
        }

        // Longer than the choices cover: whole multiples of the largest choice.
        var largest = StepChoices[^1];
        return largest * (long)Math.Ceiling((double)lengthSeconds / maxPoints / largest);
    }

    /// <summary>What is wrong with a view's dates, by query parameter, or an empty list; only custom ranges can be wrong.</summary>
    public static Dictionary<string, string[]> Problems(HistoryView view, DateTimeOffset now, HistoryRetention retention)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(retention);
        var problems = new Dictionary<string, string[]>();
        if (view.Range != HistoryRange.Custom)
        {
            return problems;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var oldest = OldestDay(now, retention);
        if (view.From is not { } from)
        {
            problems["from"] = [UsageText.Get("Problem.FromMissing")];
        }
        else if (from < oldest)
        {
            problems["from"] = [UsageText.Get("Problem.FromTooOld", retention.Days.TotalDays.ToString("0", CultureInfo.CurrentCulture), HistoryFormat.Day(oldest))];
        }
        else if (from > today)
        {
            problems["from"] = [UsageText.Get("Problem.FromFuture")];
        }

        if (view.To is not { } to)
        {
            problems["to"] = [UsageText.Get("Problem.ToMissing")];
        }
        else if (to > today)
        {
            problems["to"] = [UsageText.Get("Problem.ToFuture", HistoryFormat.Day(today))];
        }
        else if (view.From is { } start && to < start)
        {
            problems["to"] = [UsageText.Get("Problem.ToBeforeFrom")];
        }

        return problems;
    }

    /// <summary>The oldest whole UTC day the day rollup still holds.</summary>
    public static DateOnly OldestDay(DateTimeOffset now, HistoryRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var cutoff = (now - retention.Days).ToUnixTimeSeconds();
        return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Ceiling(cutoff, UsageGranularity.Day)).UtcDateTime);
    }

    /// <summary>The plan of a view at <paramref name="now"/>; the view must have no <see cref="Problems"/>.</summary>
    public static HistoryPlan Plan(HistoryView view, DateTimeOffset now, HistoryRetention retention)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(retention);
        if (Problems(view, now, retention) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Values.SelectMany(p => p)), nameof(view));
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        long from, to, step;
        UsageGranularity source;
        if (s_presetLengths.TryGetValue(view.Range, out var preset))
        {
            var length = (long)preset.TotalSeconds;
            source = GranularityFor(preset);
            while (true)
            {
                step = StepFor(source, length);
                to = Floor(nowSeconds, step);
                from = to - length;
                var held = Coarsen(source, from, nowSeconds, retention);
                if (held == source)
                {
                    break;
                }

                // Retention shorter than the defaults: the next coarser rollup, and the range aligned to its points.
                source = held;
            }
        }
        else
        {
            from = Seconds(view.From!.Value);
            var end = Seconds(view.To!.Value.AddDays(1));
            source = Coarsen(GranularityFor(TimeSpan.FromSeconds(end - from)), from, nowSeconds, retention);

            // A range that includes today ends with the last whole bucket before now (at least one bucket).
            to = Math.Max(Math.Min(end, UsageBuckets.Floor(nowSeconds, source)), from + source.Seconds());
            step = StepFor(source, to - from);
        }

        var (unit, comparedFrom, comparedTo, periods) = Compare(view, from, to, now, retention);
        return new HistoryPlan(
            view,
            now,
            DateTimeOffset.FromUnixTimeSeconds(from),
            DateTimeOffset.FromUnixTimeSeconds(to),
            source,
            step,
            (int)Points(to - from, step),
            unit,
            DateTimeOffset.FromUnixTimeSeconds(comparedFrom),
            DateTimeOffset.FromUnixTimeSeconds(comparedTo),
            periods,
            DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(from).UtcDateTime),
            DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(to - 1).UtcDateTime));
    }

    /// <summary>
    /// The compared span and periods: the unit is the coarsest rollup that one of the range and its compared periods
    /// needs (the finest each still holds), and the span is the range trimmed to whole units, so that every total is exact.
    /// </summary>
    private static (UsageGranularity? Unit, long From, long To, List<HistoryPeriod> Periods) Compare(
        HistoryView view, long from, long to, DateTimeOffset now, HistoryRetention retention)
    {
        var shifts = new List<(HistoryPeriodKind Kind, TimeSpan Shift)>();
        if (view.ComparesPreviousPeriod)
        {
            shifts.Add((HistoryPeriodKind.PreviousPeriod, TimeSpan.FromSeconds(to - from)));
        }

        if (view.ComparesPreviousYear)
        {
            shifts.Add((HistoryPeriodKind.PreviousYear, YearShift));
        }

        if (shifts.Count == 0)
        {
            return (null, from, to, []);
        }

        var unit = retention.FinestHolding(DateTimeOffset.FromUnixTimeSeconds(from), now) ?? UsageGranularity.Day;
        var held = new List<(HistoryPeriodKind Kind, TimeSpan Shift, bool Held)>();
        foreach (var (kind, shift) in shifts)
        {
            var needs = retention.FinestHolding(DateTimeOffset.FromUnixTimeSeconds(from) - shift, now);
            held.Add((kind, shift, needs is not null));
            if (needs is { } granularity && granularity > unit)
            {
                unit = granularity;
            }
        }

        var spanFrom = UsageBuckets.Ceiling(from, unit);
        var spanTo = UsageBuckets.Floor(to, unit);
        var periods = held.Select(h =>
        {
            var shift = (long)h.Shift.TotalSeconds;
            var unavailable = !h.Held ? UsageText.Get("Unavailable.Older", retention.Days.TotalDays.ToString("0", CultureInfo.CurrentCulture))
                : spanTo <= spanFrom ? UsageText.Get("Unavailable.NoWhole." + unit)
                : null;
            return new HistoryPeriod(h.Kind, h.Shift, DateTimeOffset.FromUnixTimeSeconds(spanFrom - shift), DateTimeOffset.FromUnixTimeSeconds(spanTo - shift), unavailable);
        }).ToList();
        return (unit, spanFrom, Math.Max(spanFrom, spanTo), periods);
    }

    private static UsageGranularity Coarsen(UsageGranularity wanted, long from, long now, HistoryRetention retention)
    {
        var finest = retention.FinestHolding(DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(now)) ?? UsageGranularity.Day;
        return finest > wanted ? finest : wanted;
    }

    private static long Points(long lengthSeconds, long step) => (lengthSeconds + step - 1) / step;

    private static long Floor(long seconds, long step) => seconds - (((seconds % step) + step) % step);

    private static long Seconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
