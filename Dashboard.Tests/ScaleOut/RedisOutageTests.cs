using System.Net;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// Redis killed under two running nodes and started again on the same port: each node keeps ticking its own clients
/// with its own counts and reports Degraded, then reconnects by itself, the counts each node took alone reach the
/// other once it listens again (each once), and the totals are global again.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private ConsoleCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ConsoleCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Redis_KilledMidRunAndRestarted_NodesTickTheirOwnCountsDegradedThenCatchUpAndGlobalAgain()
    {
        var onA = await _cluster.ConnectAsync(_cluster.A);
        var onB = await _cluster.ConnectAsync(_cluster.B);
        foreach (var node in _cluster.Nodes)
        {
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await ConsoleCluster.ReadinessAsync(node));
        }

        // Traffic before the outage: each node learns how many nodes listen.
        var before = ConsoleCluster.SecondAhead();
        Assert.True(await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), before, ("DE", "text", 3)));
        Assert.True(await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), before, ("IT", "photo", 2)));
        Assert.Equal(5, (await onA.TickOfAsync(before)).Total);
        Assert.Equal(5, (await onB.TickOfAsync(before)).Total);

        await _cluster.Redis.KillAsync();

        foreach (var node in _cluster.Nodes)
        {
            await ConsoleCluster.WaitUntilAsync(async () => await ConsoleCluster.ReadinessAsync(node) == (HttpStatusCode.OK, "Degraded"), "readiness says Degraded");
        }

        // A wall display that connects during the outage is served too.
        var lateOnA = await _cluster.ConnectAsync(_cluster.A);

        var alone = ConsoleCluster.SecondAhead();
        Assert.True(await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), alone, ("DE", "text", 100)));
        Assert.True(await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), alone, ("IT", "photo", 7)));
        Assert.Equal(100, (await onA.TickOfAsync(alone)).Total);
        Assert.Equal(7, (await onB.TickOfAsync(alone)).Total);
        Assert.Equal(100, (await lateOnA.TickOfAsync(alone)).Total);

        // The database has both either way (it counts by the minute, which may hold the batches from before the outage).
        var minute = DateTimeOffset.FromUnixTimeSeconds(alone.ToUnixTimeSeconds() / 60 * 60);
        var earlierInTheMinute = before >= minute ? 5 : 0;
        Assert.Equal(107 + earlierInTheMinute, await _cluster.TotalAsync(_cluster.B, minute, minute.AddMinutes(1)));

        await _cluster.Redis.RunAsync(ConsoleCluster.Ct);

        foreach (var node in _cluster.Nodes)
        {
            await ConsoleCluster.WaitUntilAsync(async () => await ConsoleCluster.ReadinessAsync(node) == (HttpStatusCode.OK, "Healthy"), "readiness says Healthy again");
        }

        // What each node took alone reaches the other once it listens again: both windows (and so their charts) have
        // the second's global total, each batch counted once.
        var windowOfA = _cluster.A.Services.GetRequiredService<UsageWindow>();
        var windowOfB = _cluster.B.Services.GetRequiredService<UsageWindow>();
        await ConsoleCluster.WaitUntilAsync(
            () => Task.FromResult(windowOfA.Totals(alone, alone.AddSeconds(1)).Total == 107 && windowOfB.Totals(alone, alone.AddSeconds(1)).Total == 107),
            "each node's window has the other's counts from the outage");
        Assert.True(_cluster.A.Services.GetRequiredService<UsageLiveExchange>().CaughtUpCells > 0);

        // Both nodes have subscribed again once a batch from each reaches the other.
        await WaitUntilExchangedAsync();
        Assert.Equal(107, windowOfA.Totals(alone, alone.AddSeconds(1)).Total);
        Assert.Equal(107, windowOfB.Totals(alone, alone.AddSeconds(1)).Total);

        var together = ConsoleCluster.SecondAhead();
        Assert.True(await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), together, ("DE", "text", 50)));
        Assert.True(await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), together, ("IT", "photo", 5)));
        Assert.Equal(55, (await onA.TickOfAsync(together)).Total);
        Assert.Equal(55, (await onB.TickOfAsync(together)).Total);
    }

    private async Task WaitUntilExchangedAsync()
    {
        var probe = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var windowOfA = _cluster.A.Services.GetRequiredService<UsageWindow>();
        var windowOfB = _cluster.B.Services.GetRequiredService<UsageWindow>();
        await ConsoleCluster.WaitUntilAsync(async () =>
        {
            // A probe batch from each node until the other one's window has it (one sent before a node subscribed again is missed).
            await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), probe, ("NO", "text", 1));
            await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), probe, ("SE", "text", 1));
            await Task.Delay(200, ConsoleCluster.Ct);
            return windowOfB.Totals(probe, probe.AddSeconds(1)).ByCountry.ContainsKey("NO") && windowOfA.Totals(probe, probe.AddSeconds(1)).ByCountry.ContainsKey("SE");
        }, "the nodes exchange live counts again");
    }
}
