namespace Dashboard.Data;

/// <summary>A write based on a version of a row that someone else has changed since.</summary>
public sealed class ConcurrencyConflictException(string entity, string id)
    : Exception($"{entity} {id} was changed by someone else since you loaded it. Reload and try again.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}

/// <summary>A write refused because a unique value (an e-mail, a name) is already taken.</summary>
public sealed class DuplicateValueException(string field, string value)
    : Exception($"{field} '{value}' is already in use.")
{
    public string Field { get; } = field;

    public string Value { get; } = value;
}

/// <summary>A write that names a row that does not exist.</summary>
public sealed class NotFoundException(string entity, string id)
    : Exception($"{entity} {id} does not exist.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}

/// <summary>One page of a server-side paged list, with the total count of the whole filtered list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Tells a database that cannot be reached or written right now (down, locked, read-only, out of space) from other data errors.</summary>
public static class DatabaseErrors
{
    // SQLite: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
    private static readonly HashSet<int> s_sqliteUnavailable = [5, 6, 8, 10, 13, 14, 15];

    // SQL Server: timeout, network and login errors, database offline or failing over, deadlock victim, throttling.
    private static readonly HashSet<int> s_sqlServerUnavailable = [-2, 2, 53, 64, 121, 233, 1205, 4060, 10053, 10054, 10060, 10928, 10929, 18456, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>True when the exception, or one it wraps, says the database is unavailable rather than that the request was wrong.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException sqlite when s_sqliteUnavailable.Contains(sqlite.SqliteErrorCode & 0xFF):
                case Microsoft.Data.SqlClient.SqlException sql when sql.Class >= 20 || s_sqlServerUnavailable.Contains(sql.Number):
                case System.Data.Common.DbException { IsTransient: true }:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }

        return false;
    }
}
