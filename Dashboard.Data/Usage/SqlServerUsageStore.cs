using System.Collections.Frozen;
using System.Data;
using System.Data.Common;
using Dapper;

namespace Dashboard.Data.Usage;

/// <summary>
/// The usage store on SQL Server, shared by several console nodes: batch ids claimed under UPDLOCK/HOLDLOCK,
/// rollups upserted by one MERGE … WITH (HOLDLOCK) per table from a table-valued parameter.
/// </summary>
public sealed class SqlServerUsageStore(Database database) : UsageStore(database)
{
    /// <summary>The table type of the MERGE's source (migration 0007).</summary>
    public const string CellListType = "dbo.UsageCellList";

    // UPDLOCK and HOLDLOCK keep the key range locked from the check to the insert, so two nodes that receive the same
    // batch at once cannot both find it new.
    private const string InsertBatchIdSql = """
        INSERT INTO IngestedBatches (BatchId, ReceivedAt, SampleCount, ApiKeyName)
        SELECT @BatchId, @ReceivedAt, @SampleCount, @ApiKeyName
        WHERE NOT EXISTS (SELECT 1 FROM IngestedBatches WITH (UPDLOCK, HOLDLOCK) WHERE BatchId = @BatchId);
        """;

    private const string OldestJournalSql = "SELECT TOP (@Take) Id, Cells FROM UsageJournal ORDER BY Id;";

    // As for batch ids: the key stays locked from the check to the insert, so two nodes cannot both add the same day.
    private const string InsertBusinessDayIfAbsentSql = """
        INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages)
        SELECT @BusinessId, @Day, @Conversations, @Messages
        WHERE NOT EXISTS (SELECT 1 FROM BusinessUsageDay WITH (UPDLOCK, HOLDLOCK) WHERE BusinessId = @BusinessId AND Day = @Day);
        """;

    private readonly FrozenDictionary<string, string> _mergeSql = new[] { UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day }
        .ToFrozenDictionary(g => g.ToString(), g => $"""
            MERGE {g.Table()} WITH (HOLDLOCK) AS t
            USING @Cells AS s
            ON t.BucketStart = s.BucketStart AND t.Country = s.Country AND t.Kind = s.Kind AND t.Tier = s.Tier
            WHEN MATCHED THEN UPDATE SET MessageCount = t.MessageCount + s.MessageCount
            WHEN NOT MATCHED THEN INSERT (BucketStart, Country, Kind, Tier, MessageCount) VALUES (s.BucketStart, s.Country, s.Kind, s.Tier, s.MessageCount);
            """, StringComparer.Ordinal);

    protected override string InsertBusinessDaySql => InsertBusinessDayIfAbsentSql;

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    // Serializable, and the journal is read before the rollups (a flush deletes journal entries before it upserts):
    // a read either sees an entry in the journal or its counts in the rollups, never both or neither, without deadlock.
    protected override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);

    protected override async Task<bool> InsertBatchIdAsync(DbConnection connection, DbTransaction transaction, UsageBatch batch, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(InsertBatchIdSql, new { batch.BatchId, batch.ReceivedAt, batch.SampleCount, batch.ApiKeyName },
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    protected override async Task<List<(long Id, byte[] Cells)>> OldestJournalAsync(DbConnection connection, int take, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Id, byte[] Cells)>(new CommandDefinition(OldestJournalSql, new { Take = take },
            commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

    protected override async Task UpsertAsync(DbConnection connection, DbTransaction transaction, UsageGranularity granularity, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken)
    {
        if (cells.Count == 0)
        {
            return;
        }

        using var table = new DataTable();
        table.Columns.Add("BucketStart", typeof(long));
        table.Columns.Add("Country", typeof(string));
        table.Columns.Add("Kind", typeof(string));
        table.Columns.Add("Tier", typeof(string));
        table.Columns.Add("MessageCount", typeof(long));
        foreach (var cell in cells)
        {
            table.Rows.Add(cell.BucketStart, cell.Country, cell.Kind, cell.Tier, cell.MessageCount);
        }

        await connection.ExecuteAsync(new CommandDefinition(_mergeSql[granularity.ToString()], new { Cells = table.AsTableValuedParameter(CellListType) },
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
