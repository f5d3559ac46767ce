using Dashboard.Platform;

namespace Dashboard.Usage;

/// <summary>
/// Once a second, on the whole second, sends the last complete second from the window: to the in-process feed, to
/// every hub client of this node, and each region's share to the clients of this node that joined it. A second missed
/// (a stalled timer) is sent late rather than skipped, up to five seconds back.
/// <para>
/// With several nodes each node ticks its own connections only, never through the backplane: its window already holds
/// every node's counts (see <see cref="UsageLiveExchange"/>), so every client gets each second once and with the global
/// totals, and a node keeps ticking its clients with its own counts while Redis is down.
/// </para>
/// </summary>
public sealed partial class UsageTicker(
    UsageWindow window,
    UsageFeed feed,
    UsageConnections connections,
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

            // Written to this node's connections directly (one serialization for all), also with the backplane.
            var sends = new List<Task> { connections.SendAsync(nameof(IUsageClient.VolumeTick), tick) };
            foreach (var region in regions.Names)
            {
                if (connections.AnyInRegion(region))
                {
                    sends.Add(connections.SendAsync(nameof(IUsageClient.RegionTick), window.RegionTick(second, region), region));
                }
            }

            await Task.WhenAll(sends);
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
