using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Identity;

namespace Dashboard.Admin;

/// <summary>A user an administrator created, with the generated password that is shown once and stored only as a hash.</summary>
public sealed record CreatedUser(long Id, string Email, string Password);

/// <summary>
/// What an administrator may do to console users: list, create, change roles, disable or enable, reset passwords.
/// Each method checks the Admin policy against the acting user and writes through <see cref="AccountService"/> and
/// <see cref="IAccountStore"/>, whose transactions commit each change together with its audit row.
/// </summary>
public sealed class UserAdministration(AdminAuthorization authorization, AccountService accounts, IAccountStore store)
{
    public async Task<IReadOnlyList<UserAccount>> ListAsync(ClaimsPrincipal actingUser, CancellationToken cancellationToken)
    {
        await authorization.AuthorizeAsync(actingUser, null, cancellationToken);
        return await store.ListAsync(cancellationToken);
    }

    public async Task<CreatedUser> CreateAsync(
        ClaimsPrincipal actingUser, string? remoteIp, string email, string? displayName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        var (id, password) = await accounts.CreateUserAsync(email, displayName, roles, actor, cancellationToken);
        return new CreatedUser(id, email.Trim(), password);
    }

    /// <summary>Replaces the user's roles; <paramref name="expectedVersion"/> is the version the administrator saw.</summary>
    public async Task SetRolesAsync(
        ClaimsPrincipal actingUser, string? remoteIp, long userId, IReadOnlyCollection<string> roles, int expectedVersion, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        if (roles.Count == 0)
        {
            throw new ArgumentException(AdminText.Get("NeedRole"), nameof(roles));
        }

        // Without this an administrator could lock the last administrator (themselves) out of this page.
        if (AdminAuthorization.IsSelf(actor, userId) && !roles.Any(r => Roles.Normalise(r) == Roles.Admin))
        {
            throw new AdministrationRuleException(AdminText.Get("KeepOwnAdmin"));
        }

        await store.SetRolesAsync(userId, roles, expectedVersion, actor, cancellationToken);
    }

    /// <summary>Disables or enables a user; a disabled user's open sessions end at their next request.</summary>
    public async Task SetDisabledAsync(
        ClaimsPrincipal actingUser, string? remoteIp, long userId, bool disabled, int expectedVersion, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        if (disabled && AdminAuthorization.IsSelf(actor, userId))
        {
            throw new AdministrationRuleException(AdminText.Get("KeepOwnAccount"));
        }

        await store.SetDisabledAsync(userId, disabled, expectedVersion, actor, cancellationToken);
    }

    /// <summary>Gives the user a new generated password (returned once) and clears a lockout.</summary>
    public async Task<string> ResetPasswordAsync(
        ClaimsPrincipal actingUser, string? remoteIp, long userId, int expectedVersion, CancellationToken cancellationToken)
    {
        var actor = await authorization.AuthorizeAsync(actingUser, remoteIp, cancellationToken);
        return await accounts.ResetPasswordAsync(userId, expectedVersion, actor, cancellationToken);
    }
}
