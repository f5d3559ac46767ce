using System.Net;
using Dashboard.Platform.ScaleOut;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// Two real nodes sharing a database and a real redis-server: batches posted to either count once, in the database
/// and in every node's ticks, window and overview; a hub client gets each tick once, with the totals of both nodes.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private ConsoleCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _cluster = await ConsoleCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoNodes_BatchesPostedToEach_HubClientsOfBothGetEachTickOnceWithTheGlobalTotals()
    {
        var onA = await _cluster.ConnectAsync(_cluster.A);
        var onB = await _cluster.ConnectAsync(_cluster.B);
        await onB.Connection.InvokeAsync(nameof(UsageHub.JoinRegion), "Europe", Ct);

        var second = ConsoleCluster.SecondAhead();
        Assert.True(await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), second, ("DE", "photo", 1_000)));
        Assert.True(await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), second, ("JP", "text", 20), ("US", "video", 300), ("FR", "text", 4)));

        foreach (var client in new[] { onA, onB })
        {
            var tick = await client.TickOfAsync(second);
            Assert.Equal(1_324, tick.Total);
            Assert.Equal(1_000, tick.ByKind["photo"]);
            Assert.Equal(24, tick.ByKind["text"]);
            Assert.Equal(300, tick.ByKind["video"]);
            Assert.Equal(1_004, tick.ByRegion["Europe"]);
            Assert.Equal(300, tick.ByRegion["North America"]);
            Assert.Equal(20, tick.ByRegion["Asia-Pacific"]);
        }

        var europe = await ConsoleCluster.WaitForAsync(() => onB.RegionTicks.FirstOrDefault(t => t.At == second), "Europe's tick on B");
        Assert.Equal(1_004, europe.Total);
        Assert.Single(onB.RegionTicks, t => t.At == second);
        Assert.Empty(onA.RegionTicks);

        // Exact in the database, read through either node.
        var minute = DateTimeOffset.FromUnixTimeSeconds(second.ToUnixTimeSeconds() / 60 * 60);
        Assert.Equal(1_324, await _cluster.TotalAsync(_cluster.A, minute, minute.AddMinutes(1)));
        Assert.Equal(1_324, await _cluster.TotalAsync(_cluster.B, minute, minute.AddMinutes(1)));

        // The overview of either node counts both nodes' batches in today's messages and photos.
        if (second.UtcDateTime.Date == DateTime.UtcNow.Date)
        {
            foreach (var node in _cluster.Nodes)
            {
                var today = await node.Services.GetRequiredService<UsageOverviewSource>().TodayAsync(Ct);
                Assert.Equal(1_324, today.Messages);
                Assert.Equal(1_000, today.Photos);
            }
        }
    }

    [Fact]
    public async Task TwoNodes_LateBatchForASecondAlreadyTicked_LandsInBothWindowsForTheCharts()
    {
        var past = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);

        Assert.True(await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), past, ("BR", "voice", 777)));

        var windowOfB = _cluster.B.Services.GetRequiredService<UsageWindow>();
        await ConsoleCluster.WaitUntilAsync(() => Task.FromResult(windowOfB.Tick(past).Total == 777), "B's window holds A's late batch");
        Assert.Equal(777, windowOfB.Tick(past).ByRegion["Latin America"]);
        Assert.Equal(777, _cluster.A.Services.GetRequiredService<UsageWindow>().Tick(past).Total);
        Assert.Contains(_cluster.B.Services.GetRequiredService<UsageLiveSeries>().Last(past.AddSeconds(5), 10), t => t.At == past && t.Total == 777);
    }

    [Fact]
    public async Task TwoNodes_SameBatchIdsRacedOnBoth_EachCountsOnceInTheDatabaseAndInEveryWindow()
    {
        var second = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 20);
        var batches = Enumerable.Range(1, 24).Select(i => (Id: Guid.NewGuid(), Count: 1_000L + i)).ToList();

        var answers = await Task.WhenAll(batches.Select(async b =>
        {
            var both = await Task.WhenAll(
                _cluster.PostAsync(_cluster.A, b.Id, second, ("DE", "text", b.Count)),
                _cluster.PostAsync(_cluster.B, b.Id, second, ("DE", "text", b.Count)));
            return both.Count(accepted => accepted);
        }));

        Assert.All(answers, accepted => Assert.Equal(1, accepted));
        var expected = batches.Sum(b => b.Count);
        var minute = DateTimeOffset.FromUnixTimeSeconds(second.ToUnixTimeSeconds() / 60 * 60);
        Assert.Equal(expected, await _cluster.TotalAsync(_cluster.A, minute, minute.AddMinutes(1)));
        foreach (var node in _cluster.Nodes)
        {
            var window = node.Services.GetRequiredService<UsageWindow>();
            await ConsoleCluster.WaitUntilAsync(() => Task.FromResult(window.Tick(second).Total >= expected), "every node's window holds every batch");
        }

        // Nothing more arrives after the last batch has been exchanged: the windows hold each batch once.
        await _cluster.PostAsync(_cluster.A, Guid.NewGuid(), second.AddSeconds(1), ("DE", "text", 1));
        await _cluster.PostAsync(_cluster.B, Guid.NewGuid(), second.AddSeconds(1), ("DE", "text", 1));
        foreach (var node in _cluster.Nodes)
        {
            var window = node.Services.GetRequiredService<UsageWindow>();
            await ConsoleCluster.WaitUntilAsync(() => Task.FromResult(window.Tick(second.AddSeconds(1)).Total == 2), "both markers arrived");
            Assert.Equal(expected, window.Tick(second).Total);
        }
    }

    [Fact]
    public async Task TwoNodes_SignedInOnOne_TheOtherAcceptsTheCookie_KeysAreKeptInRedis()
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        using (var onA = new HttpClient(handler) { BaseAddress = _cluster.A.ServerAddress })
        {
            await SignIn.AsAsync(onA, "exec@demo.local");
        }

        using var handlerB = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var onB = new HttpClient(handlerB) { BaseAddress = _cluster.B.ServerAddress };
        using var response = await onB.GetAsync("/usage", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString);
        Assert.True(await redis.GetDatabase().ListLengthAsync(ScaleOutServiceCollectionExtensions.DataProtectionKey) > 0);
    }
}
