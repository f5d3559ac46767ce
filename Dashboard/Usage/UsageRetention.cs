using Dashboard.Data.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>
/// Deletes expired usage, at start and then every <see cref="UsageOptions.CleanupInterval"/>: minute, hour and day
/// rollups each after their own retention, and batch ids a day after the minute retention.
/// </summary>
public sealed partial class UsageRetention(IUsageStore store, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageRetention> logger)
    : BackgroundService
{
    /// <summary>Deletes what has expired by now.</summary>
    public async Task<UsagePurgeResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var result = await store.PurgeAsync(new UsageRetentionCutoffs(
            now - settings.MinuteRetention,
            now - TimeSpan.FromDays(settings.HourRetentionDays),
            now - TimeSpan.FromDays(settings.DayRetentionDays),
            now - settings.BatchIdRetention), cancellationToken);
        if (result.Minutes + result.Hours + result.Days + result.BatchIds > 0)
        {
            LogPurged(result.Minutes, result.Hours, result.Days, result.BatchIds);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage retention deleted {Minutes} minute, {Hours} hour and {Days} day rows and {Batches} batch ids")]
    private partial void LogPurged(long minutes, long hours, long days, long batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage retention failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
