using Dapper;

namespace Dashboard.Data.Tiers;

/// <summary>What a business may do right now: its tier version, limits with overrides applied, features and verified status.</summary>
public sealed record Entitlements
{
    public long BusinessId { get; init; }

    public bool IsVerified { get; init; }

    public string TierCode { get; init; } = "";

    public string TierName { get; init; } = "";

    public int TierVersion { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Business-initiated conversations per 24 h; null means unlimited.</summary>
    public int? ConversationsPer24h { get; init; }

    public int? AgentSeats { get; init; }

    public int? PhoneNumbers { get; init; }

    public bool VerifiedMarkerEligible { get; init; }

    public bool ApiAccess { get; init; }

    public bool BroadcastCampaigns { get; init; }

    public bool Analytics { get; init; }

    public string SupportSla { get; init; } = "";

    /// <summary>True when an approved override replaced one of the tier's limits.</summary>
    public bool HasOverrides { get; init; }
}

/// <summary>One entry of a business's tier timeline: which tier version held from when to when, who entered it and why.</summary>
public sealed record SubscriptionEntry
{
    public long Id { get; init; }

    public string TierCode { get; init; } = "";

    public string TierName { get; init; } = "";

    public int TierVersion { get; init; }

    public long MonthlyPriceCents { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public DateTimeOffset? EffectiveTo { get; init; }

    public string Status { get; init; } = "";

    public long? PriceOverrideCents { get; init; }

    public int? DiscountPercent { get; init; }

    public DateTimeOffset? DiscountEndsAt { get; init; }

    public int? ConversationsOverride { get; init; }

    public int? AgentSeatsOverride { get; init; }

    public string ApprovalStatus { get; init; } = "";

    public string? ApprovedBy { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public string? EnteredBy { get; init; }

    public long? EnteredByUserId { get; init; }

    public DateTimeOffset? OverridesEndAt { get; init; }

    public string? ApprovalReasons { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecisionNote { get; init; }

    public int Version { get; init; }
}

/// <summary>Tiers, their versions and the businesses' subscriptions.</summary>
public interface ITierStore
{
    /// <summary>Every subscription of a business, newest first.</summary>
    Task<IReadOnlyList<SubscriptionEntry>> TimelineAsync(long businessId, CancellationToken cancellationToken);

    /// <summary>The entitlements in force at <paramref name="now"/>, or null for an unknown business (or one without a subscription).</summary>
    Task<Entitlements?> EntitlementsAsync(long businessId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ITierStore"/> for both providers.</summary>
public sealed class TierStore(Database database) : ITierStore
{
    // The subscription in force is the one whose period contains now. Rows awaiting approval (or rejected, or cancelled)
    // are never in force; overrides count until they end.
    private readonly string _entitlementsSql = """
        SELECT b.Id AS BusinessId, b.IsVerified, t.Code AS TierCode, t.Name AS TierName, tv.VersionNumber AS TierVersion, s.EffectiveFrom,
               CASE WHEN s.ConversationsOverride IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.ConversationsOverride ELSE tv.ConversationsPer24h END AS ConversationsPer24h,
               CASE WHEN s.AgentSeatsOverride IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.AgentSeatsOverride ELSE tv.AgentSeats END AS AgentSeats,
               tv.PhoneNumbers, tv.VerifiedMarkerEligible, tv.ApiAccess, tv.BroadcastCampaigns, tv.Analytics, tv.SupportSla,
               CASE WHEN (s.ConversationsOverride IS NOT NULL OR s.AgentSeatsOverride IS NOT NULL) AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN 1 ELSE 0 END AS HasOverrides
        FROM Businesses b
        JOIN Subscriptions s ON s.BusinessId = b.Id
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Tiers t ON t.Id = tv.TierId
        WHERE b.Id = @BusinessId
          AND s.Status IN ('Active', 'Scheduled', 'Ended')
          AND s.EffectiveFrom <= @Now
          AND (s.EffectiveTo IS NULL OR s.EffectiveTo > @Now)
        ORDER BY s.EffectiveFrom DESC, s.Id DESC
        """ + database.Paging + ";";

    private const string TimelineSql = """
        SELECT s.Id, t.Code AS TierCode, t.Name AS TierName, tv.VersionNumber AS TierVersion, tv.MonthlyPriceCents, s.EffectiveFrom, s.EffectiveTo, s.Status,
               s.PriceOverrideCents, s.DiscountPercent, s.DiscountEndsAt, s.ConversationsOverride, s.AgentSeatsOverride, s.ApprovalStatus,
               a.DisplayName AS ApprovedBy, s.Reason, s.EnteredAt, e.DisplayName AS EnteredBy, s.EnteredByUserId, s.OverridesEndAt, s.ApprovalReasons,
               s.DecidedAt, s.DecisionNote, s.Version
        FROM Subscriptions s
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Tiers t ON t.Id = tv.TierId
        LEFT JOIN Users a ON a.Id = s.ApprovedByUserId
        LEFT JOIN Users e ON e.Id = s.EnteredByUserId
        WHERE s.BusinessId = @BusinessId
        ORDER BY s.EffectiveFrom DESC, s.Id DESC;
        """;

    public async Task<IReadOnlyList<SubscriptionEntry>> TimelineAsync(long businessId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<SubscriptionEntry>(new CommandDefinition(TimelineSql, new { BusinessId = businessId },
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<Entitlements?> EntitlementsAsync(long businessId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<Entitlements>(new CommandDefinition(_entitlementsSql,
            new { BusinessId = businessId, Now = now, Skip = 0, Take = 1 }, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
