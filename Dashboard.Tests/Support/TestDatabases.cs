using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Support;

/// <summary>A migrated database for contract tests: a fresh SQLite file, or the SQL Server named by DASHBOARD_SQLSERVER.</summary>
public abstract class MigratedDatabase : IAsyncLifetime
{
    public Database Database { get; private set; } = default!;

    protected abstract Database Create();

    public virtual async ValueTask InitializeAsync()
    {
        Database = Create();
        await new DatabaseMigrator(Database, NullLoggerFactory.Instance).MigrateAsync(CancellationToken.None);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A fresh SQLite file with the real migrations, deleted afterwards.</summary>
public sealed class SqliteMigratedDatabase : MigratedDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"console-contract-{Guid.NewGuid():N}.db");

    protected override Database Create() => new SqliteDatabase($"Data Source={_path}", new DatabaseOptions());

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The SQL Server in DASHBOARD_SQLSERVER (an empty database the tests may write to); tests skip without it.</summary>
public sealed class SqlServerMigratedDatabase : MigratedDatabase
{
    public const string Variable = "DASHBOARD_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    protected override Database Create() => new SqlServerDatabase(ConnectionString!, new DatabaseOptions());

    public override ValueTask InitializeAsync() =>
        string.IsNullOrWhiteSpace(ConnectionString) ? ValueTask.CompletedTask : base.InitializeAsync();

    /// <summary>Skips the calling test when no SQL Server is configured: none can run on the build machines.</summary>
    public static void SkipUnlessConfigured() =>
        Assert.SkipWhen(string.IsNullOrWhiteSpace(ConnectionString),
            $"No SQL Server configured: set {Variable} to the connection string of an empty database to run the SQL Server contract tests.");
}
