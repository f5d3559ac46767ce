using Bunit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Usage;
using Dashboard.Data.Verification;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Dashboard.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The overview's world on a fresh SQLite file and a fake clock: the real store, window, series and overview source, and
/// a feed the test publishes to. <see cref="SendAsync"/> counts like an acknowledged batch: in the journal and in the window.
/// </summary>
public sealed class OverviewWorld : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 10:05:30 UTC: five minutes and a half into the hour.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 5, 30, TimeSpan.Zero);

    private readonly AdminTestServices _services;

    private OverviewWorld(AdminTestServices services, FakeTimeProvider time)
    {
        _services = services;
        Time = time;
        Regions = new UsageRegions(Options.Create(new UsageOptions()));
        Window = new UsageWindow(Regions, new UsageTiers(Store, time), time);
        Series = new UsageLiveSeries(Window, time);
        Source = new UsageOverviewSource(new UsageQueries(Store, Regions), Window, Series, services.Get<IBusinessStore>(),
            services.Get<IVerificationStore>(), services.Get<IOptions<VerificationOptions>>(), time, NullLogger<UsageOverviewSource>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public TestUsageFeed Feed { get; } = new();

    public UsageRegions Regions { get; }

    public UsageWindow Window { get; }

    public UsageLiveSeries Series { get; }

    public UsageOverviewSource Source { get; }

    public IUsageStore Store => _services.Get<IUsageStore>();

    public IServiceProvider Services => _services.Services;

    public static async Task<OverviewWorld> CreateAsync()
    {
        var time = new FakeTimeProvider(Start);
        return new OverviewWorld(await AdminTestServices.CreateAsync(time), time);
    }

    /// <summary>Counts messages sent in one second, as an acknowledged batch is counted: journaled per minute and added to the window.</summary>
    public async Task SendAsync(DateTimeOffset second, string kind, long count, string country = "DE")
    {
        var at = second.ToUnixTimeSeconds();
        var cell = new UsageCell(UsageBuckets.Floor(at, UsageGranularity.Minute), country, kind, "free", count);
        await _services.Get<IUsageStore>().AppendAsync([new UsageBatch(Guid.NewGuid(), Time.GetUtcNow(), 1, "test", [cell])], CancellationToken.None);
        Window.Add([UsageKey.Pack(at, UsageCountryCodes.Index(country), UsageKinds.IndexOf(kind), 0)], [count]);
    }

    /// <summary>Adds to the live window only (no journal), for tests of what the live views draw.</summary>
    public void Count(DateTimeOffset second, string kind, long count, string country = "DE") =>
        Window.Add([UsageKey.Pack(second.ToUnixTimeSeconds(), UsageCountryCodes.Index(country), UsageKinds.IndexOf(kind), 0)], [count]);

    /// <summary>Moves the clock on a second and publishes the tick of the second that just completed, as the ticker does.</summary>
    public Task TickAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        return Feed.PublishAsync(Window.Tick(Window.LastCompleteSecond));
    }

    /// <summary>Registers the console's data services over this world's database, and the overview's pieces, in a bUnit context.</summary>
    public void AddTo(BunitContext context, System.Security.Claims.ClaimsPrincipal user)
    {
        _services.AddTo(context, user);
        context.Services.AddSingleton<TimeProvider>(Time);
        context.Services.AddSingleton<IUsageFeed>(Feed);
        context.Services.AddSingleton(Source);
        context.Services.AddSingleton(new Dashboard.Usage.Simulation.UsageBackfillStatus());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A feed the test publishes to, which counts its open subscriptions.</summary>
public sealed class TestUsageFeed : IUsageFeed
{
    private readonly Lock _lock = new();
    private readonly List<Func<VolumeTick, Task>> _subscribers = [];

    public VolumeTick? Latest { get; private set; }

    public int Subscriptions
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(Func<VolumeTick, Task> onTick)
    {
        lock (_lock)
        {
            _subscribers.Add(onTick);
        }

        return new Unsubscribe(() =>
        {
            lock (_lock)
            {
                _subscribers.Remove(onTick);
            }
        });
    }

    public async Task PublishAsync(VolumeTick tick)
    {
        Latest = tick;
        List<Func<VolumeTick, Task>> subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber(tick);
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
