namespace Dashboard.Data.Identity;

/// <summary>The console's roles; each is also the name of an authorization policy.</summary>
public static class Roles
{
    public const string Reviewer = nameof(Reviewer);
    public const string SeniorReviewer = nameof(SeniorReviewer);
    public const string AccountManager = nameof(AccountManager);
    public const string Executive = nameof(Executive);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Reviewer, SeniorReviewer, AccountManager, Executive, Admin];

    /// <summary>The role's canonical spelling, or null when it is not a role.</summary>
    public static string? Normalise(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The scopes an API key may carry.</summary>
public static class ApiScopes
{
    public const string UsageWrite = "usage:write";
    public const string UsageRead = "usage:read";
    public const string VerificationWrite = "verification:write";
    public const string EntitlementsRead = "entitlements:read";

    /// <summary>Scraping the Prometheus endpoint <c>/metrics</c> on the console's own port.</summary>
    public const string MetricsRead = "metrics:read";

    public static IReadOnlyList<string> All { get; } = [UsageWrite, UsageRead, VerificationWrite, EntitlementsRead, MetricsRead];
}
