using Dashboard.Data.Businesses;
using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>What was sent in one second (or a span of seconds): the total, by kind and by region. Dictionaries name every kind and region.</summary>
public sealed record VolumeTick(DateTimeOffset At, long Total, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByRegion);

/// <summary>What was sent in one region in one second: the total and by kind.</summary>
public sealed record RegionTick(DateTimeOffset At, string Region, long Total, IReadOnlyDictionary<string, long> ByKind);

/// <summary>Sums over a span of the window, by kind, region, country (those with messages) and tier (those with messages).</summary>
public sealed record UsageWindowTotals(DateTimeOffset From, DateTimeOffset To, long Total, IReadOnlyDictionary<string, long> ByKind,
    IReadOnlyDictionary<string, long> ByRegion, IReadOnlyDictionary<string, long> ByCountry, IReadOnlyDictionary<string, long> ByTier);

/// <summary>
/// The live per-second counts of the last 15 minutes, shared by the whole node: fed by every acknowledged batch,
/// read by the ticker, the hub and the overview. A ring of one slot per second, each slot holding counts by kind,
/// by region and kind, by country and by tier in flat arrays; one lock keeps adds and reads exact.
/// </summary>
public sealed class UsageWindow
{
    /// <summary>How far back the window reaches.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    // 15 minutes back, up to 5 minutes ahead (samples may be that far ahead of the clock), and a minute to spare.
    private const int Slots = (15 + 5 + 1) * 60;
    private const int AheadSeconds = 6 * 60;

    private static readonly int s_kinds = UsageKinds.All.Count;
    private static readonly string[] s_countries = [.. Countries.All.Order(StringComparer.Ordinal)];
    private static readonly int[] s_denseCountry = BuildDenseCountries();

    private readonly Lock _lock = new();
    private readonly UsageRegions _regions;
    private readonly UsageTiers _tiers;
    private readonly TimeProvider _time;
    private readonly int _regionCount;
    private readonly long[] _second = new long[Slots];
    private readonly long[] _byKind = new long[Slots * s_kinds];
    private readonly long[] _byRegionKind;
    private readonly long[] _byCountry = new long[Slots * s_countries.Length];
    private readonly long[] _byTier = new long[Slots * UsageTiers.MaxTiers];

    public UsageWindow(UsageRegions regions, UsageTiers tiers, TimeProvider time)
    {
        _regions = regions;
        _tiers = tiers;
        _time = time;
        _regionCount = regions.Names.Count;
        Started = time.GetUtcNow();
        _byRegionKind = new long[Slots * _regionCount * s_kinds];
        Array.Fill(_second, long.MinValue);
    }

    /// <summary>When this node began counting: seconds before it hold only counts that reached the node later.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>The last second that has fully passed.</summary>
    public DateTimeOffset LastCompleteSecond => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds() - 1);

    /// <summary>Adds an acknowledged batch's per-second cells (packed keys, see <see cref="UsageKey"/>); seconds outside the window are left out.</summary>
    internal void Add(ReadOnlySpan<long> keys, ReadOnlySpan<long> counts)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var oldest = now - (long)Length.TotalSeconds;
        var newest = now + AheadSeconds;
        lock (_lock)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                var second = UsageKey.Time(keys[i]);
                if (second < oldest || second > newest)
                {
                    continue;
                }

                var slot = (int)(second % Slots);
                if (_second[slot] != second)
                {
                    if (_second[slot] > second)
                    {
                        continue;
                    }

                    Clear(slot);
                    _second[slot] = second;
                }

                var count = counts[i];
                var kind = UsageKey.Kind(keys[i]);
                var country = UsageKey.Country(keys[i]);
                _byKind[(slot * s_kinds) + kind] += count;
                if (_regions.IndexOfCountry(country) is var region and >= 0)
                {
                    _byRegionKind[(((slot * _regionCount) + region) * s_kinds) + kind] += count;
                }

                if (s_denseCountry[country] is var dense and >= 0)
                {
                    _byCountry[(slot * s_countries.Length) + dense] += count;
                }

                _byTier[(slot * UsageTiers.MaxTiers) + UsageKey.Tier(keys[i])] += count;
            }
        }
    }

    /// <summary>The counts of one second (zero outside the window).</summary>
    public VolumeTick Tick(DateTimeOffset second)
    {
        var at = second.ToUnixTimeSeconds();
        Span<long> kinds = stackalloc long[s_kinds];
        Span<long> regions = stackalloc long[_regionCount];
        lock (_lock)
        {
            var slot = (int)(((at % Slots) + Slots) % Slots);
            if (_second[slot] == at)
            {
                _byKind.AsSpan(slot * s_kinds, s_kinds).CopyTo(kinds);
                for (var r = 0; r < _regionCount; r++)
                {
                    regions[r] = Sum(_byRegionKind.AsSpan(((slot * _regionCount) + r) * s_kinds, s_kinds));
                }
            }
        }

        return new VolumeTick(DateTimeOffset.FromUnixTimeSeconds(at), Sum(kinds), KindMap(kinds), RegionMap(regions));
    }

    /// <summary>The counts of one region in one second.</summary>
    public RegionTick RegionTick(DateTimeOffset second, string region)
    {
        var at = second.ToUnixTimeSeconds();
        var index = _regions.Names.ToList().IndexOf(region);
        Span<long> kinds = stackalloc long[s_kinds];
        if (index >= 0)
        {
            lock (_lock)
            {
                var slot = (int)(((at % Slots) + Slots) % Slots);
                if (_second[slot] == at)
                {
                    _byRegionKind.AsSpan(((slot * _regionCount) + index) * s_kinds, s_kinds).CopyTo(kinds);
                }
            }
        }

        return new RegionTick(DateTimeOffset.FromUnixTimeSeconds(at), region, Sum(kinds), KindMap(kinds));
    }

    /// <summary>One tick per second of [<paramref name="from"/>, <paramref name="to"/>), oldest first, for charts.</summary>
    public IReadOnlyList<VolumeTick> Range(DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = new List<VolumeTick>();
        for (var at = from.ToUnixTimeSeconds(); at < to.ToUnixTimeSeconds(); at++)
        {
            ticks.Add(Tick(DateTimeOffset.FromUnixTimeSeconds(at)));
        }

        return ticks;
    }

    /// <summary>Sums over the seconds of [<paramref name="from"/>, <paramref name="to"/>) that the window holds.</summary>
    public UsageWindowTotals Totals(DateTimeOffset from, DateTimeOffset to)
    {
        var kinds = new long[s_kinds];
        var regions = new long[_regionCount];
        var countries = new long[s_countries.Length];
        var tiers = new long[UsageTiers.MaxTiers];
        lock (_lock)
        {
            for (var at = from.ToUnixTimeSeconds(); at < to.ToUnixTimeSeconds(); at++)
            {
                var slot = (int)(((at % Slots) + Slots) % Slots);
                if (_second[slot] != at)
                {
                    continue;
                }

                Add(kinds, _byKind.AsSpan(slot * s_kinds, s_kinds));
                for (var r = 0; r < _regionCount; r++)
                {
                    regions[r] += Sum(_byRegionKind.AsSpan(((slot * _regionCount) + r) * s_kinds, s_kinds));
                }

                Add(countries, _byCountry.AsSpan(slot * s_countries.Length, s_countries.Length));
                Add(tiers, _byTier.AsSpan(slot * UsageTiers.MaxTiers, UsageTiers.MaxTiers));
            }
        }

        var tierCodes = _tiers.Codes;
        return new UsageWindowTotals(from, to, Sum(kinds), KindMap(kinds), RegionMap(regions),
            Enumerable.Range(0, countries.Length).Where(i => countries[i] != 0).ToDictionary(i => s_countries[i], i => countries[i], StringComparer.Ordinal),
            Enumerable.Range(0, Math.Min(tierCodes.Count, tiers.Length)).Where(i => tiers[i] != 0).ToDictionary(i => tierCodes[i], i => tiers[i], StringComparer.Ordinal));
    }

    private void Clear(int slot)
    {
        _byKind.AsSpan(slot * s_kinds, s_kinds).Clear();
        _byRegionKind.AsSpan(slot * _regionCount * s_kinds, _regionCount * s_kinds).Clear();
        _byCountry.AsSpan(slot * s_countries.Length, s_countries.Length).Clear();
        _byTier.AsSpan(slot * UsageTiers.MaxTiers, UsageTiers.MaxTiers).Clear();
    }

    private static Dictionary<string, long> KindMap(ReadOnlySpan<long> kinds)
    {
        var map = new Dictionary<string, long>(s_kinds, StringComparer.Ordinal);
        for (var k = 0; k < s_kinds; k++)
        {
            map[UsageKinds.All[k]] = kinds[k];
        }

        return map;
    }

    private Dictionary<string, long> RegionMap(ReadOnlySpan<long> regions)
    {
        var map = new Dictionary<string, long>(_regionCount, StringComparer.Ordinal);
        for (var r = 0; r < _regionCount; r++)
        {
            map[_regions.Names[r]] = regions[r];
        }

        return map;
    }

    private static long Sum(ReadOnlySpan<long> values)
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static void Add(long[] into, ReadOnlySpan<long> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            into[i] += values[i];
        }
    }

    private static int[] BuildDenseCountries()
    {
        var dense = new int[UsageCountryCodes.Count];
        Array.Fill(dense, -1);
        for (var i = 0; i < s_countries.Length; i++)
        {
            dense[UsageCountryCodes.Index(s_countries[i])] = i;
        }

        return dense;
    }
}
