namespace Dashboard.Data.Usage;

/// <summary>
/// Message-volume counters: the journal of acknowledged batches, the minute, hour and day rollups, and their retention.
/// Reads include what is still in the journal, so every acknowledged count is read back at once.
/// </summary>
public interface IUsageStore
{
    /// <summary>
    /// Journals batches in one transaction. A batch id seen before is not journaled again; for each batch the answer
    /// says whether it was new (true) or a replay (false). When this returns, the new batches are durable.
    /// </summary>
    Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<UsageBatch> batches, CancellationToken cancellationToken);

    /// <summary>
    /// Merges up to <paramref name="maxEntries"/> (at most 1,000) journal entries into the minute, hour and day rollups
    /// and deletes them, in one transaction. Answers how many entries it moved (0 when the journal is empty, or when
    /// another node flushed some of them first).
    /// </summary>
    Task<int> FlushJournalAsync(int maxEntries, CancellationToken cancellationToken);

    /// <summary>Journal entries not yet merged into the rollups.</summary>
    Task<int> JournalCountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds cells of <paramref name="finest"/> granularity to its rollup and to every coarser one, in one transaction
    /// (for history that bypasses the journal, such as a backfill). Bucket starts must be aligned to the granularity.
    /// </summary>
    Task AddToRollupsAsync(UsageGranularity finest, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken);

    /// <summary>
    /// Totals per country, kind and tier over [<paramref name="from"/>, <paramref name="to"/>), both whole minutes:
    /// whole days from the day rollup, whole hours from the hour rollup, the rest from minutes, plus the journal.
    /// </summary>
    Task<IReadOnlyList<UsageTotal>> TotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One granularity's buckets over [<paramref name="from"/>, <paramref name="to"/>), split as asked, journal included; ordered by bucket, then name.</summary>
    Task<IReadOnlyList<UsageSeriesPoint>> SeriesAsync(UsageGranularity granularity, DateTimeOffset from, DateTimeOffset to, UsageSplit split, CancellationToken cancellationToken);

    /// <summary>The rows of one rollup table over [<paramref name="from"/>, <paramref name="to"/>), as stored (journal not included).</summary>
    Task<IReadOnlyList<UsageCell>> RollupAsync(UsageGranularity granularity, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Deletes rollup rows and batch ids older than the cut-offs, a slice at a time so that writers are never held up for long.</summary>
    Task<UsagePurgeResult> PurgeAsync(UsageRetentionCutoffs cutoffs, CancellationToken cancellationToken);

    /// <summary>The codes of the tier catalogue, which samples must name.</summary>
    Task<IReadOnlyList<string>> TierCodesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds rows to the minute, hour and day rollups exactly as given, in one transaction, deriving nothing: the bulk path
    /// of a backfill that computes every granularity itself and keeps them consistent (each hour the sum of its minutes,
    /// each day the sum of its hours). Bucket starts must be aligned to their granularity and counts not negative; a bucket,
    /// country, kind and tier appears at most once per granularity; a row that exists is added to.
    /// </summary>
    Task AddRollupRowsAsync(UsageRollupRows rows, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the minute, hour and day rows whose buckets start in [<paramref name="from"/>, <paramref name="to"/>) (Unix
    /// seconds); answers how many. For a backfill that starts over where an earlier one was stopped half-way.
    /// </summary>
    Task<long> ClearRollupsAsync(long from, long to, CancellationToken cancellationToken);

    /// <summary>The start (Unix seconds) of the oldest bucket of one rollup, or null when it is empty.</summary>
    Task<long?> OldestBucketAsync(UsageGranularity granularity, CancellationToken cancellationToken);

    /// <summary>The latest day (Unix seconds of 00:00 UTC) with per-business usage, or null when there is none.</summary>
    Task<long?> LatestBusinessDayAsync(CancellationToken cancellationToken);

    /// <summary>Per-business daily usage of the days in [<paramref name="fromDay"/>, <paramref name="toDay"/>), by business, then day.</summary>
    Task<IReadOnlyList<BusinessUsageDay>> BusinessDaysAsync(long fromDay, long toDay, CancellationToken cancellationToken);

    /// <summary>
    /// Stores per-business days in one transaction, leaving a business's day that is stored already as it is (so that
    /// writing the same day twice counts it once); answers how many were new.
    /// </summary>
    Task<int> AddBusinessDaysAsync(IReadOnlyList<BusinessUsageDay> days, CancellationToken cancellationToken);
}
