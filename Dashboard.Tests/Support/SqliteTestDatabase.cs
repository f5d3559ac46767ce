using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Support;

/// <summary>A fresh SQLite file in its own temporary folder, migrated with the real scripts, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private SqliteTestDatabase(string folder, SqliteDatabase database)
    {
        Folder = folder;
        Database = database;
    }

    public string Folder { get; }

    public SqliteDatabase Database { get; }

    public static async Task<SqliteTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new SqliteDatabase("Data Source=" + Path.Combine(folder, "dashboard.db"), new DatabaseOptions());
        try
        {
            await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken);
        }
        catch
        {
            DeleteFolder(folder, database);
            throw;
        }

        return new SqliteTestDatabase(folder, database);
    }

    public ValueTask DisposeAsync()
    {
        DeleteFolder(Folder, Database);
        return ValueTask.CompletedTask;
    }

    private static void DeleteFolder(string folder, SqliteDatabase database)
    {
        // Pooled connections keep the file open; close them before the file goes.
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still in use elsewhere; the temp folder is cleaned by the OS eventually.
        }
    }
}
