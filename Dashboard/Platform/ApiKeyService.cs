using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;

namespace Dashboard.Platform;

/// <summary>A key as handed out once: the secret itself, and what was stored about it.</summary>
public sealed record CreatedApiKey(string Name, string Key, IReadOnlyList<string> Scopes);

/// <summary>
/// Creates, checks and revokes the API keys of the platform's services. Only a key's SHA-256 hash is stored.
/// <para>
/// A key found valid is kept in memory for <see cref="ValidationLifetime"/>, so that a sender posting a batch every few
/// milliseconds does not cost a database read per request (with 1,000-sample batches that read was about 5 % of a
/// batch's processor time). The trade-off: a key revoked through this node is refused here at once (revoking forgets every
/// kept key), but one revoked on another node or with the <c>apikey revoke</c> command is still accepted by this node
/// until its entry expires, at most <see cref="ValidationLifetime"/> later. Unknown and revoked keys are never kept.
/// </para>
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider time)
{
    public const string KeyPrefix = "bck_";

    /// <summary>How long a key found valid is trusted without asking the database again.</summary>
    public static readonly TimeSpan ValidationLifetime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_touchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastTouched = new();
    private readonly ConcurrentDictionary<string, (ApiKeyRecord Record, DateTimeOffset Until)> _validated = new(StringComparer.Ordinal);

    // Revocations count up under this lock; a lookup that started before one is not kept.
    private readonly Lock _revocations = new();
    private long _revocationCount;

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, Actor actor, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is < 1 or > 100)
        {
            throw new ArgumentException("Give the key a name of 1 to 100 characters.", nameof(name));
        }

        var normalised = scopes.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (normalised.Count == 0)
        {
            throw new ArgumentException($"Give the key at least one scope: {string.Join(", ", ApiScopes.All)}.", nameof(scopes));
        }

        var prefix = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz23456789", 8);
        var secret = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 40);
        var key = $"{KeyPrefix}{prefix}_{secret}";
        await store.CreateAsync(trimmed, prefix, Hash(key), normalised, actor, cancellationToken);
        return new CreatedApiKey(trimmed, key, normalised);
    }

    /// <summary>The stored key for a presented secret, or null when it is unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || !presentedKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 200)
        {
            return null;
        }

        var hash = Hash(presentedKey.Trim());
        var now = time.GetUtcNow();
        ApiKeyRecord? record;
        if (_validated.TryGetValue(hash, out var kept) && now < kept.Until)
        {
            record = kept.Record;
        }
        else
        {
            var revocations = Interlocked.Read(ref _revocationCount);
            record = await store.FindActiveByHashAsync(hash, cancellationToken);
            lock (_revocations)
            {
                if (record is not null && _revocationCount == revocations)
                {
                    _validated[hash] = (record, now + ValidationLifetime);
                }
                else
                {
                    _validated.TryRemove(hash, out _);
                }
            }
        }

        if (record is not null && (!_lastTouched.TryGetValue(record.Id, out var last) || now - last >= s_touchInterval))
        {
            _lastTouched[record.Id] = now;
            try
            {
                await store.TouchAsync(record.Id, now, cancellationToken);
            }
            catch (Exception e) when (Data.DatabaseErrors.IsUnavailable(e))
            {
                // When the key was last used is worth less than the call itself: a database that takes no writes for now
                // (locked, read-only) still answers reads, and the next use records the time.
                _lastTouched.TryRemove(record.Id, out _);
            }
        }

        return record;
    }

    /// <summary>Revokes a key; this node refuses it from the moment this returns.</summary>
    public async Task<bool> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken)
    {
        try
        {
            return await store.RevokeAsync(name, actor, cancellationToken);
        }
        finally
        {
            // Forget every kept key (revocations are rare), also when the revocation failed half-way.
            lock (_revocations)
            {
                _revocationCount++;
                _validated.Clear();
            }
        }
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Keys are long random strings, so a plain SHA-256 is the right hash (no salt or stretching needed).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
