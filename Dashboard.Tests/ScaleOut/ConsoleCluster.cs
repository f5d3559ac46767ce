using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Dashboard.Tests.Usage;
using Dashboard.Usage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// Two console nodes on real loopback ports sharing one SQLite file and one real redis-server, as several nodes share
/// SQL Server and Redis behind a load balancer; no simulator, so every count is one a test posted.
/// </summary>
public sealed class ConsoleCluster : IAsyncDisposable
{
    private readonly List<HubConnection> _hubs = [];

    private ConsoleCluster(RedisServer redis, ConsoleAppFactory a, ConsoleAppFactory b)
    {
        Redis = redis;
        A = a;
        B = b;
    }

    public RedisServer Redis { get; }

    public ConsoleAppFactory A { get; }

    public ConsoleAppFactory B { get; }

    public IEnumerable<ConsoleAppFactory> Nodes => [A, B];

    public string ReadKey { get; private set; } = "";

    public string WriteKey { get; private set; } = "";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ConsoleCluster> StartAsync()
    {
        var redis = await RedisServer.StartAsync(Ct);
        var a = new ConsoleAppFactory(Settings(redis, databasePath: null));
        a.StartKestrel();

        // The second node starts on the first one's database, already migrated, as a node added to a running cluster.
        var b = new ConsoleAppFactory(Settings(redis, a.DatabasePath));
        b.StartKestrel();
        var cluster = new ConsoleCluster(redis, a, b);
        var keys = a.Services.GetRequiredService<ApiKeyService>();
        cluster.ReadKey = (await keys.CreateAsync("wall-display", ["usage:read"], Actor.Console(), Ct)).Key;
        cluster.WriteKey = (await keys.CreateAsync("platform", ["usage:write"], Actor.Console(), Ct)).Key;
        return cluster;
    }

    /// <summary>A hub client of one node that keeps every tick it receives.</summary>
    public async Task<HubClient> ConnectAsync(ConsoleAppFactory node)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.ServerAddress!, UsageHub.Path), o => o.Headers["X-Api-Key"] = ReadKey)
            .Build();
        var client = new HubClient(connection);
        connection.On<VolumeTick>(nameof(IUsageClient.VolumeTick), client.Ticks.Enqueue);
        connection.On<RegionTick>(nameof(IUsageClient.RegionTick), client.RegionTicks.Enqueue);
        await connection.StartAsync(Ct);
        _hubs.Add(connection);
        return client;
    }

    /// <summary>Posts one batch to a node and answers whether it was new (false: a duplicate).</summary>
    public async Task<bool> PostAsync(ConsoleAppFactory node, Guid batchId, DateTimeOffset second, params (string Country, string Kind, long Count)[] samples)
    {
        using var client = new HttpClient { BaseAddress = node.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", WriteKey);
        using var response = await UsageApp.PostAsync(client, batchId, samples.Select(s => JsonSample.Of(second, s.Country, s.Kind, "free", s.Count)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return !(await response.Content.ReadFromJsonAsync<UsageEndpoints.IngestResponse>(Ct))!.Duplicate;
    }

    /// <summary>The read API's total over a range, from one node (the database, journal included).</summary>
    public async Task<long> TotalAsync(ConsoleAppFactory node, DateTimeOffset from, DateTimeOffset to)
    {
        var keys = node.Services.GetRequiredService<ApiKeyService>();
        var key = (await keys.CreateAsync($"reader-{Guid.NewGuid():N}", ["usage:read"], Actor.Console(), Ct)).Key;
        using var client = new HttpClient { BaseAddress = node.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var volume = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/v1/usage/volume?from={JsonSample.Iso(from)}&to={JsonSample.Iso(to)}", Ct);
        return volume.GetProperty("total").GetInt64();
    }

    /// <summary>What <c>/health/ready</c> says on a node: its status code and its body (Healthy, Degraded, Unhealthy).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(ConsoleAppFactory node)
    {
        using var client = new HttpClient { BaseAddress = node.ServerAddress };
        using var response = await client.GetAsync("/health/ready", Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>
    /// A second far enough ahead that its tick is still to come once batches for it are acknowledged, also on a busy
    /// machine where a post takes a second or two.
    /// </summary>
    public static DateTimeOffset SecondAhead(int seconds = 6) => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds);

    /// <summary>Waits (up to 20 seconds) until <paramref name="probe"/> finds something.</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            try
            {
                await Task.Delay(25, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
        }
    }

    /// <summary>Waits (up to 20 seconds) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }

        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(RedisServer redis, string? databasePath)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:BusinessCount"] = "0",
            ["Usage:Simulator:Enabled"] = "false",
            ["SignalR:Redis"] = redis.ConnectionString,
        };
        if (databasePath is not null)
        {
            settings["ConnectionStrings:" + Dashboard.Data.DataServiceCollectionExtensions.ConnectionStringName] = $"Data Source={databasePath}";
        }

        return settings;
    }

    /// <summary>One hub client and the ticks it received.</summary>
    public sealed class HubClient(HubConnection connection)
    {
        public HubConnection Connection { get; } = connection;

        public ConcurrentQueue<VolumeTick> Ticks { get; } = new();

        public ConcurrentQueue<RegionTick> RegionTicks { get; } = new();

        /// <summary>Waits for the tick of a second, then until two later seconds have come too, so a duplicate would have arrived.</summary>
        public async Task<VolumeTick> TickOfAsync(DateTimeOffset second)
        {
            var tick = await WaitForAsync(() => Ticks.FirstOrDefault(t => t.At == second), $"the tick of {second:HH:mm:ss}");
            await WaitForAsync(() => Ticks.FirstOrDefault(t => t.At >= second.AddSeconds(2)), $"the tick two seconds after {second:HH:mm:ss}");
            Assert.Single(Ticks, t => t.At == second);
            return tick;
        }
    }
}
