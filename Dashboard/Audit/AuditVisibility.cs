using System.Security.Claims;
using Dashboard.Data.Identity;

namespace Dashboard.Audit;

/// <summary>
/// Which audit entries each role may see, by the entity type they are about. A user with several roles sees the
/// union; an administrator sees everything. Entries about a user's own account (EntityType "User" with their id)
/// are not added for other roles: <c>AuditQuery</c> filters by entity type only, so that needs a store change first.
/// </summary>
public static class AuditVisibility
{
    public const string User = nameof(User);
    public const string ApiKey = nameof(ApiKey);
    public const string VerificationRequest = nameof(VerificationRequest);
    public const string Business = nameof(Business);
    public const string Subscription = nameof(Subscription);
    public const string Tier = nameof(Tier);
    public const string TierVersion = nameof(TierVersion);

    /// <summary>Every entity type the console writes to the audit log, in the order the filter offers them.</summary>
    public static IReadOnlyList<string> EntityTypes { get; } = [VerificationRequest, Business, Subscription, Tier, TierVersion, User, ApiKey];

    private static readonly Dictionary<string, string[]> s_byRole = new(StringComparer.Ordinal)
    {
        [Roles.Reviewer] = [VerificationRequest, Business],
        [Roles.SeniorReviewer] = [VerificationRequest, Business],
        [Roles.AccountManager] = [Business, Subscription, Tier, TierVersion],
        [Roles.Executive] = [Tier, TierVersion, Subscription],
    };

    /// <summary>The entity types the user may see, for <c>AuditQuery.VisibleEntityTypes</c>: null for everything (admins), empty for nothing.</summary>
    public static IReadOnlyCollection<string>? VisibleEntityTypes(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return null;
        }

        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, types) in s_byRole)
        {
            if (user.IsInRole(role))
            {
                visible.UnionWith(types);
            }
        }

        return EntityTypes.Where(visible.Contains).ToList();
    }

    /// <summary>The entity types the filter offers the user: only those they may see.</summary>
    public static IReadOnlyList<string> SelectableEntityTypes(ClaimsPrincipal user) =>
        VisibleEntityTypes(user) is { } visible ? EntityTypes.Where(visible.Contains).ToList() : EntityTypes;
}
