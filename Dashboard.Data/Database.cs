using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Dashboard.Data;

/// <summary>The database engines the console runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Settings of the <c>Database</c> section; the connection string is <c>ConnectionStrings:Dashboard</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seconds a command may run before it is cancelled.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Milliseconds SQLite waits for a lock held by another connection.</summary>
    public int SqliteBusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// Megabytes of pages each SQLite connection keeps in memory (SQLite's own default is 2). A queue page walks
    /// a few megabytes of index at a million requests; kept in the cache it is not read from the file again.
    /// </summary>
    public int SqliteCacheSizeMegabytes { get; set; } = 32;
}

/// <summary>The provider seam: opens connections and knows what differs between the two SQL dialects.</summary>
public abstract class Database
{
    protected Database(string connectionString, DatabaseOptions options)
    {
        ConnectionString = connectionString;
        Options = options;
    }

    public string ConnectionString { get; }

    public DatabaseOptions Options { get; }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Appended to an ordered SELECT; takes the parameters <c>@Skip</c> and <c>@Take</c>.</summary>
    public abstract string Paging { get; }

    /// <summary>An INSERT that answers the new row's identity; only identifiers are interpolated.</summary>
    public abstract string InsertReturningId(string table, params string[] columns);

    /// <summary>
    /// Appended to a table name in FROM: pins the named index where the engine's planner cannot be trusted to pick it.
    /// Empty unless the provider overrides it.
    /// </summary>
    public virtual string UseIndex(string index) => "";

    public int CommandTimeout => Options.CommandTimeoutSeconds;

    /// <summary>Opens a new connection; the caller disposes it as soon as its work is done.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await OnOpenedAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected abstract DbConnection CreateConnection();

    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when the exception says a unique index refused the row.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    internal static string ColumnList(string[] columns) => string.Join(", ", columns);

    internal static string ParameterList(string[] columns) => string.Join(", ", columns.Select(c => "@" + c));
}

/// <summary>SQLite: the embedded default, one file with WAL journaling and foreign keys on.</summary>
public sealed class SqliteDatabase : Database
{
    public SqliteDatabase(string connectionString, DatabaseOptions options)
        : base(Normalise(connectionString), options)
    {
        SqliteTypeHandlers.Register();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Paging => " LIMIT @Take OFFSET @Skip";

    public string FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>
    /// SQLite plans without statistics (nothing runs ANALYZE), and then prefers an IN on an index's first column
    /// followed by a sort over an ordered walk of a partial index, which at a million rows is a hundred times slower.
    /// INDEXED BY names the index the query was written for, and fails the statement if a schema change ever makes it unusable.
    /// </summary>
    public override string UseIndex(string index) => " INDEXED BY " + index;

    public override string InsertReturningId(string table, params string[] columns) =>
        $"INSERT INTO {table} ({ColumnList(columns)}) VALUES ({ParameterList(columns)}) RETURNING Id";

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Options.SqliteBusyTimeoutMilliseconds}; PRAGMA cache_size = -{Options.SqliteCacheSizeMegabytes * 1024};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    private static string Normalise(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ToString();
    }
}

/// <summary>SQL Server: production, shared by several console nodes.</summary>
public sealed class SqlServerDatabase(string connectionString, DatabaseOptions options) : Database(connectionString, options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Paging => " OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public override string InsertReturningId(string table, params string[] columns) =>
        $"INSERT INTO {table} ({ColumnList(columns)}) OUTPUT INSERTED.Id VALUES ({ParameterList(columns)})";

    protected override DbConnection CreateConnection() => new SqlConnection(ConnectionString);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: 2601 or 2627 };
}

/// <summary>Dapper type handlers that store times as sortable UTC text and GUIDs as text on SQLite.</summary>
internal static class SqliteTypeHandlers
{
    private static int s_registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1)
        {
            return;
        }

        // Dapper binds types it knows (DateTimeOffset, Guid, TimeSpan) itself and never asks a handler to set such a
        // parameter while its built-in mapping exists; without this, SQLite would store its own formats instead.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(TimeSpan));
        SqlMapper.RemoveTypeMap(typeof(TimeSpan?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new TimeSpanHandler());
    }

    /// <summary>The one text form of a time on SQLite: UTC, fixed width, so text order is time order.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = System.Data.DbType.String;
                parameter.Value = Format(value);
            }
            else
            {
                parameter.DbType = System.Data.DbType.DateTimeOffset;
                parameter.Value = value;
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
            _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a time."),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = System.Data.DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = System.Data.DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a GUID."),
        };
    }

    private sealed class TimeSpanHandler : SqlMapper.TypeHandler<TimeSpan>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, TimeSpan value)
        {
            parameter.DbType = System.Data.DbType.Int64;
            parameter.Value = value.Ticks;
        }

        public override TimeSpan Parse(object value) => value switch
        {
            TimeSpan span => span,
            long ticks => TimeSpan.FromTicks(ticks),
            string text => TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            _ => TimeSpan.FromTicks(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
