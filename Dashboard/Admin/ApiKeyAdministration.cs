using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Platform;

namespace Dashboard.Admin;

/// <summary>
/// What an administrator may do to the platform's API keys: list, create (the key is returned once) and revoke.
/// Each method checks the Admin policy against the acting user before <see cref="ApiKeyService"/> writes.
/// </summary>
public sealed class ApiKeyAdministration(AdminAuthorization authorization, ApiKeyService apiKeys)
{
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(ClaimsPrincipal actingUser, CancellationToken cancellationToken)
    {
        await authorization.AuthorizeAsync(actingUser, null, cancellationToken);
        return await apiKeys.ListAsync(cancellationToken);
    }

    public async Task<CreatedApiKey> CreateAsync(
        ClaimsPrincipal actingUser, string? remoteIp, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        return await apiKeys.CreateAsync(name, scopes, actor, cancellationToken);
    }

    /// <summary>Revokes the key at once; false when it was already revoked.</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal actingUser, string? remoteIp, string name, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        return await apiKeys.RevokeAsync(name, actor, cancellationToken);
    }
}
