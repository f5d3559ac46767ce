using Dashboard.Data.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage.Simulation;

/// <summary>
/// On a start after the first, sends the traffic model's counts of the time the console was stopped: from the minute
/// after the newest one recorded up to the second the live simulator starts with, at most back to an hour inside the
/// minute retention. They go through <see cref="UsageIngest"/> like the live batches (journal, rollups, live window), a
/// sample a minute where the live window does not reach and a sample a second where it does, so that history, today's
/// figures and the comparison with last week have no hole where the console was off.
/// <para>
/// The newest recorded minute itself is left as it is, since how much of it was sent before the stop is not known; a
/// fill stopped half-way carries on from its last whole batch on the next start, as that is then the newest minute.
/// </para>
/// </summary>
public sealed partial class UsageGapFill(IUsageStore store, UsageIngest ingest, IOptions<UsageOptions> usage, ILogger<UsageGapFill> logger)
{
    private const long Minute = 60;
    private const long Hour = 3600;

    /// <summary>Minutes this close to the live start are sent a second at a time, as the live window holds them per second.</summary>
    private static readonly long s_perSecondFrom = (long)(UsageWindow.Length.TotalSeconds + Minute);

    /// <summary>
    /// The first second to send before <paramref name="liveStart"/>, or null when nothing is missing: the rollups are empty
    /// (a first start, which the backfill covers) or hold the minute just before.
    /// </summary>
    public async Task<long?> PlanAsync(long liveStart, CancellationToken cancellationToken)
    {
        var earliest = UsageBuckets.Ceiling(liveStart - (long)usage.Value.MinuteRetention.TotalSeconds + Hour, UsageGranularity.Hour);
        var end = UsageBuckets.Ceiling(liveStart, UsageGranularity.Hour);
        if (earliest >= end)
        {
            return null;
        }

        var hours = await store.SeriesAsync(UsageGranularity.Hour, At(earliest), At(end), UsageSplit.None, cancellationToken);
        if (hours.Where(p => p.MessageCount > 0).Select(p => (long?)p.BucketStart).Max() is not { } hour)
        {
            return null;
        }

        var minutes = await store.SeriesAsync(UsageGranularity.Minute, At(hour), At(hour + Hour), UsageSplit.None, cancellationToken);
        if (minutes.Where(p => p.MessageCount > 0).Select(p => (long?)p.BucketStart).Max() is not { } minute)
        {
            return null;
        }

        var from = minute + Minute;
        return from < liveStart ? from : null;
    }

    /// <summary>Sends [<paramref name="from"/>, <paramref name="liveStart"/>), oldest first, in batches of at most <see cref="UsageIngest.MaxSamples"/>.</summary>
    public async Task RunAsync(TrafficModel model, long from, long liveStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        LogStarting(At(from), At(liveStart));
        var cells = Cells(model);
        var counts = new long[model.CellCount];
        var samples = new List<UsageSample>(UsageIngest.MaxSamples);
        long total = 0;
        try
        {
            for (var minute = from; minute < liveStart; minute += Minute)
            {
                if (samples.Count + (model.CellCount * Minute) > UsageIngest.MaxSamples)
                {
                    total += await SendAsync(samples, cancellationToken);
                }

                if (minute + Minute <= liveStart && minute < liveStart - s_perSecondFrom)
                {
                    var at = At(minute);
                    model.Minute(at, counts);
                    for (var i = 0; i < cells.Length; i++)
                    {
                        if (counts[i] > 0)
                        {
                            samples.Add(new UsageSample(at, cells[i].Country, cells[i].Kind, cells[i].Tier, counts[i]));
                        }
                    }

                    continue;
                }

                for (var second = minute; second < Math.Min(minute + Minute, liveStart); second++)
                {
                    var at = At(second);
                    model.Second(at, (country, kind, tier, count) => samples.Add(new UsageSample(at, country, kind, tier, count)));
                }
            }

            total += await SendAsync(samples, cancellationToken);
            LogFilled(total, At(from), At(liveStart));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(At(from), At(liveStart));
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    private async Task<long> SendAsync(List<UsageSample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var result = await ingest.IngestAsync(Guid.NewGuid(), samples, UsageSimulator.Source, cancellationToken);
        if (result.Errors is { } errors)
        {
            throw new InvalidOperationException("The ingest refused the batch: "
                + string.Join("; ", errors.Take(3).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        var sent = samples.Sum(s => s.Count);
        samples.Clear();
        return sent;
    }

    /// <summary>The model's cells in the order of <see cref="TrafficModel.Minute"/>'s counters: market, kind, tier.</summary>
    private static (string Country, string Kind, string Tier)[] Cells(TrafficModel model) =>
        [.. model.Markets.SelectMany(m => TrafficModel.Kinds.SelectMany(k => TrafficModel.TierShares.Select(t => (m.Country, k.Kind, t.Tier))))];

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filling the simulated usage of {From:u} to {To:u}, while the console was stopped")]
    private partial void LogStarting(DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filled {Messages:N0} simulated messages from {From:u} to {To:u}")]
    private partial void LogFilled(long messages, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filling simulated usage from {From:u} to {To:u} stopped by the shutdown; the rest is sent on the next start")]
    private partial void LogStopped(DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Filling the simulated usage of the time the console was stopped failed")]
    private partial void LogFailed(Exception exception);
}
