using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Dashboard.Data.Audit;

/// <summary>Who did something: a signed-in user, an API key or the console itself.</summary>
public enum ActorKind
{
    User,
    ApiKey,
    System,
}

/// <summary>The author of a change, as written to the audit log.</summary>
public sealed record Actor(ActorKind Kind, string? Id, string Name, string? RemoteIp = null)
{
    public static Actor Console(string name = "console") => new(ActorKind.System, null, name);

    public static Actor User(long id, string email, string? remoteIp = null) =>
        new(ActorKind.User, id.ToString(global::System.Globalization.CultureInfo.InvariantCulture), email, remoteIp);

    public static Actor ApiKey(string name, string? remoteIp = null) => new(ActorKind.ApiKey, name, name, remoteIp);
}

/// <summary>One thing to record: what was done to which entity, with its values before and after.</summary>
public sealed record AuditEntry(
    string Action,
    string EntityType,
    string? EntityId,
    string? Summary = null,
    object? Before = null,
    object? After = null);

/// <summary>One row of the audit log as read back.</summary>
public sealed record AuditRecord
{
    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public string ActorKind { get; init; } = "";

    public string? ActorId { get; init; }

    public string ActorName { get; init; } = "";

    public string Action { get; init; } = "";

    public string EntityType { get; init; } = "";

    public string? EntityId { get; init; }

    public string? Summary { get; init; }

    public string? BeforeJson { get; init; }

    public string? AfterJson { get; init; }

    public string? RemoteIp { get; init; }
}

/// <summary>Filters of the audit log view; null means "any". <c>EntityTypes</c> limits what a role may see.</summary>
public sealed record AuditQuery
{
    public string? Actor { get; init; }

    public string? EntityType { get; init; }

    public string? EntityId { get; init; }

    public string? Action { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public IReadOnlyCollection<string>? VisibleEntityTypes { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>The append-only audit log that every feature writes to.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, Actor actor, CancellationToken cancellationToken);

    Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> DistinctActionsAsync(CancellationToken cancellationToken);
}

/// <summary>Writes and reads the audit log; <see cref="AppendAsync(DbConnection, DbTransaction?, AuditEntry, Actor)"/> joins a store's transaction.</summary>
public sealed class AuditLog(Database database, TimeProvider time) : IAuditLog
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly string _insert = database.InsertReturningId(
        "AuditLog", "At", "ActorKind", "ActorId", "ActorName", "Action", "EntityType", "EntityId", "Summary", "BeforeJson", "AfterJson", "RemoteIp");

    private const string Filter = """
        FROM AuditLog
        WHERE (@Actor IS NULL OR ActorName LIKE @Actor ESCAPE '\')
          AND (@EntityType IS NULL OR EntityType = @EntityType)
          AND (@EntityId IS NULL OR EntityId = @EntityId)
          AND (@Action IS NULL OR Action = @Action)
          AND (@From IS NULL OR At >= @From)
          AND (@To IS NULL OR At < @To)
          AND (@AllTypes = 1 OR EntityType IN @VisibleEntityTypes)
        """;

    private const string CountSql = "SELECT COUNT(*) " + Filter + ";";

    private readonly string _pageSql =
        "SELECT Id, At, ActorKind, ActorId, ActorName, Action, EntityType, EntityId, Summary, BeforeJson, AfterJson, RemoteIp "
        + Filter + " ORDER BY At DESC, Id DESC" + database.Paging + ";";

    private const string ActionsSql = "SELECT DISTINCT Action FROM AuditLog ORDER BY Action;";

    public async Task AppendAsync(AuditEntry entry, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(connection, null, entry, actor).ConfigureAwait(false);
    }

    /// <summary>Appends within the caller's connection and transaction, so the change and its record commit together.</summary>
    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, AuditEntry entry, Actor actor) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(_insert, new
        {
            At = time.GetUtcNow(),
            ActorKind = actor.Kind.ToString(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            entry.Action,
            entry.EntityType,
            entry.EntityId,
            entry.Summary,
            BeforeJson = entry.Before is null ? null : JsonSerializer.Serialize(entry.Before, s_json),
            AfterJson = entry.After is null ? null : JsonSerializer.Serialize(entry.After, s_json),
            actor.RemoteIp,
        }, transaction, database.CommandTimeout));

    public async Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            Actor = string.IsNullOrWhiteSpace(query.Actor) ? null : "%" + EscapeLike(query.Actor.Trim()) + "%",
            EntityType = string.IsNullOrWhiteSpace(query.EntityType) ? null : query.EntityType,
            EntityId = string.IsNullOrWhiteSpace(query.EntityId) ? null : query.EntityId.Trim(),
            Action = string.IsNullOrWhiteSpace(query.Action) ? null : query.Action,
            query.From,
            query.To,
            AllTypes = query.VisibleEntityTypes is null ? 1 : 0,
            VisibleEntityTypes = query.VisibleEntityTypes ?? [],
            Skip = Math.Max(0, query.Skip),
            Take = Math.Clamp(query.Take, 1, 500),
        };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var items = await connection.QueryAsync<AuditRecord>(new CommandDefinition(_pageSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Page<AuditRecord>(items.AsList(), total);
    }

    public async Task<IReadOnlyList<string>> DistinctActionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var actions = await connection.QueryAsync<string>(new CommandDefinition(ActionsSql, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return actions.AsList();
    }

    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
