using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>What totals are grouped by.</summary>
public enum UsageGroupBy
{
    None,
    Kind,
    Country,
    Region,
    Tier,
}

/// <summary>The total of one group.</summary>
public sealed record UsageGroupTotal(string Key, long Count);

/// <summary>Totals over a range: the whole, and per group (largest first) when grouped.</summary>
public sealed record UsageVolume(DateTimeOffset From, DateTimeOffset To, string? GroupBy, long Total, IReadOnlyList<UsageGroupTotal> Groups);

/// <summary>Reads usage from the rollups and the journal, grouped the way callers ask (regions from <see cref="UsageRegions"/>).</summary>
public sealed class UsageQueries(IUsageStore store, UsageRegions regions)
{
    /// <summary>
    /// Totals over [<paramref name="from"/>, <paramref name="to"/>), widened to whole minutes (the finest rollup):
    /// every acknowledged sample counts, merged into the rollups yet or not. Kinds and regions are listed even at zero.
    /// </summary>
    public async Task<UsageVolume> VolumeAsync(DateTimeOffset from, DateTimeOffset to, UsageGroupBy groupBy, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Floor(from.ToUnixTimeSeconds(), UsageGranularity.Minute));
        var end = DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Ceiling(to.ToUnixTimeSeconds() + (to.UtcTicks % TimeSpan.TicksPerSecond == 0 ? 0 : 1), UsageGranularity.Minute));
        var totals = await store.TotalsAsync(start, end, cancellationToken);
        var groups = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in groupBy switch { UsageGroupBy.Kind => UsageKinds.All, UsageGroupBy.Region => regions.Names, _ => [] })
        {
            groups[name] = 0;
        }

        foreach (var total in totals)
        {
            var key = groupBy switch
            {
                UsageGroupBy.Kind => total.Kind,
                UsageGroupBy.Country => total.Country,
                UsageGroupBy.Region => regions.RegionOf(total.Country) ?? "",
                UsageGroupBy.Tier => total.Tier,
                _ => null,
            };
            if (key is not null)
            {
                groups[key] = groups.GetValueOrDefault(key) + total.MessageCount;
            }
        }

        return new UsageVolume(start, end, groupBy == UsageGroupBy.None ? null : groupBy.ToString().ToLowerInvariant(), totals.Sum(t => t.MessageCount),
            [.. groups.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new UsageGroupTotal(g.Key, g.Value))]);
    }

    /// <summary>A series of one granularity over [<paramref name="from"/>, <paramref name="to"/>), split as asked (regions mapped from countries), journal included.</summary>
    public async Task<IReadOnlyList<UsageSeriesPoint>> SeriesAsync(UsageGranularity granularity, DateTimeOffset from, DateTimeOffset to, UsageGroupBy groupBy,
        CancellationToken cancellationToken)
    {
        var split = groupBy switch
        {
            UsageGroupBy.Kind => UsageSplit.Kind,
            UsageGroupBy.Country or UsageGroupBy.Region => UsageSplit.Country,
            UsageGroupBy.Tier => UsageSplit.Tier,
            _ => UsageSplit.None,
        };
        var points = await store.SeriesAsync(granularity, from, to, split, cancellationToken);
        if (groupBy != UsageGroupBy.Region)
        {
            return points;
        }

        return [.. points.GroupBy(p => (p.BucketStart, Region: regions.RegionOf(p.Name) ?? ""))
            .Select(g => new UsageSeriesPoint(g.Key.BucketStart, g.Key.Region, g.Sum(p => p.MessageCount)))
            .OrderBy(p => p.BucketStart).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }
}
