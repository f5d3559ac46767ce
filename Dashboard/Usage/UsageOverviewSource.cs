using Dashboard.Data.Businesses;
using Dashboard.Data.Usage;
using Dashboard.Data.Verification;
using Dashboard.Verification;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>
/// Today's messages so far (UTC day): everything up to <see cref="Through"/>, which is the end of the last complete second.
/// </summary>
public sealed record UsageToday(DateTimeOffset Day, DateTimeOffset Through, long Messages, long Photos, UsageWeekComparison Comparison);

/// <summary>
/// Today from 00:00 UTC to <see cref="Until"/> (a whole minute) against the same span a week earlier, both read from the rollups.
/// </summary>
public sealed record UsageWeekComparison(DateTimeOffset Day, DateTimeOffset Until, long Today, long LastWeek)
{
    /// <summary>The relative change (0.05 for +5 %), or null when last week's span had no messages to compare with.</summary>
    public double? Change => LastWeek == 0 ? null : (double)(Today - LastWeek) / LastWeek;

    /// <summary>True before the first whole minute of the day, when there is nothing to compare yet.</summary>
    public bool IsEmpty => Until <= Day;
}

/// <summary>The programme's headline figures from the database, as of <see cref="AsOf"/>.</summary>
public sealed record ProgrammeFigures(
    DateTimeOffset AsOf,
    int Businesses,
    int VerifiedBusinesses,
    int PayingBusinesses,
    long MrrCents,
    int ActiveBusinesses,
    DateTimeOffset ActiveSince,
    int VerificationBacklog,
    int SlaBreaches,
    int SlaHours);

/// <summary>Messages per second, averaged over the seconds that end at <see cref="Through"/>: in total and per region.</summary>
public sealed record UsageRate(DateTimeOffset Through, int Seconds, double PerSecond, IReadOnlyDictionary<string, double> ByRegion)
{
    /// <summary>The average over the last <paramref name="seconds"/> ticks of <paramref name="ticks"/> (oldest first).</summary>
    public static UsageRate Of(IReadOnlyList<VolumeTick> ticks, int seconds)
    {
        var last = ticks.Skip(Math.Max(0, ticks.Count - seconds)).ToList();
        if (last.Count == 0)
        {
            return new UsageRate(DateTimeOffset.UnixEpoch, 0, 0, new Dictionary<string, double>());
        }

        var byRegion = last[^1].ByRegion.Keys.ToDictionary(r => r, r => last.Sum(t => t.ByRegion.GetValueOrDefault(r)) / (double)last.Count, StringComparer.Ordinal);
        return new UsageRate(last[^1].At.AddSeconds(1), last.Count, last.Sum(t => t.Total) / (double)last.Count, byRegion);
    }
}

/// <summary>
/// What the overview shows, computed once for the node and shared by every circuit: today's counts (rollups read every few
/// seconds, plus the live window's seconds since), the programme's figures (read every half minute) and the live series.
/// However many people and wall displays watch, the database sees the same few queries.
/// </summary>
public sealed partial class UsageOverviewSource(
    UsageQueries queries,
    UsageWindow window,
    UsageLiveSeries series,
    IBusinessStore businesses,
    IVerificationStore verification,
    IOptions<VerificationOptions> verificationOptions,
    TimeProvider time,
    ILogger<UsageOverviewSource> logger)
{
    /// <summary>How old today's rollup read may get before it is read again.</summary>
    public static readonly TimeSpan TodayRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How old the programme's figures may get before they are read again.</summary>
    public static readonly TimeSpan ProgrammeRefresh = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far the live series (and the rate) stays behind the last complete second: the platform sends a second's counts
    /// after it has ended, and a series drawn to the very last second would show a dip there that fills in a moment later.
    /// </summary>
    public static readonly TimeSpan SeriesDelay = TimeSpan.FromSeconds(2);

    /// <summary>The seconds the per-second rate is averaged over.</summary>
    public const int RateSeconds = 10;

    /// <summary>How far back "active businesses" looks.</summary>
    public const int ActiveDays = 30;

    // The window holds 15 minutes: a read this old still meets it, so a failed read may be retried later.
    private static readonly TimeSpan s_staleLimit = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _todayGate = new(1, 1);
    private readonly SemaphoreSlim _programmeGate = new(1, 1);
    private volatile TodayBase? _today;
    private volatile ProgrammeFigures? _programme;

    /// <summary>When this node began counting (see <see cref="UsageWindow.Started"/>).</summary>
    public DateTimeOffset CountingSince => window.Started;

    /// <summary>The live series: one tick per second for five minutes, up to <see cref="SeriesDelay"/> before the last complete second.</summary>
    public IReadOnlyList<VolumeTick> Series() => series.Last(window.LastCompleteSecond - SeriesDelay);

    /// <summary>
    /// Today's counts, exact to the last complete second: the rollups (journal included) up to the whole minute of the last
    /// read, plus the live window from there on. The two meet at a whole minute, so no sample is counted twice or left out;
    /// a sample that arrives late for a second before that minute shows with the next read.
    /// Completes at once while the last read is fresh.
    /// </summary>
    public async ValueTask<UsageToday> TodayAsync(CancellationToken cancellationToken)
    {
        var day = DayOf(time.GetUtcNow());
        var read = _today;
        if (read is null || read.Day != day || time.GetUtcNow() - read.ReadAt >= TodayRefresh)
        {
            try
            {
                read = await ReadTodayAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && read is not null && read.Day == day && time.GetUtcNow() - read.Split < s_staleLimit)
            {
                // The database did not answer: the last read plus the live window stay exact for a while; try again after a pause.
                LogTodayReadFailed(e);
                _today = read with { ReadAt = time.GetUtcNow() };
            }
        }

        var through = DateTimeOffset.FromUnixTimeSeconds(Math.Max(read.Split.ToUnixTimeSeconds(), window.LastCompleteSecond.ToUnixTimeSeconds() + 1));
        var live = window.Totals(read.Split, through);
        return new UsageToday(read.Day, through, read.Messages + live.Total, read.Photos + live.ByKind.GetValueOrDefault(UsageKinds.Photo),
            new UsageWeekComparison(read.Day, read.Split, read.Messages, read.LastWeek));
    }

    /// <summary>The programme's figures, read again when older than <see cref="ProgrammeRefresh"/>; completes at once while fresh.</summary>
    public async ValueTask<ProgrammeFigures> ProgrammeAsync(CancellationToken cancellationToken)
    {
        if (_programme is { } figures && time.GetUtcNow() - figures.AsOf < ProgrammeRefresh)
        {
            return figures;
        }

        await _programmeGate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_programme is { } fresh && now - fresh.AsOf < ProgrammeRefresh)
            {
                return fresh;
            }

            var summary = await businesses.SummaryAsync(now, cancellationToken);
            var since = DayOf(now).AddDays(-ActiveDays);
            var active = await businesses.ActiveBusinessesAsync(since, DayOf(now).AddDays(1), cancellationToken);
            var counts = await verification.CountByStatusAsync(cancellationToken);
            var overdue = await verification.CountOverdueAsync(now, cancellationToken);
            return _programme = new ProgrammeFigures(now, summary.Businesses, summary.VerifiedBusinesses, summary.PayingBusinesses,
                summary.MonthlyRecurringRevenueCents, active, since, VerificationStatus.Open.Sum(s => counts.GetValueOrDefault(s)), overdue,
                verificationOptions.Value.SlaHours);
        }
        finally
        {
            _programmeGate.Release();
        }
    }

    private async Task<TodayBase> ReadTodayAsync(CancellationToken cancellationToken)
    {
        await _todayGate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var day = DayOf(now);
            if (_today is { } fresh && fresh.Day == day && now - fresh.ReadAt < TodayRefresh)
            {
                return fresh;
            }

            var split = DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Floor(now.ToUnixTimeSeconds(), UsageGranularity.Minute));
            long messages = 0, photos = 0, lastWeek = 0;
            if (split > day)
            {
                var today = await queries.VolumeAsync(day, split, UsageGroupBy.Kind, cancellationToken);
                var week = await queries.VolumeAsync(day.AddDays(-7), split.AddDays(-7), UsageGroupBy.None, cancellationToken);
                messages = today.Total;
                photos = today.Groups.FirstOrDefault(g => g.Key == UsageKinds.Photo)?.Count ?? 0;
                lastWeek = week.Total;
            }

            return _today = new TodayBase(day, split, messages, photos, lastWeek, now);
        }
        finally
        {
            _todayGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading today's usage from the rollups failed; the overview counts on from its last read")]
    private partial void LogTodayReadFailed(Exception exception);

    private static DateTimeOffset DayOf(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Floor(at.ToUnixTimeSeconds(), UsageGranularity.Day));

    /// <summary>One read of the rollups: today and a week ago, each up to <see cref="Split"/>.</summary>
    private sealed record TodayBase(DateTimeOffset Day, DateTimeOffset Split, long Messages, long Photos, long LastWeek, DateTimeOffset ReadAt);
}
