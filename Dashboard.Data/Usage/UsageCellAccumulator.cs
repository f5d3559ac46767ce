namespace Dashboard.Data.Usage;

/// <summary>
/// Sums cells by bucket, country, kind and tier under one 64-bit key (bucket number, country index, kind, tier
/// index), so that merging a million journal cells costs a dictionary update each and no allocation.
/// With no granularity every cell falls into one bucket: totals over a range.
/// </summary>
internal sealed class UsageCellAccumulator(UsageGranularity? granularity)
{
    private const int TierBits = 8;
    private const int KindBits = 3;
    private const int CountryBits = 10;

    private readonly Dictionary<long, long> _counts = [];
    private readonly List<string> _tiers = [];
    private readonly Dictionary<string, int> _tierIndexes = new(StringComparer.Ordinal);

    public int Count => _counts.Count;

    public void Add(in UsageCell cell) =>
        Add(cell.BucketStart, UsageCountryCodes.Index(cell.Country), UsageKinds.IndexOf(cell.Kind), TierIndex(cell.Tier), cell.MessageCount);

    /// <summary>Adds the cells of a journal entry whose minute lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void AddJournal(ReadOnlySpan<byte> entry, long from = long.MinValue, long to = long.MaxValue)
    {
        var reader = new UsageJournalReader(entry);
        Span<int> tiers = stackalloc int[reader.Tiers.Length];
        for (var i = 0; i < tiers.Length; i++)
        {
            tiers[i] = TierIndex(reader.Tiers[i]);
        }

        while (reader.Next(out var bucketStart, out var country, out var kind, out var tier, out var count))
        {
            if (bucketStart >= from && bucketStart < to)
            {
                Add(bucketStart, country, kind, tiers[tier], count);
            }
        }
    }

    /// <summary>The sums as cells; with no granularity their bucket is 0.</summary>
    public List<UsageCell> ToCells()
    {
        var cells = new List<UsageCell>(_counts.Count);
        var seconds = granularity?.Seconds() ?? 0;
        foreach (var (key, count) in _counts)
        {
            var tier = (int)(key & ((1 << TierBits) - 1));
            var kind = (int)((key >> TierBits) & ((1 << KindBits) - 1));
            var country = (int)((key >> (TierBits + KindBits)) & ((1 << CountryBits) - 1));
            var bucket = key >> (TierBits + KindBits + CountryBits);
            cells.Add(new UsageCell(bucket * seconds, UsageCountryCodes.Code(country), UsageKinds.All[kind], _tiers[tier], count));
        }

        // Key order is bucket, then country, kind, tier: the rollups' primary key order, which keeps upserts local.
        cells.Sort(static (a, b) => a.BucketStart != b.BucketStart ? a.BucketStart.CompareTo(b.BucketStart)
            : string.CompareOrdinal(a.Country, b.Country) is var c and not 0 ? c
            : string.CompareOrdinal(a.Kind, b.Kind) is var k and not 0 ? k
            : string.CompareOrdinal(a.Tier, b.Tier));
        return cells;
    }

    private void Add(long bucketStart, int country, int kind, int tier, long count)
    {
        if (country < 0 || kind < 0)
        {
            throw new InvalidDataException("A usage cell has an unknown country or kind.");
        }

        var bucket = granularity is { } g ? UsageBuckets.Floor(bucketStart, g) / g.Seconds() : 0;
        var key = (bucket << (TierBits + KindBits + CountryBits)) | ((long)country << (TierBits + KindBits)) | ((long)kind << TierBits) | (long)tier;
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        slot += count;
    }

    private int TierIndex(string tier)
    {
        if (!_tierIndexes.TryGetValue(tier, out var index))
        {
            if (_tiers.Count == 1 << TierBits)
            {
                throw new InvalidDataException("More than 256 tiers in one merge.");
            }

            index = _tiers.Count;
            _tiers.Add(tier);
            _tierIndexes[tier] = index;
        }

        return index;
    }
}
