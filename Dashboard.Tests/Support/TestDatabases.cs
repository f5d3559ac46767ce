using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Support;

/// <summary>A migrated database for contract tests: a fresh SQLite file, or the SQL Server named by DASHBOARD_SQLSERVER.</summary>
public abstract class MigratedDatabase : IAsyncLifetime
{
    public Database Database { get; private set; } = default!;

    protected void Use(Database database) => Database = database;

    protected abstract Database Create();

    public virtual async ValueTask InitializeAsync()
    {
        Database = Create();
        await new DatabaseMigrator(Database, NullLoggerFactory.Instance).MigrateAsync(CancellationToken.None);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A fresh SQLite file with the real migrations (a <see cref="SqliteTestDatabase"/>) as a class fixture.</summary>
public sealed class SqliteMigratedDatabase : MigratedDatabase
{
    private SqliteTestDatabase? _file;

    protected override Database Create() => throw new NotSupportedException("The SQLite file is created and migrated in InitializeAsync.");

    public override async ValueTask InitializeAsync()
    {
        _file = await SqliteTestDatabase.CreateAsync(CancellationToken.None);
        Use(_file.Database);
    }

    public override ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
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
