using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;

namespace Dashboard.Platform;

/// <summary>A key as handed out once: the secret itself, and what was stored about it.</summary>
public sealed record CreatedApiKey(string Name, string Key, IReadOnlyList<string> Scopes);

/// <summary>Creates, checks and revokes the API keys of the platform's services. Only a key's SHA-256 hash is stored.</summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider time)
{
    public const string KeyPrefix = "bck_";

    private static readonly TimeSpan s_touchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastTouched = new();

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

        var record = await store.FindActiveByHashAsync(Hash(presentedKey.Trim()), cancellationToken);
        if (record is not null)
        {
            var now = time.GetUtcNow();
            if (!_lastTouched.TryGetValue(record.Id, out var last) || now - last >= s_touchInterval)
            {
                _lastTouched[record.Id] = now;
                await store.TouchAsync(record.Id, now, cancellationToken);
            }
        }

        return record;
    }

    public Task<bool> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken) => store.RevokeAsync(name, actor, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Keys are long random strings, so a plain SHA-256 is the right hash (no salt or stretching needed).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
