using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Identity;

/// <summary>
/// The console's authorization policies. Each role is a policy of its own name (a senior reviewer also
/// satisfies <see cref="Reviewer"/>); pages that several roles share have a policy naming exactly those roles.
/// </summary>
public static class Policies
{
    public const string Reviewer = Roles.Reviewer;
    public const string SeniorReviewer = Roles.SeniorReviewer;
    public const string AccountManager = Roles.AccountManager;
    public const string Executive = Roles.Executive;
    public const string Admin = Roles.Admin;

    /// <summary>Live usage and its history: executives and admins.</summary>
    public const string UsageViewer = nameof(UsageViewer);

    /// <summary>Businesses, their subscriptions and the approval of tier changes: account managers and admins.</summary>
    public const string Accounts = nameof(Accounts);

    /// <summary>Revenue: executives, account managers and admins.</summary>
    public const string RevenueViewer = nameof(RevenueViewer);

    /// <summary>Pages every console role may open (home, audit log of what the role may see, tier catalogue).</summary>
    public const string AnyRole = nameof(AnyRole);

    /// <summary>Policies for API keys: one per scope.</summary>
    public static string Scope(string scope) => "scope:" + scope;

    /// <summary>The roles that satisfy each role-based policy.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>
    {
        [Reviewer] = [Roles.Reviewer, Roles.SeniorReviewer],
        [SeniorReviewer] = [Roles.SeniorReviewer],
        [AccountManager] = [Roles.AccountManager],
        [Executive] = [Roles.Executive],
        [Admin] = [Roles.Admin],
        [UsageViewer] = [Roles.Executive, Roles.Admin],
        [Accounts] = [Roles.AccountManager, Roles.Admin],
        [RevenueViewer] = [Roles.Executive, Roles.AccountManager, Roles.Admin],
        [AnyRole] = [.. Roles.All],
    };

    public static void AddConsolePolicies(this AuthorizationBuilder builder, string userScheme, string apiKeyScheme)
    {
        foreach (var (policy, roles) in RolesOf)
        {
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(userScheme).RequireAuthenticatedUser().RequireRole(roles));
        }

        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(Scope(scope), p => p.AddAuthenticationSchemes(apiKeyScheme).RequireAuthenticatedUser().RequireClaim(ConsoleClaims.Scope, scope));
        }

        builder.AddPolicy(ApiKeyHolder, p => p.AddAuthenticationSchemes(apiKeyScheme).RequireAuthenticatedUser());
    }

    /// <summary>Any valid API key, whatever its scopes.</summary>
    public const string ApiKeyHolder = nameof(ApiKeyHolder);
}

/// <summary>Claim types the console issues.</summary>
public static class ConsoleClaims
{
    public const string UserId = "console:uid";
    public const string SecurityStamp = "console:stamp";
    public const string DisplayName = "console:name";
    public const string Scope = "console:scope";
    public const string ApiKeyName = "console:apikey";
}
