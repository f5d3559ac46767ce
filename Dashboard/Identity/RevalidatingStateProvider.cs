using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dashboard.Identity;

/// <summary>Re-checks an open circuit's user every minute, so a disabled user or a changed role takes effect on open pages too.</summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggerFactory, IAccountStore store)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await IsCurrentAsync(store, authenticationState.User, cancellationToken);
        }
        catch (Exception e) when (Data.DatabaseErrors.IsUnavailable(e))
        {
            // While the database is out of reach nobody can be disabled or change roles either: the session stays, and the
            // next check a minute later decides. Signing everyone out would end every open page during a short outage.
            return true;
        }
    }

    /// <summary>True when the principal's user exists, is enabled and still has the security stamp the principal was issued with.</summary>
    public static async Task<bool> IsCurrentAsync(IAccountStore store, ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        if (!long.TryParse(principal.FindFirstValue(ConsoleClaims.UserId), out var id))
        {
            return false;
        }

        var user = await store.FindByIdAsync(id, cancellationToken);
        return user is { IsDisabled: false } && user.SecurityStamp == principal.FindFirstValue(ConsoleClaims.SecurityStamp);
    }
}
