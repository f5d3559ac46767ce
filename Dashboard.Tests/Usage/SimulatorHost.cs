using Dapper;
using Dashboard.Data;
using Dashboard.Data.Usage;
using Dashboard.Usage;
using Dashboard.Usage.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The console's usage services (<c>AddDashboardData</c> and <c>AddUsage</c>, simulator on) in a host of their own, on a
/// migrated SQLite file and a fake clock: started and stopped as the console starts and stops them.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    /// <summary>The seed the tests run the simulator with.</summary>
    public const int Seed = 7;

    private readonly IHost _host;
    private bool _running;

    private SimulatorHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public UsageBackfillStatus Backfill => Services.GetRequiredService<UsageBackfillStatus>();

    public IUsageStore Store => Services.GetRequiredService<IUsageStore>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The model the simulator runs with the default reference time and <see cref="Seed"/>.</summary>
    public static TrafficModel Model() => new(Seed, new SimulatorOptions().Reference);

    /// <summary>Builds the host; <see cref="StartAsync()"/> starts it (and throws what start-up validation throws).</summary>
    public static SimulatorHost Create(Database database, TimeProvider time, IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        var configuration = new Dictionary<string, string?>
        {
            ["Usage:Simulator:Enabled"] = "true",
            ["Usage:Simulator:Seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Usage:Simulator:BackfillDays"] = "0",
            ["Usage:Simulator:BackfillMinuteDays"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(database);
        builder.Services.AddDashboardData(builder.Configuration);
        builder.Services.AddUsage(builder.Configuration);
        return new SimulatorHost(builder.Build());
    }

    public static async Task<SimulatorHost> StartAsync(Database database, TimeProvider time, IDictionary<string, string?>? settings = null)
    {
        var host = Create(database, time, settings);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        await _host.StartAsync(Ct);
        _running = true;
    }

    public async Task StopAsync()
    {
        _running = false;
        await _host.StopAsync(Ct);
    }

    /// <summary>Waits (on the real clock) until the backfill has finished, was not needed, stopped or failed.</summary>
    public async Task<UsageBackfillProgress> BackfillFinishedAsync() => await Backfill.Finished.WaitAsync(TimeSpan.FromSeconds(60), Ct);

    /// <summary>The simulator's batches as journaled: sample counts in the order they arrived.</summary>
    public async Task<IReadOnlyList<int>> BatchesAsync()
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync(Ct);
        return (await connection.QueryAsync<int>("SELECT SampleCount FROM IngestedBatches WHERE ApiKeyName = @Source ORDER BY ReceivedAt;",
            new { UsageSimulator.Source })).AsList();
    }

    /// <summary>Polls a condition on the real clock until it holds; fails after 30 seconds naming what was awaited.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>Advances the fake clock one second at a time, each time waiting for the simulator's batch of the second just completed.</summary>
    public async Task RunSecondsAsync(FakeTimeProvider time, int seconds)
    {
        // The simulator starts on a thread of its own: the clock moves only once it has chosen its first second.
        await Services.GetServices<IHostedService>().OfType<UsageSimulator>().Single().Started.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var window = Services.GetRequiredService<UsageWindow>();
        for (var i = 0; i < seconds; i++)
        {
            var before = (await BatchesAsync()).Count;
            time.Advance(TimeSpan.FromSeconds(1));
            var second = time.GetUtcNow().ToUnixTimeSeconds() - 1;
            await WaitUntilAsync(async () => (await BatchesAsync()).Count > before && window.Tick(DateTimeOffset.FromUnixTimeSeconds(second)).Total > 0,
                $"the batch of {DateTimeOffset.FromUnixTimeSeconds(second):O} is counted");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await _host.StopAsync(CancellationToken.None);
        }

        _host.Dispose();
    }
}
