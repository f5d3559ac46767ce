namespace Dashboard.Tiers;

/// <summary>Puts scheduled tier changes in force when their date comes, at start-up and then at a steady interval.</summary>
public sealed class ScheduledTierChangesJob(
    TierChangeService changes,
    Microsoft.Extensions.Options.IOptions<TierChangeOptions> options,
    TimeProvider time,
    ILogger<ScheduledTierChangesJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ApplyInterval, time);
        do
        {
            try
            {
                var applied = await changes.ApplyDueAsync(stoppingToken);
                if (applied > 0)
                {
                    logger.LogInformation("Applied {Count} scheduled tier change(s)", applied);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next round tries again.
                logger.LogError(ex, "Applying scheduled tier changes failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
