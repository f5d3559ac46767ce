using System.Globalization;
using Dashboard.Data.Verification;

namespace Dashboard.Verification;

/// <summary>
/// The reviewer statistics: decisions per reviewer and day, handling times, approval rates, and the backlog with its
/// SLA breaches at the end of each day. Loading reads the store once per figure; everything else is computation on the
/// store's records, so that it can be checked without a database.
/// </summary>
public sealed class ReviewerStatistics(IVerificationStore store, TimeProvider time)
{
    public const int DefaultDays = 30;

    /// <summary>The periods the page offers, in days.</summary>
    public static IReadOnlyList<int> PeriodChoices { get; } = [7, 30, 90];

    public async Task<StatisticsReport> LoadAsync(int days, CancellationToken cancellationToken)
    {
        var period = StatisticsPeriod.Ending(time.GetUtcNow(), days);
        var decisions = await store.DecisionsPerReviewerAsync(period.From, period.To, cancellationToken);
        var decided = await store.DecidedAsync(period.From, period.To, cancellationToken);
        var spans = await store.SpansAsync(period.From, period.To, cancellationToken);
        return Compute(period, decisions, decided, spans);
    }

    /// <summary>The report for <paramref name="period"/> from the store's records of it.</summary>
    public static StatisticsReport Compute(
        StatisticsPeriod period, IReadOnlyCollection<ReviewerDay> decisions, IReadOnlyCollection<DecidedRequest> decided, IReadOnlyCollection<RequestSpan> spans)
    {
        var inPeriod = decisions.Where(d => period.Contains(DayOf(d.Day))).ToList();
        var names = new Dictionary<long, string>();
        foreach (var day in inPeriod)
        {
            names.TryAdd(day.UserId, day.Reviewer);
        }

        var decidedInPeriod = decided.Where(d => d.DecidedAt >= period.From && d.DecidedAt < period.To).ToList();
        foreach (var request in decidedInPeriod)
        {
            names.TryAdd(request.UserId, $"User #{request.UserId}");
        }

        var reviewers = names
            .Select(n =>
            {
                var perDay = new int[period.Days];
                foreach (var day in inPeriod.Where(d => d.UserId == n.Key))
                {
                    perDay[period.IndexOf(DayOf(day.Day))] += day.Decisions;
                }

                var own = decidedInPeriod.Where(d => d.UserId == n.Key).ToList();
                return new ReviewerSummary(n.Key, n.Value, perDay, CountApproved(own), CountRejected(own), MedianHandlingTime(own));
            })
            .OrderByDescending(r => r.Decisions)
            .ThenBy(r => r.Reviewer, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        return new StatisticsReport(period, reviewers, Backlog(period, spans),
            CountApproved(decidedInPeriod), CountRejected(decidedInPeriod), MedianHandlingTime(decidedInPeriod));
    }

    /// <summary>The middle value; the mean of the two middle values when the count is even; null when there are none.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Approved / (approved + rejected); null when nothing was approved or rejected.</summary>
    public static double? ApprovalRate(int approved, int rejected) =>
        approved + rejected == 0 ? null : (double)approved / (approved + rejected);

    /// <summary>
    /// Whether a request waits for a reviewer at <paramref name="at"/>: submitted by then and not decided yet.
    /// Only the current status is stored, not when it was reached, so two states are judged by it:
    /// a request waiting for the business (<see cref="VerificationStatus.NeedsInfo"/>) is not reviewers' backlog, as in the
    /// queue's "Open" count; a <see cref="VerificationStatus.Revoked"/> request's decision time is its revocation, and
    /// its approval time is not kept, so it is left out rather than counted as open until the revocation.
    /// </summary>
    public static bool IsBacklogAt(RequestSpan span, DateTimeOffset at) =>
        span.Status is not (VerificationStatus.NeedsInfo or VerificationStatus.Revoked)
        && span.SubmittedAt <= at
        && (span.DecidedAt is not { } decidedAt || decidedAt > at);

    /// <summary>The backlog and how much of it is past due, at the end of each day of the period (now, for today).</summary>
    public static IReadOnlyList<BacklogPoint> Backlog(StatisticsPeriod period, IReadOnlyCollection<RequestSpan> spans) =>
        period.Dates
            .Select(day =>
            {
                var at = period.EndOf(day);
                var open = spans.Where(s => IsBacklogAt(s, at)).ToList();
                return new BacklogPoint(day, at, open.Count, open.Count(s => s.DueAt < at));
            })
            .ToList();

    private static TimeSpan? MedianHandlingTime(IEnumerable<DecidedRequest> decided) => Median(decided.Select(d => d.DecidedAt - d.SubmittedAt));

    private static int CountApproved(IEnumerable<DecidedRequest> decided) => decided.Count(d => d.Status == VerificationStatus.Approved);

    private static int CountRejected(IEnumerable<DecidedRequest> decided) => decided.Count(d => d.Status == VerificationStatus.Rejected);

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}

/// <summary>Whole UTC days ending with today; today counts up to <see cref="Now"/>.</summary>
public sealed class StatisticsPeriod
{
    private StatisticsPeriod(DateOnly firstDay, int days, DateTimeOffset now)
    {
        FirstDay = firstDay;
        Days = days;
        Now = now;
        Dates = Enumerable.Range(0, days).Select(firstDay.AddDays).ToList();
    }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay => Dates[^1];

    public int Days { get; }

    public DateTimeOffset Now { get; }

    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Midnight UTC starting the first day.</summary>
    public DateTimeOffset From => StartOf(FirstDay);

    /// <summary>Midnight UTC ending today: the queries' upper bound, so that what happened at <see cref="Now"/> counts.</summary>
    public DateTimeOffset To => StartOf(LastDay.AddDays(1));

    public static StatisticsPeriod Ending(DateTimeOffset now, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 366);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new StatisticsPeriod(today.AddDays(1 - days), days, now);
    }

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public int IndexOf(DateOnly day) => day.DayNumber - FirstDay.DayNumber;

    /// <summary>When a day's backlog is measured: at its end, or now for today.</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var end = StartOf(day.AddDays(1));
        return end < Now ? end : Now;
    }
}

/// <summary>One reviewer's figures: decisions per day of the period, and the requests they approved or rejected.</summary>
public sealed record ReviewerSummary(long UserId, string Reviewer, IReadOnlyList<int> DecisionsPerDay, int Approved, int Rejected, TimeSpan? MedianHandlingTime)
{
    public int Decisions => DecisionsPerDay.Sum();

    public double? ApprovalRate => ReviewerStatistics.ApprovalRate(Approved, Rejected);
}

/// <summary>Requests waiting for a reviewer at <see cref="At"/>, and how many of them were past due then.</summary>
public sealed record BacklogPoint(DateOnly Day, DateTimeOffset At, int Open, int PastDue);

/// <summary>
/// The statistics of one period. Decisions count approvals (first approvals too), rejections, information requests and
/// escalations. Approval rate and handling time count the requests approved or rejected in the period, each credited to
/// the reviewer who made the final decision.
/// </summary>
public sealed record StatisticsReport(
    StatisticsPeriod Period, IReadOnlyList<ReviewerSummary> Reviewers, IReadOnlyList<BacklogPoint> Backlog, int Approved, int Rejected, TimeSpan? MedianHandlingTime)
{
    public int Decisions => Reviewers.Sum(r => r.Decisions);

    public bool HasDecisions => Decisions > 0;

    public double? ApprovalRate => ReviewerStatistics.ApprovalRate(Approved, Rejected);

    /// <summary>The backlog now: the last point, measured at <see cref="StatisticsPeriod.Now"/>.</summary>
    public BacklogPoint Current => Backlog[^1];

    public int DecisionsOn(int dayIndex) => Reviewers.Sum(r => r.DecisionsPerDay[dayIndex]);
}

/// <summary>How the statistics read on the page.</summary>
public static class StatisticsFormat
{
    public const string None = "—";

    /// <summary>"x h y min", rounded to the minute; hours go past 24.</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return None;
        }

        var minutes = (long)Math.Round(value.TotalMinutes, MidpointRounding.AwayFromZero);
        return VerificationDisplay.Format("DurationFormat", minutes / 60, minutes % 60);
    }

    /// <summary>A whole percentage such as "67%".</summary>
    public static string Rate(double? rate) =>
        rate is { } value ? VerificationDisplay.Format("RateFormat", Math.Round(value * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.CurrentCulture)) : None;

    public static string Day(DateOnly day) => day.ToString(VerificationDisplay.Get("DayPattern"), CultureInfo.CurrentCulture);

    public static string ShortDay(DateOnly day) => day.ToString(VerificationDisplay.Get("ShortDayPattern"), CultureInfo.CurrentCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
