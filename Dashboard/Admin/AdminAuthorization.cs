using System.Globalization;
using System.Security.Claims;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Admin;

/// <summary>A change that the administration rules forbid, such as an administrator disabling their own account.</summary>
public sealed class AdministrationRuleException(string message) : Exception(message);

/// <summary>
/// The check every administration method starts with: the acting user satisfies the Admin policy and their
/// session is still current. It runs in the service, so hiding a button is never what keeps a non-admin out.
/// </summary>
public sealed class AdminAuthorization(IAuthorizationService authorization, IAccountStore accounts)
{
    /// <summary>The audit actor for an administrator's change; throws <see cref="UnauthorizedAccessException"/> for anyone else.</summary>
    public async Task<Actor> AuthorizeAsync(ClaimsPrincipal actingUser, string? remoteIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actingUser);
        var result = await authorization.AuthorizeAsync(actingUser, Policies.Admin);
        if (!result.Succeeded
            || !long.TryParse(actingUser.FindFirstValue(ConsoleClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new UnauthorizedAccessException(AdminText.Get("OnlyAdmins"));
        }

        // An open circuit re-checks its user only every minute; an admin who was just disabled or demoted is refused at once.
        if (!await RevalidatingStateProvider.IsCurrentAsync(accounts, actingUser, cancellationToken))
        {
            throw new UnauthorizedAccessException(AdminText.Get("SignInAgain"));
        }

        var email = actingUser.FindFirstValue(ClaimTypes.Email) ?? actingUser.Identity?.Name ?? "";
        return Actor.User(id, email, remoteIp);
    }

    /// <summary>True when the actor is the user with this id.</summary>
    public static bool IsSelf(Actor actor, long userId) =>
        actor.Id == userId.ToString(CultureInfo.InvariantCulture);
}
