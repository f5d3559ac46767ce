using Dashboard.Data.Audit;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Dashboard.Shell;

/// <summary>Sign-out and the hand-over to an external identity provider; sign-in itself is the login form.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/logout", async (HttpContext context, IAuditLog audit) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true)
            {
                var id = user.FindFirst(ConsoleClaims.UserId)?.Value;
                await audit.AppendAsync(new AuditEntry("SignOut", "User", id, "Signed out"),
                    new Actor(ActorKind.User, id, user.Identity.Name ?? "", context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login?signedOut=true");
        });

        endpoints.MapGet("/login/external", (string? returnUrl, IOptions<OidcOptions> oidc) =>
            oidc.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LoginPage.LocalUrl(returnUrl) }, [ConsoleIdentityExtensions.OidcScheme])
                : Results.NotFound())
            .AllowAnonymous();

        return endpoints;
    }
}
