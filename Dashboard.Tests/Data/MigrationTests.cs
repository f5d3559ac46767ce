using Dapper;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"console-migrations-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task Migrate_FreshFile_CreatesEveryFeaturesTables()
    {
        var database = new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());
        var migrator = new DatabaseMigrator(database, NullLoggerFactory.Instance);

        await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] expected =
        [
            "Users", "UserRoles", "ApiKeys", "Businesses", "BusinessLinks", "BusinessFinancials", "VerificationRequests",
            "VerificationDocuments", "VerificationEvents", "Tiers", "TierVersions", "Subscriptions", "UsageMinute", "UsageHour",
            "UsageDay", "BusinessUsageDay", "IngestedBatches", "AuditLog",
        ];
        Assert.All(expected, table => Assert.Contains(table, tables));
        Assert.True(File.Exists(_path));
        Assert.False(migrator.HasPendingScripts());
        Assert.True(migrator.IsApplied);
    }

    [Fact]
    public async Task Migrate_FreshFile_StartsWithTheDefaultTierCatalogue()
    {
        var database = new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var tiers = (await connection.QueryAsync<(string Code, long Price, long? Conversations, long SmeOnly)>(
            "SELECT t.Code, v.MonthlyPriceCents, v.ConversationsPer24h, t.SmeOnly FROM Tiers t JOIN TierVersions v ON v.TierId = t.Id ORDER BY t.SortOrder")).ToList();

        Assert.Equal([("free", 0L, (long?)1000L, 1L), ("business", 49_900L, 10_000L, 0L), ("enterprise", 499_900L, null, 0L)], tiers);
    }

    [Fact]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime()
    {
        var database = new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var applied = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions");
        Assert.Equal(DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Count, applied);
    }

    [Fact]
    public async Task Connection_AfterMigration_UsesWalAndEnforcesForeignKeys()
    {
        var database = new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(5000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            connection.ExecuteAsync("INSERT INTO UserRoles (UserId, Role) VALUES (424242, 'Admin')"));
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_UpdateOrDelete_IsRefusedByTheDatabase()
    {
        var database = new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("INSERT INTO AuditLog (At, ActorKind, ActorName, Action, EntityType) VALUES ('2026-01-01T00:00:00.0000000Z', 'System', 'test', 'Test', 'Test')");

        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("UPDATE AuditLog SET Action = 'Changed'"));
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM AuditLog"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Test'"));
    }
}
