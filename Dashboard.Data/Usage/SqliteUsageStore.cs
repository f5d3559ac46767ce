using System.Collections.Frozen;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dashboard.Data.Usage;

/// <summary>The usage store on SQLite: INSERT … ON CONFLICT, one prepared statement per rollup run once per cell.</summary>
public sealed class SqliteUsageStore(Database database) : UsageStore(database)
{
    private const string InsertBatchIdSql = """
        INSERT INTO IngestedBatches (BatchId, ReceivedAt, SampleCount, ApiKeyName) VALUES (@BatchId, @ReceivedAt, @SampleCount, @ApiKeyName)
        ON CONFLICT (BatchId) DO NOTHING;
        """;

    private const string OldestJournalSql = "SELECT Id, Cells FROM UsageJournal ORDER BY Id LIMIT @Take;";

    private const string InsertBusinessDayIfAbsentSql = """
        INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@BusinessId, @Day, @Conversations, @Messages)
        ON CONFLICT (BusinessId, Day) DO NOTHING;
        """;

    private static readonly FrozenDictionary<UsageGranularity, string> s_upsertSql = new[] { UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day }
        .ToFrozenDictionary(g => g, g => $"""
            INSERT INTO {g.Table()} (BucketStart, Country, Kind, Tier, MessageCount) VALUES (@BucketStart, @Country, @Kind, @Tier, @MessageCount)
            ON CONFLICT (BucketStart, Country, Kind, Tier) DO UPDATE SET MessageCount = MessageCount + excluded.MessageCount;
            """);

    protected override string InsertBusinessDaySql => InsertBusinessDayIfAbsentSql;

    // BEGIN IMMEDIATE: the write lock is taken at the start, so the transaction never fails half-way on a busy upgrade.
    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // A deferred transaction reads one WAL snapshot from its first SELECT to its end.
    protected override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    protected override async Task<bool> InsertBatchIdAsync(DbConnection connection, DbTransaction transaction, UsageBatch batch, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(InsertBatchIdSql, new { batch.BatchId, batch.ReceivedAt, batch.SampleCount, batch.ApiKeyName },
            transaction, Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    protected override async Task<List<(long Id, byte[] Cells)>> OldestJournalAsync(DbConnection connection, int take, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Id, byte[] Cells)>(new CommandDefinition(OldestJournalSql, new { Take = take },
            commandTimeout: Database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

    protected override Task UpsertAsync(DbConnection connection, DbTransaction transaction, UsageGranularity granularity, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken)
    {
        // SQLite runs statements synchronously anyway; one prepared statement with rebound values is its fastest bulk path.
        using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = s_upsertSql[granularity];
        command.CommandTimeout = Database.CommandTimeout;
        var bucket = command.Parameters.Add("@BucketStart", SqliteType.Integer);
        var country = command.Parameters.Add("@Country", SqliteType.Text);
        var kind = command.Parameters.Add("@Kind", SqliteType.Text);
        var tier = command.Parameters.Add("@Tier", SqliteType.Text);
        var count = command.Parameters.Add("@MessageCount", SqliteType.Integer);
        command.Prepare();
        foreach (var cell in cells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bucket.Value = cell.BucketStart;
            country.Value = cell.Country;
            kind.Value = cell.Kind;
            tier.Value = cell.Tier;
            count.Value = cell.MessageCount;
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    // A backfill writes millions of rows. Bound straight through SQLite's C API a row costs about half of a command
    // execution, which opens a reader and looks each parameter up by name every time.
    protected override Task BulkUpsertAsync(DbConnection connection, DbTransaction transaction, UsageGranularity granularity, IReadOnlyList<UsageCell> cells, CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)connection).Handle;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, s_upsertSql[granularity], out var statement), db);
        using (statement)
        {
            var bucket = raw.sqlite3_bind_parameter_index(statement, "@BucketStart");
            var country = raw.sqlite3_bind_parameter_index(statement, "@Country");
            var kind = raw.sqlite3_bind_parameter_index(statement, "@Kind");
            var tier = raw.sqlite3_bind_parameter_index(statement, "@Tier");
            var count = raw.sqlite3_bind_parameter_index(statement, "@MessageCount");
            var utf8 = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            byte[] Utf8(string text) => utf8.TryGetValue(text, out var bytes) ? bytes : utf8[text] = System.Text.Encoding.UTF8.GetBytes(text);
            foreach (var cell in cells)
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw.sqlite3_bind_int64(statement, bucket, cell.BucketStart);
                raw.sqlite3_bind_text(statement, country, Utf8(cell.Country));
                raw.sqlite3_bind_text(statement, kind, Utf8(cell.Kind));
                raw.sqlite3_bind_text(statement, tier, Utf8(cell.Tier));
                raw.sqlite3_bind_int64(statement, count, cell.MessageCount);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                raw.sqlite3_reset(statement);
            }
        }

        return Task.CompletedTask;
    }
}
