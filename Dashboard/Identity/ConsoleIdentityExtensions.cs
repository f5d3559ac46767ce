using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Platform;
using Dashboard.Shell;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Identity;

/// <summary>Sign-in (local accounts, optional OpenID Connect), API keys and the console's policies.</summary>
public static class ConsoleIdentityExtensions
{
    public const string OidcScheme = "oidc";

    public static IServiceCollection AddConsoleIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInSettings>()
            .Bind(configuration.GetSection(SignInSettings.SectionName))
            .Validate(o => o.MaxFailedAttempts is >= 1 and <= 100, "Identity:MaxFailedAttempts must be between 1 and 100.")
            .Validate(o => o.LockoutMinutes is >= 1 and <= 1440, "Identity:LockoutMinutes must be between 1 and 1440.")
            .Validate(o => o.SessionHours is >= 1 and <= 168, "Identity:SessionHours must be between 1 and 168.")
            .ValidateOnStart();
        services.AddOptions<OidcOptions>()
            .Bind(configuration.GetSection(OidcOptions.SectionName))
            .Validate(o => !o.Enabled || Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "Authentication:Oidc:Authority must be an absolute URL when Authentication:Oidc:Enabled is true.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientId), "Authentication:Oidc:ClientId is required when Authentication:Oidc:Enabled is true.")
            .ValidateOnStart();

        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();

        var sessionHours = configuration.GetValue(SignInSettings.SectionName + ":SessionHours", 8);
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/access-denied";
                options.Cookie.Name = "console.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
                options.Events.OnValidatePrincipal = ValidateStampAsync;
                options.Events.OnSigningIn = ApplyLanguageAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var oidc = configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc.DisplayName, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.Scope.Add("email");
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.Events.OnTicketReceived = MapExternalUserAsync;
            });
        }

        services.AddAuthorizationBuilder()
            .AddConsolePolicies(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
        return services;
    }

    /// <summary>Ends a session as soon as the user is disabled or their roles or password change (the stamp moves on).</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        bool current;
        try
        {
            current = await RevalidatingStateProvider.IsCurrentAsync(store, context.Principal, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (Data.DatabaseErrors.IsUnavailable(e))
        {
            // As on an open page (RevalidatingStateProvider): the session stays while the database is out of reach, and
            // the page says so.
            current = true;
        }

        if (!current)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// Every sign-in (password or external) brings the user's own language to this browser; a user who never chose one
    /// gets the browser's languages, whatever an earlier user of the browser picked.
    /// </summary>
    private static async Task ApplyLanguageAsync(CookieSigningInContext context)
    {
        if (!long.TryParse(context.Principal?.FindFirstValue(ConsoleClaims.UserId), out var id))
        {
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var user = await store.FindByIdAsync(id, context.HttpContext.RequestAborted);
        if (ConsoleLocalization.Normalise(user?.Culture) is { } language)
        {
            ConsoleLocalization.SetCookie(context.Response, language);
        }
        else
        {
            ConsoleLocalization.ClearCookie(context.Response);
        }
    }

    /// <summary>Turns an external sign-in into a console user: found by subject or created, roles from the mapped claim.</summary>
    private static async Task MapExternalUserAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value;
        var store = services.GetRequiredService<IAccountStore>();
        var external = context.Principal ?? new ClaimsPrincipal();
        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = external.FindFirstValue("email") ?? external.FindFirstValue(ClaimTypes.Email) ?? external.FindFirstValue("preferred_username");
        var roles = options.MapRoles(external.FindAll(options.RolesClaim).Select(c => c.Value));
        var remoteIp = context.HttpContext.Connection.RemoteIpAddress?.ToString();
        var cancellationToken = context.HttpContext.RequestAborted;
        if (subject is null || email is null || roles.Count == 0)
        {
            context.Fail("The identity provider did not name a console role for this account. Ask an administrator to grant one.");
            return;
        }

        var issuer = $"oidc:{subject}";
        var user = await store.FindByExternalSubjectAsync(issuer, cancellationToken);
        try
        {
            if (user is null)
            {
                var id = await store.CreateAsync(new NewUser(email, external.FindFirstValue("name") ?? email, null, roles, issuer),
                    new Actor(ActorKind.System, null, "oidc", remoteIp), cancellationToken);
                user = await store.FindByIdAsync(id, cancellationToken);
            }
            else if (!roles.Order().SequenceEqual(user.Roles.Order()))
            {
                await store.SetRolesAsync(user.Id, roles, user.Version, new Actor(ActorKind.System, null, "oidc", remoteIp), cancellationToken);
                user = await store.FindByIdAsync(user.Id, cancellationToken);
            }
        }
        catch (DuplicateValueException)
        {
            context.Fail($"A local account with the e-mail {email} exists already. Ask an administrator to remove it first.");
            return;
        }

        if (user is null || user.IsDisabled)
        {
            context.Fail("This account is disabled.");
            return;
        }

        await store.RecordSignInAsync(user.Id, Actor.User(user.Id, user.Email, remoteIp), cancellationToken);
        context.Principal = AccountService.CreatePrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
