using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Identity;

/// <summary>An API key as stored: its name, scopes and SHA-256 hash, never the key itself.</summary>
public sealed record ApiKeyRecord
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string Prefix { get; init; } = "";

    public string Scopes { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>API keys of the platform's services; keys are looked up by hash.</summary>
public interface IApiKeyStore
{
    Task<long> CreateAsync(string name, string prefix, string keyHash, IReadOnlyCollection<string> scopes, Actor actor, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> FindActiveByHashAsync(string keyHash, CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IApiKeyStore"/> for both providers.</summary>
public sealed class ApiKeyStore(Database database, AuditLog audit, TimeProvider time) : IApiKeyStore
{
    private const string Columns = "Id, Name, Prefix, Scopes, CreatedAt, CreatedBy, RevokedAt, RevokedBy, LastUsedAt";
    private const string ByHashSql = "SELECT " + Columns + " FROM ApiKeys WHERE KeyHash = @KeyHash AND RevokedAt IS NULL;";
    private const string ListSql = "SELECT " + Columns + " FROM ApiKeys ORDER BY Name;";
    private const string RevokeSql = "UPDATE ApiKeys SET RevokedAt = @At, RevokedBy = @By WHERE Name = @Name AND RevokedAt IS NULL;";
    private const string IdByNameSql = "SELECT Id FROM ApiKeys WHERE Name = @Name;";
    private const string TouchSql = "UPDATE ApiKeys SET LastUsedAt = @At WHERE Id = @Id;";

    private readonly string _insert = database.InsertReturningId("ApiKeys", "Name", "Prefix", "KeyHash", "Scopes", "CreatedAt", "CreatedBy");

    public async Task<long> CreateAsync(string name, string prefix, string keyHash, IReadOnlyCollection<string> scopes, Actor actor, CancellationToken cancellationToken)
    {
        var unknown = scopes.Where(s => !ApiScopes.All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scope(s) {string.Join(", ", unknown)}. Scopes: {string.Join(", ", ApiScopes.All)}.", nameof(scopes));
        }

        var trimmed = name.Trim();
        var scopeText = string.Join(' ', scopes.Distinct());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insert, new
            {
                Name = trimmed,
                Prefix = prefix,
                KeyHash = keyHash,
                Scopes = scopeText,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = actor.Name,
            }, transaction, database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            throw new DuplicateValueException("Name", trimmed);
        }

        await audit.AppendAsync(connection, transaction,
            new AuditEntry("ApiKeyCreated", "ApiKey", trimmed, $"Created API key {trimmed}", After: new { Name = trimmed, Scopes = scopeText, Prefix = prefix }),
            actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<ApiKeyRecord?> FindActiveByHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            new CommandDefinition(ByHashSql, new { KeyHash = keyHash }, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(RevokeSql, new { Name = trimmed, At = time.GetUtcNow(), By = actor.Name },
            transaction, database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(IdByNameSql, new { Name = trimmed }, transaction, database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (exists is null)
            {
                throw new NotFoundException("API key", trimmed);
            }

            return false;
        }

        await audit.AppendAsync(connection, transaction,
            new AuditEntry("ApiKeyRevoked", "ApiKey", trimmed, $"Revoked API key {trimmed}", new { Revoked = false }, new { Revoked = true }), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var keys = await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(ListSql, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return keys.AsList();
    }

    public async Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { Id = id, At = at }, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
