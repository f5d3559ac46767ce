using System.Collections.Frozen;
using System.Data.Common;
using Dapper;

namespace Dashboard.Data.Usage;

/// <summary>
/// <see cref="IUsageStore"/> for both providers: the SQL they share lives here, what differs (the idempotent batch
/// insert, the upsert, transaction modes, the journal's first rows) in <see cref="SqliteUsageStore"/> and
/// <see cref="SqlServerUsageStore"/>.
/// </summary>
public abstract class UsageStore(Database database) : IUsageStore
{
    /// <summary>The most journal entries one flush merges (also keeps the id list of its DELETE within SQL Server's parameter limit).</summary>
    public const int MaxFlushEntries = 1000;

    protected const string InsertJournalSql = """
        INSERT INTO UsageJournal (BatchId, FirstBucket, LastBucket, Cells) VALUES (@BatchId, @FirstBucket, @LastBucket, @Cells);
        """;

    protected const string DeleteJournalSql = "DELETE FROM UsageJournal WHERE Id IN @Ids;";

    private const string JournalCountSql = "SELECT COUNT(*) FROM UsageJournal;";

    private const string JournalInRangeSql = "SELECT Cells FROM UsageJournal WHERE LastBucket >= @From AND FirstBucket < @To;";

    private const string TierCodesSql = "SELECT Code FROM Tiers ORDER BY SortOrder, Code;";

    // Whole days from the day rollup, the hours around them from the hour rollup, the minutes around those from minutes.
    private const string TotalsSql = """
        SELECT u.Country, u.Kind, u.Tier, SUM(u.MessageCount) AS MessageCount
        FROM (
            SELECT Country, Kind, Tier, MessageCount FROM UsageDay WHERE BucketStart >= @DayFrom AND BucketStart < @DayTo
            UNION ALL
            SELECT Country, Kind, Tier, MessageCount FROM UsageHour WHERE BucketStart >= @HourFrom1 AND BucketStart < @HourTo1
            UNION ALL
            SELECT Country, Kind, Tier, MessageCount FROM UsageHour WHERE BucketStart >= @HourFrom2 AND BucketStart < @HourTo2
            UNION ALL
            SELECT Country, Kind, Tier, MessageCount FROM UsageMinute WHERE BucketStart >= @MinuteFrom1 AND BucketStart < @MinuteTo1
            UNION ALL
            SELECT Country, Kind, Tier, MessageCount FROM UsageMinute WHERE BucketStart >= @MinuteFrom2 AND BucketStart < @MinuteTo2
        ) u
        GROUP BY u.Country, u.Kind, u.Tier;
        """;

    private static readonly UsageGranularity[] s_granularities = [UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day];

    private static readonly IReadOnlyDictionary<string, string> s_seriesSql = s_granularities
        .SelectMany(g => Enum.GetValues<UsageSplit>().Select(s => (Key: SeriesKey(g, s), Sql: SeriesText(g, s))))
        .ToFrozenDictionary(e => e.Key, e => e.Sql, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> s_rollupSql = s_granularities.ToFrozenDictionary(g => g.ToString(), g => $"""
        SELECT BucketStart, Country, Kind, Tier, MessageCount FROM {g.Table()}
        WHERE BucketStart >= @From AND BucketStart < @To
        ORDER BY BucketStart, Country, Kind, Tier;
        """, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> s_oldestSql = s_granularities.ToFrozenDictionary(
        g => g.ToString(), g => $"SELECT MIN(BucketStart) FROM {g.Table()};", StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> s_purgeSql = s_granularities.ToFrozenDictionary(
        g => g.ToString(), g => $"DELETE FROM {g.Table()} WHERE BucketStart < @Before;", StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> s_clearSql = s_granularities.ToFrozenDictionary(
        g => g.ToString(), g => $"DELETE FROM {g.Table()} WHERE BucketStart >= @From AND BucketStart < @To;", StringComparer.Ordinal);

    private const string OldestBatchSql = "SELECT MIN(ReceivedAt) FROM IngestedBatches;";

    private const string PurgeBatchesSql = "DELETE FROM IngestedBatches WHERE ReceivedAt < @Before;";

    private const string LatestBusinessDaySql = "SELECT MAX(Day) FROM BusinessUsageDay;";

    private const string BusinessDaysSql = """
        SELECT BusinessId, Day, Conversations, Messages FROM BusinessUsageDay
        WHERE Day >= @From AND Day < @To
        ORDER BY BusinessId, Day;
        """;

    // A bulk write hands the provider at most this many rows at a time (on SQL Server: one table-valued parameter).
    private const int BulkSlice = 50_000;

    protected Database Database { get; } = database;

    /// <summary>The store for the configured provider.</summary>
    public static UsageStore Create(Database database) => database.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerUsageStore(database),
        _ => new SqliteUsageStore(database),
    };

    /// <summary>Starts the transaction of a write: on SQLite it takes the write lock at once.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts a read that sees the journal and the rollups as of one moment, never a flush half-way.</summary>
    protected abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Records a batch id unless it is known; true when it was new.</summary>
    protected abstract Task<bool> InsertBatchIdAsync(DbConnection connection, DbTransaction transaction, UsageBatch batch, CancellationToken cancellationToken);

    /// <summary>The oldest journal entries (id and cells), at most <paramref name="take"/>.</summary>
    protected abstract Task<List<(long Id, byte[] Cells)>> OldestJournalAsync(DbConnection connection, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts one business's day (<c>@BusinessId</c>, <c>@Day</c>, <c>@Conversations</c>, <c>@Messages</c>) unless that
    /// business's day is stored already.
    /// </summary>
    protected abstract string InsertBusinessDaySql { get; }

    /// <summary>Adds each cell's count to its row of the granularity's rollup, creating rows that are missing.</summary>
    protected abstract Task UpsertAsync(DbConnection connection, DbTransaction transaction, UsageGranularity granularity, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken);

    /// <summary>As <see cref="UpsertAsync"/>, for the tens of thousands of cells of one bulk write.</summary>
    protected virtual Task BulkUpsertAsync(DbConnection connection, DbTransaction transaction, UsageGranularity granularity, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, granularity, cells, cancellationToken);

    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<UsageBatch> batches, CancellationToken cancellationToken)
    {
        // Encoding happens before the write lock is taken.
        var entries = batches.Select(b => (Batch: b, Cells: UsageJournalCodec.Encode(b.MinuteCells, out var first, out var last), First: first, Last: last)).ToList();
        var accepted = new bool[batches.Count];
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < entries.Count; i++)
        {
            var (batch, cells, first, last) = entries[i];
            accepted[i] = await InsertBatchIdAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            if (accepted[i] && batch.MinuteCells.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertJournalSql, new { batch.BatchId, FirstBucket = first, LastBucket = last, Cells = cells },
                    transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return accepted;
    }

    public async Task<int> FlushJournalAsync(int maxEntries, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var entries = await OldestJournalAsync(connection, Math.Clamp(maxEntries, 1, MaxFlushEntries), cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return 0;
        }

        // Decoding and merging happen outside the transaction; only the writes hold the lock.
        var minutes = new UsageCellAccumulator(UsageGranularity.Minute);
        foreach (var entry in entries)
        {
            minutes.AddJournal(entry.Cells);
        }

        var minuteCells = minutes.ToCells();
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        // Deleting first claims the entries: a flush on another node that read the same ones waits here, then finds
        // fewer rows than it read and gives up, so that no entry is ever counted twice.
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteJournalSql, new { Ids = entries.Select(e => e.Id).ToArray() },
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted != entries.Count)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await UpsertAllAsync(connection, transaction, UsageGranularity.Minute, minuteCells, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count;
    }

    public async Task<int> JournalCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(JournalCountSql, commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task AddToRollupsAsync(UsageGranularity finest, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken)
    {
        var merged = new UsageCellAccumulator(finest);
        foreach (var cell in cells)
        {
            if (cell.BucketStart != UsageBuckets.Floor(cell.BucketStart, finest) || cell.MessageCount < 0)
            {
                throw new ArgumentException($"Cell {cell} does not start a {finest.ToString().ToLowerInvariant()} or has a negative count.", nameof(cells));
            }

            merged.Add(cell);
        }

        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await UpsertAllAsync(connection, transaction, finest, merged.ToCells(), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UsageTotal>> TotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (start, end) = MinuteRange(from, to);
        var plan = RangePlan.For(start, end);
        var totals = new UsageCellAccumulator(null);
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await AddJournalAsync(connection, transaction, totals, start, end, cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Country, string Kind, string Tier, long MessageCount)>(new CommandDefinition(TotalsSql, plan,
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (country, kind, tier, count) in rows)
        {
            totals.Add(new UsageCell(0, country, kind, tier, count));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return totals.ToCells().Select(c => new UsageTotal(c.Country, c.Kind, c.Tier, c.MessageCount)).ToList();
    }

    public async Task<IReadOnlyList<UsageSeriesPoint>> SeriesAsync(UsageGranularity granularity, DateTimeOffset from, DateTimeOffset to, UsageSplit split, CancellationToken cancellationToken)
    {
        var start = UsageBuckets.Floor(from.ToUnixTimeSeconds(), granularity);
        var end = UsageBuckets.Ceiling(to.ToUnixTimeSeconds(), granularity);
        var journal = new UsageCellAccumulator(granularity);
        var points = new Dictionary<(long Bucket, string Name), long>();
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await AddJournalAsync(connection, transaction, journal, start, end, cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long BucketStart, string Name, long MessageCount)>(new CommandDefinition(s_seriesSql[SeriesKey(granularity, split)],
            new { From = start, To = end }, transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (bucket, name, count) in rows)
        {
            points[(bucket, name ?? "")] = count;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var cell in journal.ToCells())
        {
            var name = split switch
            {
                UsageSplit.Kind => cell.Kind,
                UsageSplit.Country => cell.Country,
                UsageSplit.Tier => cell.Tier,
                _ => "",
            };
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(points, (cell.BucketStart, name), out _);
            slot += cell.MessageCount;
        }

        return points.OrderBy(p => p.Key.Bucket).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
            .Select(p => new UsageSeriesPoint(p.Key.Bucket, p.Key.Name, p.Value)).ToList();
    }

    public async Task<IReadOnlyList<UsageCell>> RollupAsync(UsageGranularity granularity, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long BucketStart, string Country, string Kind, string Tier, long MessageCount)>(new CommandDefinition(
            s_rollupSql[granularity.ToString()], new { From = from.ToUnixTimeSeconds(), To = to.ToUnixTimeSeconds() },
            commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new UsageCell(r.BucketStart, r.Country, r.Kind, r.Tier, r.MessageCount)).ToList();
    }

    public async Task<UsagePurgeResult> PurgeAsync(UsageRetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var minutes = await PurgeRollupAsync(UsageGranularity.Minute, cutoffs.Minutes, 600, cancellationToken).ConfigureAwait(false);
        var hours = await PurgeRollupAsync(UsageGranularity.Hour, cutoffs.Hours, 86_400, cancellationToken).ConfigureAwait(false);
        var days = await PurgeRollupAsync(UsageGranularity.Day, cutoffs.Days, 30 * 86_400, cancellationToken).ConfigureAwait(false);
        long batches = 0;
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var oldest = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(OldestBatchSql,
                commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (oldest is not { } first || first >= cutoffs.BatchIds)
            {
                break;
            }

            var before = first.AddHours(1) < cutoffs.BatchIds ? first.AddHours(1) : cutoffs.BatchIds;
            batches += await connection.ExecuteAsync(new CommandDefinition(PurgeBatchesSql, new { Before = before },
                commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return new UsagePurgeResult(minutes, hours, days, batches);
    }

    public async Task<IReadOnlyList<string>> TierCodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(TierCodesSql, commandTimeout: Database.CommandTimeout,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task AddRollupRowsAsync(UsageRollupRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        (UsageGranularity Granularity, IReadOnlyList<UsageCell> Cells)[] parts =
            [(UsageGranularity.Minute, rows.Minutes), (UsageGranularity.Hour, rows.Hours), (UsageGranularity.Day, rows.Days)];
        foreach (var (granularity, cells) in parts)
        {
            foreach (var cell in cells)
            {
                if (cell.BucketStart != UsageBuckets.Floor(cell.BucketStart, granularity) || cell.MessageCount < 0)
                {
                    throw new ArgumentException($"Cell {cell} does not start a {granularity.ToString().ToLowerInvariant()} or has a negative count.", nameof(rows));
                }
            }
        }

        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var (granularity, cells) in parts)
        {
            for (var offset = 0; offset < cells.Count; offset += BulkSlice)
            {
                await BulkUpsertAsync(connection, transaction, granularity, Slice(cells, offset, BulkSlice), cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ClearRollupsAsync(long from, long to, CancellationToken cancellationToken)
    {
        long deleted = 0;
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var granularity in s_granularities)
        {
            deleted += await connection.ExecuteAsync(new CommandDefinition(s_clearSql[granularity.ToString()], new { From = from, To = to },
                transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<long?> OldestBucketAsync(UsageGranularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(s_oldestSql[granularity.ToString()],
            commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long?> LatestBusinessDayAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LatestBusinessDaySql,
            commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BusinessUsageDay>> BusinessDaysAsync(long fromDay, long toDay, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long BusinessId, long Day, long Conversations, long Messages)>(new CommandDefinition(BusinessDaysSql,
            new { From = fromDay, To = toDay }, commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BusinessUsageDay(r.BusinessId, r.Day, r.Conversations, r.Messages)).ToList();
    }

    public async Task<int> AddBusinessDaysAsync(IReadOnlyList<BusinessUsageDay> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return 0;
        }

        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var added = await connection.ExecuteAsync(new CommandDefinition(InsertBusinessDaySql, days, transaction, Database.CommandTimeout,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    private static IReadOnlyList<UsageCell> Slice(IReadOnlyList<UsageCell> cells, int offset, int count)
    {
        if (offset == 0 && cells.Count <= count)
        {
            return cells;
        }

        count = Math.Min(count, cells.Count - offset);
        return cells switch
        {
            UsageCell[] array => new ArraySegment<UsageCell>(array, offset, count),
            ArraySegment<UsageCell> segment => segment.Slice(offset, count),
            _ => cells.Skip(offset).Take(count).ToList(),
        };
    }

    /// <summary>Upserts cells into their granularity's rollup and, summed up, into every coarser one.</summary>
    private async Task UpsertAllAsync(DbConnection connection, DbTransaction transaction, UsageGranularity finest, List<UsageCell> cells, CancellationToken cancellationToken)
    {
        await UpsertAsync(connection, transaction, finest, cells, cancellationToken).ConfigureAwait(false);
        foreach (var coarser in s_granularities.Where(g => g > finest))
        {
            var merged = new UsageCellAccumulator(coarser);
            foreach (var cell in cells)
            {
                merged.Add(cell);
            }

            await UpsertAsync(connection, transaction, coarser, merged.ToCells(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddJournalAsync(DbConnection connection, DbTransaction transaction, UsageCellAccumulator into, long from, long to, CancellationToken cancellationToken)
    {
        var entries = await connection.QueryAsync<byte[]>(new CommandDefinition(JournalInRangeSql, new { From = from, To = to },
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            into.AddJournal(entry, from, to);
        }
    }

    private async Task<long> PurgeRollupAsync(UsageGranularity granularity, DateTimeOffset cutoff, long sliceSeconds, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUnixTimeSeconds();
        long deleted = 0;
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var oldest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(s_oldestSql[granularity.ToString()],
                commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (oldest is not { } first || first >= before)
            {
                return deleted;
            }

            deleted += await connection.ExecuteAsync(new CommandDefinition(s_purgeSql[granularity.ToString()], new { Before = Math.Min(before, first + sliceSeconds) },
                commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static (long Start, long End) MinuteRange(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.ToUnixTimeSeconds();
        var end = to.ToUnixTimeSeconds();
        if (start % 60 != 0 || end % 60 != 0 || from.Ticks % TimeSpan.TicksPerSecond != 0 || to.Ticks % TimeSpan.TicksPerSecond != 0 || end < start)
        {
            throw new ArgumentException($"The range {from:O} to {to:O} is not made of whole minutes.", nameof(from));
        }

        return (start, end);
    }

    private static string SeriesKey(UsageGranularity granularity, UsageSplit split) => $"{granularity}:{split}";

    private static string SeriesText(UsageGranularity granularity, UsageSplit split)
    {
        var column = split switch
        {
            UsageSplit.Kind => "Kind",
            UsageSplit.Country => "Country",
            UsageSplit.Tier => "Tier",
            _ => null,
        };
        return column is null
            ? $"""
              SELECT BucketStart, '' AS Name, SUM(MessageCount) AS MessageCount FROM {granularity.Table()}
              WHERE BucketStart >= @From AND BucketStart < @To
              GROUP BY BucketStart;
              """
            : $"""
              SELECT BucketStart, {column} AS Name, SUM(MessageCount) AS MessageCount FROM {granularity.Table()}
              WHERE BucketStart >= @From AND BucketStart < @To
              GROUP BY BucketStart, {column};
              """;
    }

    /// <summary>
    /// How a range of whole minutes is read: whole days from the day rollup, the whole hours on either side of them
    /// from the hour rollup, the minutes left at each end from the minute rollup. An empty part is [0, 0).
    /// </summary>
    internal sealed record RangePlan(long DayFrom, long DayTo, long HourFrom1, long HourTo1, long HourFrom2, long HourTo2,
        long MinuteFrom1, long MinuteTo1, long MinuteFrom2, long MinuteTo2)
    {
        public static RangePlan For(long from, long to)
        {
            var dayFrom = UsageBuckets.Ceiling(from, UsageGranularity.Day);
            var dayTo = UsageBuckets.Floor(to, UsageGranularity.Day);
            var hourFrom = UsageBuckets.Ceiling(from, UsageGranularity.Hour);
            var hourTo = UsageBuckets.Floor(to, UsageGranularity.Hour);
            if (dayFrom < dayTo)
            {
                return new RangePlan(dayFrom, dayTo, hourFrom, dayFrom, dayTo, hourTo, from, hourFrom, hourTo, to);
            }

            return hourFrom < hourTo
                ? new RangePlan(0, 0, hourFrom, hourTo, 0, 0, from, hourFrom, hourTo, to)
                : new RangePlan(0, 0, 0, 0, 0, 0, from, to, 0, 0);
        }
    }
}
