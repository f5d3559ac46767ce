using Dashboard.Data.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage.Simulation;

/// <summary>
/// The built-in traffic simulator (<c>Usage:Simulator:Enabled</c>). On the whole second it sends the traffic model's
/// counts of the seconds just completed as one batch through <see cref="UsageIngest"/> — the path of
/// <c>POST /api/v1/usage/volume</c>, with its checks, journal, live window and ticks. Before its first second it plans
/// the history backfill, which then runs beside it and ends exactly where the live counts begin; it also writes each
/// completed day's per-business usage. On a later start it also sends what the model would have sent while the
/// console was stopped (<see cref="UsageGapFill"/>). A stalled node skips what it cannot send within a few seconds rather than flooding.
/// </summary>
public sealed partial class UsageSimulator(
    UsageIngest ingest,
    UsageBackfill backfill,
    UsageGapFill gaps,
    BusinessUsageSimulator businesses,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    ILogger<UsageSimulator> logger) : BackgroundService
{
    /// <summary>Recorded with each batch id, where an API key's name would be.</summary>
    public const string Source = "simulator";

    /// <summary>Seconds sent late after a stall, beyond one batch interval; older ones are skipped.</summary>
    public const int MaxCatchUpSeconds = 5;

    private static readonly TimeSpan s_quietPeriod = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource<DateTimeOffset> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Completes with the first second the live simulator sends, once it is chosen and the wait for its end is set: from
    /// then on every second that passes is sent. It does not complete while the simulator is off.
    /// </summary>
    public Task<DateTimeOffset> Started => _started.Task;
    private int _suppressed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var model = new TrafficModel(settings.Seed, settings.Reference);

        // The first second the live simulator sends; the backfill stops just before it. The wait for its end starts here,
        // before the first await, so that it starts from the same moment as the second does (a clock that moves on while
        // the backfill is planned cannot leave it waiting for a later end).
        var start = time.GetUtcNow().ToUnixTimeSeconds();
        var startSecondEnds = DateTimeOffset.FromUnixTimeSeconds(start + 1) - time.GetUtcNow() is { Ticks: > 0 } wait
            ? Task.Delay(wait, time, stoppingToken)
            : Task.CompletedTask;
        _started.TrySetResult(DateTimeOffset.FromUnixTimeSeconds(start));
        var backfilling = Task.CompletedTask;
        try
        {
            if (await backfill.PlanAsync(start, settings, stoppingToken) is { } plan)
            {
                backfilling = Task.Run(() => backfill.RunAsync(model, plan, stoppingToken), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPlanFailed(e);
        }

        // The time the console was stopped, on a start after the first; it too ends just before the live start.
        var filling = Task.CompletedTask;
        try
        {
            if (await gaps.PlanAsync(start, stoppingToken) is { } gapFrom)
            {
                filling = Task.Run(() => gaps.RunAsync(model, gapFrom, start, stoppingToken), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogGapPlanFailed(e);
        }

        LogStarted(model.Markets.Count, model.TotalRate(time.GetUtcNow()));
        try
        {
            await RunLiveAsync(model, start, startSecondEnds, settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await backfilling;
        await filling;
    }

    private async Task RunLiveAsync(TrafficModel model, long start, Task startSecondEnds, SimulatorOptions settings, CancellationToken stoppingToken)
    {
        var day = await KeepBusinessDaysAsync(settings.Seed, long.MinValue, stoppingToken);

        // To the end of the start second (at once if it has passed meanwhile), then on every whole interval.
        await startSecondEnds;

        using var timer = new PeriodicTimer(settings.BatchInterval, time);
        var next = start;
        do
        {
            var complete = time.GetUtcNow().ToUnixTimeSeconds() - 1;
            if (complete >= next)
            {
                var from = FirstToSend(next, complete, settings.BatchInterval);
                if (from > next)
                {
                    LogSkipped(from - next, DateTimeOffset.FromUnixTimeSeconds(next));
                }

                await SendAsync(model, from, complete, stoppingToken);
                next = complete + 1;
            }

            day = await KeepBusinessDaysAsync(settings.Seed, day, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// The first second to send when <paramref name="next"/> is the first not sent yet and <paramref name="complete"/> the
    /// last that has passed: at most one batch interval and <see cref="MaxCatchUpSeconds"/> back, so that a node that
    /// stalled sends a few seconds late and skips the rest rather than flooding the ingest.
    /// </summary>
    internal static long FirstToSend(long next, long complete, TimeSpan interval) =>
        Math.Max(next, complete - (long)interval.TotalSeconds - MaxCatchUpSeconds + 1);

    /// <summary>Sends the seconds [<paramref name="from"/>, <paramref name="to"/>] as one batch (several only past the batch size limit).</summary>
    private async Task SendAsync(TrafficModel model, long from, long to, CancellationToken cancellationToken)
    {
        var samples = new List<UsageSample>(model.CellCount * (int)(to - from + 1));
        for (var second = from; second <= to; second++)
        {
            if (samples.Count + model.CellCount > UsageIngest.MaxSamples)
            {
                await IngestAsync(samples, cancellationToken);
                samples.Clear();
            }

            var at = DateTimeOffset.FromUnixTimeSeconds(second);
            model.Second(at, (country, kind, tier, count) => samples.Add(new UsageSample(at, country, kind, tier, count)));
        }

        await IngestAsync(samples, cancellationToken);
    }

    private async Task IngestAsync(List<UsageSample> samples, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ingest.IngestAsync(Guid.NewGuid(), samples, Source, cancellationToken);
            if (result.Errors is { } errors && ShouldWarn(out var suppressed))
            {
                LogRejected(string.Join("; ", errors.Take(3).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), suppressed);
            }
        }
        catch (UsageIngestException e)
        {
            if (ShouldWarn(out var suppressed))
            {
                LogNotStored(e.Message, suppressed);
            }
        }
    }

    /// <summary>Writes the per-business usage of days completed since <paramref name="writtenBefore"/>; answers the current day.</summary>
    private async Task<long> KeepBusinessDaysAsync(int seed, long writtenBefore, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = UsageBuckets.Floor(now.ToUnixTimeSeconds(), UsageGranularity.Day);
        if (today <= writtenBefore)
        {
            return writtenBefore;
        }

        try
        {
            await businesses.CatchUpAsync(seed, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBusinessDaysFailed(e);
        }

        return today;
    }

    // One warning a minute at most, saying how many were held back: a misconfigured node must not flood the log every second.
    private bool ShouldWarn(out int suppressed)
    {
        var now = time.GetUtcNow();
        if (now < _quietUntil)
        {
            _suppressed++;
            suppressed = 0;
            return false;
        }

        suppressed = _suppressed;
        _suppressed = 0;
        _quietUntil = now + s_quietPeriod;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage simulator started: {Markets} markets, {Rate:N0} messages a second now")]
    private partial void LogStarted(int markets, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage simulator fell behind and skipped {Seconds} second(s) from {From:u}")]
    private partial void LogSkipped(long seconds, DateTimeOffset from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A simulated usage batch was refused: {Errors} ({Suppressed} more refusals since the last warning)")]
    private partial void LogRejected(string errors, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A simulated usage batch could not be stored: {Detail} ({Suppressed} more failures since the last warning)")]
    private partial void LogNotStored(string detail, int suppressed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deciding the usage backfill failed; the simulator runs without it")]
    private partial void LogPlanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Finding the time the console was stopped failed; the simulator runs without filling it")]
    private partial void LogGapPlanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing simulated per-business usage failed; it is tried again when the next day completes")]
    private partial void LogBusinessDaysFailed(Exception exception);
}
