using Dashboard.Data.Usage;
using Dashboard.Usage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>The live per-second window: exact under concurrent adds, mapped to regions, forgetting what is older than 15 minutes.</summary>
public sealed class UsageWindowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly UsageWindow _window;

    public UsageWindowTests()
    {
        var options = Options.Create(new UsageOptions());
        _window = new UsageWindow(new UsageRegions(options), new UsageTiers(null!, _time), _time);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void Add_FromEightThreadsAtOnce_CountsExactly()
    {
        var second = Now - 1;
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                _window.Add([UsageKey.Pack(second, UsageCountryCodes.Index("DE"), 1, 0), UsageKey.Pack(second, UsageCountryCodes.Index("BR"), 0, 0)], [3, 1]);
            }
        });

        var tick = _window.Tick(At(second));

        Assert.Equal(8 * 10_000 * 4, tick.Total);
        Assert.Equal(8 * 10_000 * 3, tick.ByKind[UsageKinds.Photo]);
        Assert.Equal(8 * 10_000 * 3, tick.ByRegion["Europe"]);
        Assert.Equal(8 * 10_000, tick.ByRegion["Latin America"]);
        Assert.Equal(0, tick.ByRegion["Asia-Pacific"]);
        Assert.Equal(8 * 10_000 * 3, _window.RegionTick(At(second), "Europe").ByKind[UsageKinds.Photo]);
    }

    [Fact]
    public void Add_SecondsOlderThanTheWindow_AreLeftOut_AndASlotReusedLaterStartsFromZero()
    {
        var old = Now - 16 * 60;
        var kept = Now - 14 * 60;
        _window.Add([UsageKey.Pack(old, UsageCountryCodes.Index("US"), 0, 0), UsageKey.Pack(kept, UsageCountryCodes.Index("US"), 0, 0)], [5, 7]);

        Assert.Equal(0, _window.Tick(At(old)).Total);
        Assert.Equal(7, _window.Tick(At(kept)).Total);

        // Twenty-one minutes on, the ring's slot of that second holds another second.
        _time.Advance(TimeSpan.FromMinutes(21));
        var reuse = kept + (21 * 60);
        _window.Add([UsageKey.Pack(reuse, UsageCountryCodes.Index("US"), 0, 0)], [2]);

        Assert.Equal(2, _window.Tick(At(reuse)).Total);
        Assert.Equal(0, _window.Tick(At(kept)).Total);
    }

    [Fact]
    public void Totals_SumASpan_ByKindRegionAndCountry()
    {
        var from = Now - 60;
        _window.Add([UsageKey.Pack(from, UsageCountryCodes.Index("JP"), 4, 0)], [10]);
        _window.Add([UsageKey.Pack(from + 30, UsageCountryCodes.Index("JP"), 4, 0), UsageKey.Pack(from + 30, UsageCountryCodes.Index("NG"), 2, 0)], [5, 1]);
        _window.Add([UsageKey.Pack(from + 60, UsageCountryCodes.Index("JP"), 4, 0)], [100]);

        var totals = _window.Totals(At(from), At(from + 60));

        Assert.Equal(16, totals.Total);
        Assert.Equal(15, totals.ByKind[UsageKinds.Document]);
        Assert.Equal(15, totals.ByRegion["Asia-Pacific"]);
        Assert.Equal(1, totals.ByRegion["Middle East & Africa"]);
        Assert.Equal(new Dictionary<string, long> { ["JP"] = 15, ["NG"] = 1 }, totals.ByCountry);
        Assert.Equal(61, _window.Range(At(from), At(from + 61)).Count);
    }

    private static DateTimeOffset At(long second) => DateTimeOffset.FromUnixTimeSeconds(second);
}
