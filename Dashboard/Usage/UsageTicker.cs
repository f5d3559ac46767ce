using Dashboard.Platform;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Usage;

/// <summary>
/// Once a second, on the whole second, sends the last complete second from the window: to the in-process feed, to
/// every hub client, and each region's share to that region's group. A second missed (a stalled timer) is sent late
/// rather than skipped, up to five seconds back.
/// </summary>
public sealed partial class UsageTicker(
    UsageWindow window,
    UsageFeed feed,
    IHubContext<UsageHub, IUsageClient> hub,
    UsageRegions regions,
    TimeProvider time,
    ConsoleTelemetry telemetry,
    ILogger<UsageTicker> logger) : BackgroundService
{
    private const int MaxCatchUp = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        await Task.Delay(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (now.UtcTicks % TimeSpan.TicksPerSecond)), time, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        var lastSent = time.GetUtcNow().ToUnixTimeSeconds() - 2;
        do
        {
            var complete = time.GetUtcNow().ToUnixTimeSeconds() - 1;
            for (var second = Math.Max(lastSent + 1, complete - MaxCatchUp + 1); second <= complete; second++)
            {
                await SendAsync(DateTimeOffset.FromUnixTimeSeconds(second));
            }

            lastSent = Math.Max(lastSent, complete);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendAsync(DateTimeOffset second)
    {
        try
        {
            var tick = window.Tick(second);
            await feed.PublishAsync(tick);
            await hub.Clients.All.VolumeTick(tick);
            foreach (var region in regions.Names)
            {
                await hub.Clients.Group(UsageHub.RegionGroup(region)).RegionTick(window.RegionTick(second, region));
            }

            telemetry.TickSent(time.GetUtcNow() - second.AddSeconds(1));
        }
        catch (Exception e)
        {
            LogTickFailed(e, second);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the usage tick of {Second} failed")]
    private partial void LogTickFailed(Exception exception, DateTimeOffset second);
}
