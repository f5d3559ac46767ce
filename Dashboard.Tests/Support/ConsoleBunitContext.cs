using System.Security.Claims;
using Bunit;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Dashboard.Tests.Support;

/// <summary>
/// A bUnit context with MudBlazor's services (no transitions), the console's real authorization policies,
/// and a signed-in user whose roles the test chooses.
/// </summary>
public class ConsoleBunitContext : BunitContext
{
    public ConsoleBunitContext()
    {
        UseMudAndRealAuthorization(this);
        Services.AddAuthorizationBuilder().AddConsolePolicies("Cookies", "ApiKey");
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(AuthenticationState);
    }

    /// <summary>MudBlazor's services without transitions, loose JS interop, and the real authorization service.</summary>
    public static void UseMudAndRealAuthorization(BunitContext context)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });

        // bUnit puts a placeholder in place of the authorization service; the real one evaluates the real policies.
        context.Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        context.Services.AddConsoleLocalization();
    }

    public TestAuthenticationStateProvider AuthenticationState { get; } = new();

    /// <summary>Signs in a user with the given roles, as the login form would (same claims).</summary>
    public ClaimsPrincipal SignInAs(long id, string email, params string[] roles)
    {
        var principal = AccountService.CreatePrincipal(
            new UserAccount { Id = id, Email = email, DisplayName = email, Roles = roles, SecurityStamp = "stamp" }, "Cookies");
        AuthenticationState.Set(principal);
        return principal;
    }
}

/// <summary>An authentication state the test sets; components see changes as on a real circuit.</summary>
public sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new(new ClaimsIdentity());

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    public void Set(ClaimsPrincipal user)
    {
        _user = user;
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }
}
