using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using MudBlazor;

namespace Dashboard.Shell;

/// <summary>One entry of the side navigation and the policy that decides who sees it; title and group are keys of <see cref="ShellText"/>.</summary>
public sealed record NavEntry(string Title, string Href, string Icon, string Policy, string Group);

/// <summary>The console's navigation and each role's start page, in one place.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavEntry> Entries { get; } =
    [
        new("Nav.VerificationQueue", "/verification", Icons.Material.Outlined.VerifiedUser, Policies.Reviewer, "Group.TrustSafety"),
        new("Nav.ReviewerStatistics", "/verification/stats", Icons.Material.Outlined.QueryStats, Policies.Reviewer, "Group.TrustSafety"),
        new("Nav.Businesses", "/businesses", Icons.Material.Outlined.Storefront, Policies.Accounts, "Group.Accounts"),
        new("Nav.Approvals", "/approvals", Icons.Material.Outlined.FactCheck, Policies.Accounts, "Group.Accounts"),
        new("Nav.TierCatalogue", "/tiers", Icons.Material.Outlined.Sell, Policies.CatalogueViewer, "Group.Accounts"),
        new("Nav.UsageOverview", "/usage", Icons.Material.Outlined.Insights, Policies.UsageViewer, "Group.Analytics"),
        new("Nav.UsageHistory", "/usage/history", Icons.Material.Outlined.Timeline, Policies.UsageViewer, "Group.Analytics"),
        new("Nav.Revenue", "/revenue", Icons.Material.Outlined.Euro, Policies.RevenueViewer, "Group.Analytics"),
        new("Nav.Administration", "/admin", Icons.Material.Outlined.AdminPanelSettings, Policies.Admin, "Group.Console"),
        new("Nav.AuditLog", "/audit", Icons.Material.Outlined.History, Policies.AnyRole, "Group.Console"),
    ];

    /// <summary>Where each role starts, by priority when a user has several roles.</summary>
    private static readonly (string Role, string Href)[] s_homes =
    [
        (Roles.SeniorReviewer, "/verification"),
        (Roles.Reviewer, "/verification"),
        (Roles.AccountManager, "/businesses"),
        (Roles.Executive, "/usage"),
        (Roles.Admin, "/admin"),
    ];

    /// <summary>
    /// The entry a path belongs to, marked as the current page: the longest entry the path is at or under (the queue on a
    /// request's detail, but not on the statistics page under it, which has an entry of its own). Null outside them all.
    /// </summary>
    public static NavEntry? CurrentFor(string path) =>
        Entries
            .Where(e => IsUnder(path, e.Href))
            .MaxBy(e => e.Href.Length);

    /// <summary>The start page of a signed-in user, or null when the user has no console role.</summary>
    public static string? HomeFor(ClaimsPrincipal user) =>
        s_homes.FirstOrDefault(h => user.IsInRole(h.Role)).Href;

    private static bool IsUnder(string path, string href) =>
        path.Equals(href, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
}
