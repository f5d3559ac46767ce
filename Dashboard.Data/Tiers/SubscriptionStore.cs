using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Tiers;

/// <summary>Subscription states: only Active, Ended and Scheduled rows are (or will be) in force.</summary>
public static class SubscriptionStatus
{
    public const string Active = nameof(Active);
    public const string Ended = nameof(Ended);
    public const string Scheduled = nameof(Scheduled);
    public const string PendingApproval = nameof(PendingApproval);
    public const string Rejected = nameof(Rejected);
    public const string Cancelled = nameof(Cancelled);
}

/// <summary>Whether a row needed a second person's approval, and the outcome.</summary>
public static class ApprovalStatus
{
    public const string NotRequired = nameof(NotRequired);
    public const string Pending = nameof(Pending);
    public const string Approved = nameof(Approved);
    public const string Rejected = nameof(Rejected);
}

/// <summary>One version of a tier: its price, limits (null = unlimited) and features.</summary>
public sealed record TierOffer
{
    public long TierVersionId { get; init; }

    public string TierCode { get; init; } = "";

    public string TierName { get; init; } = "";

    public int SortOrder { get; init; }

    public bool SmeOnly { get; init; }

    public int VersionNumber { get; init; }

    public DateTimeOffset VersionEffectiveFrom { get; init; }

    public long MonthlyPriceCents { get; init; }

    public int? ConversationsPer24h { get; init; }

    public int? AgentSeats { get; init; }

    public int? PhoneNumbers { get; init; }

    public bool VerifiedMarkerEligible { get; init; }

    public bool ApiAccess { get; init; }

    public bool BroadcastCampaigns { get; init; }

    public bool Analytics { get; init; }

    public string SupportSla { get; init; } = "";
}

/// <summary>One subscription row with the tier version it points to.</summary>
public sealed record SubscriptionRow
{
    public long Id { get; init; }

    public long BusinessId { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public DateTimeOffset? EffectiveTo { get; init; }

    public string Status { get; init; } = "";

    public long? PriceOverrideCents { get; init; }

    public int? DiscountPercent { get; init; }

    public DateTimeOffset? DiscountEndsAt { get; init; }

    public int? ConversationsOverride { get; init; }

    public int? AgentSeatsOverride { get; init; }

    public DateTimeOffset? OverridesEndAt { get; init; }

    public string ApprovalStatus { get; init; } = "";

    public string? ApprovalReasons { get; init; }

    public long? ApprovedByUserId { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecisionNote { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public long? EnteredByUserId { get; init; }

    public int Version { get; init; }

    public TierOffer Tier { get; init; } = new();

    /// <summary>The monthly price at <paramref name="at"/>: the override while it runs, less the discount while it runs.</summary>
    public long MonthlyPriceCentsAt(DateTimeOffset at) => SubscriptionPricing.MonthlyPriceCents(
        Tier.MonthlyPriceCents, PriceOverrideCents, OverridesEndAt, DiscountPercent, DiscountEndsAt, at);

    /// <summary>The conversation limit at <paramref name="at"/> (null = unlimited).</summary>
    public int? ConversationsAt(DateTimeOffset at) => OverridesRunAt(at) && ConversationsOverride is { } o ? o : Tier.ConversationsPer24h;

    /// <summary>The agent seat limit at <paramref name="at"/> (null = unlimited).</summary>
    public int? AgentSeatsAt(DateTimeOffset at) => OverridesRunAt(at) && AgentSeatsOverride is { } o ? o : Tier.AgentSeats;

    private bool OverridesRunAt(DateTimeOffset at) => OverridesEndAt is null || OverridesEndAt > at;
}

/// <summary>How prices are worked out, in one place, so that every figure in the console agrees.</summary>
public static class SubscriptionPricing
{
    /// <summary>
    /// The price override replaces the list price until the overrides end; a discount then takes its percentage off
    /// until it ends. Cents are rounded down, as invoices round in the customer's favour.
    /// </summary>
    public static long MonthlyPriceCents(long listCents, long? priceOverrideCents, DateTimeOffset? overridesEndAt,
        int? discountPercent, DateTimeOffset? discountEndsAt, DateTimeOffset at)
    {
        var price = priceOverrideCents is { } o && (overridesEndAt is null || overridesEndAt > at) ? o : listCents;
        return discountPercent is { } d && (discountEndsAt is null || discountEndsAt > at) ? price * (100 - d) / 100 : price;
    }
}

/// <summary>Conversations and messages a business sent per day, for usage against its limits.</summary>
public sealed record BusinessUsagePoint(DateTimeOffset Day, long Conversations, long Messages);

/// <summary>A change waiting for a second person's approval, for the approvals list.</summary>
public sealed record PendingChange
{
    public long Id { get; init; }

    public long BusinessId { get; init; }

    public string BusinessName { get; init; } = "";

    public string? FromTier { get; init; }

    public string ToTier { get; init; } = "";

    public int ToVersion { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public long ListPriceCents { get; init; }

    public long? PriceOverrideCents { get; init; }

    public int? DiscountPercent { get; init; }

    public DateTimeOffset? DiscountEndsAt { get; init; }

    public int? ConversationsOverride { get; init; }

    public int? AgentSeatsOverride { get; init; }

    public DateTimeOffset? OverridesEndAt { get; init; }

    public string? ApprovalReasons { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public long? EnteredByUserId { get; init; }

    public string? EnteredBy { get; init; }

    public int Version { get; init; }
}

/// <summary>A new subscription row to insert.</summary>
public sealed record NewSubscription
{
    public long BusinessId { get; init; }

    public long TierVersionId { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public DateTimeOffset? EffectiveTo { get; init; }

    public string Status { get; init; } = SubscriptionStatus.Active;

    public long? PriceOverrideCents { get; init; }

    public int? DiscountPercent { get; init; }

    public DateTimeOffset? DiscountEndsAt { get; init; }

    public int? ConversationsOverride { get; init; }

    public int? AgentSeatsOverride { get; init; }

    public DateTimeOffset? OverridesEndAt { get; init; }

    public string ApprovalStatus { get; init; } = Tiers.ApprovalStatus.NotRequired;

    public string? ApprovalReasons { get; init; }

    public long? ApprovedByUserId { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public long? EnteredByUserId { get; init; }
}

/// <summary>The new state of an existing row; written only if the row still has <paramref name="ExpectedVersion"/>.</summary>
public sealed record SubscriptionUpdate(SubscriptionRow Row, int ExpectedVersion);

/// <summary>Writes that belong together: updates first (in order), then inserts, then the audit entries, in one transaction.</summary>
public sealed record SubscriptionWrite
{
    public IReadOnlyList<SubscriptionUpdate> Updates { get; init; } = [];

    public IReadOnlyList<NewSubscription> Inserts { get; init; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];
}

/// <summary>Reads and writes of the businesses' subscriptions.</summary>
public interface ISubscriptionStore
{
    /// <summary>For each tier, the version in force at <paramref name="at"/> (the newest one that has started).</summary>
    Task<IReadOnlyList<TierOffer>> OffersAsync(DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The rows of a business that are in force now or still to come: active, scheduled, awaiting approval.</summary>
    Task<IReadOnlyList<SubscriptionRow>> OpenRowsAsync(long businessId, CancellationToken cancellationToken);

    Task<SubscriptionRow?> GetAsync(long subscriptionId, CancellationToken cancellationToken);

    /// <summary>Scheduled rows whose start has come, oldest first.</summary>
    Task<IReadOnlyList<SubscriptionRow>> DueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingChange>> PendingApprovalsAsync(CancellationToken cancellationToken);

    /// <summary>Per-day usage of a business from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), days without traffic left out.</summary>
    Task<IReadOnlyList<BusinessUsagePoint>> UsageAsync(long businessId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Writes everything in one transaction. A row changed by someone else since it was read, or a second waiting change
    /// for the same business, throws <see cref="ConcurrencyConflictException"/> and nothing is written.
    /// Returns the ids of the inserted rows, in order.
    /// </summary>
    Task<IReadOnlyList<long>> WriteAsync(SubscriptionWrite write, Actor actor, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ISubscriptionStore"/> for both providers.</summary>
public sealed class SubscriptionStore(Database database, AuditLog audit) : ISubscriptionStore
{
    private const string OfferColumns = """
        tv.Id AS TierVersionId, t.Code AS TierCode, t.Name AS TierName, t.SortOrder, t.SmeOnly, tv.VersionNumber, tv.EffectiveFrom AS VersionEffectiveFrom,
        tv.MonthlyPriceCents, tv.ConversationsPer24h, tv.AgentSeats, tv.PhoneNumbers, tv.VerifiedMarkerEligible, tv.ApiAccess, tv.BroadcastCampaigns,
        tv.Analytics, tv.SupportSla
        """;

    private const string RowColumns = """
        s.Id, s.BusinessId, s.EffectiveFrom, s.EffectiveTo, s.Status, s.PriceOverrideCents, s.DiscountPercent, s.DiscountEndsAt, s.ConversationsOverride,
        s.AgentSeatsOverride, s.OverridesEndAt, s.ApprovalStatus, s.ApprovalReasons, s.ApprovedByUserId, s.DecidedAt, s.DecisionNote, s.Reason, s.EnteredAt,
        s.EnteredByUserId, s.Version,
        """;

    private const string OffersSql = "SELECT " + OfferColumns + """

        FROM TierVersions tv
        JOIN Tiers t ON t.Id = tv.TierId
        WHERE tv.VersionNumber = (SELECT MAX(x.VersionNumber) FROM TierVersions x WHERE x.TierId = tv.TierId AND x.EffectiveFrom <= @At)
        ORDER BY t.SortOrder, t.Code;
        """;

    private const string RowsFrom = """

        FROM Subscriptions s
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Tiers t ON t.Id = tv.TierId
        """;

    private const string OpenRowsSql = "SELECT " + RowColumns + OfferColumns + RowsFrom + "\n" + """
        WHERE s.BusinessId = @BusinessId AND s.Status IN ('Active', 'Scheduled', 'PendingApproval')
        ORDER BY s.EffectiveFrom, s.Id;
        """;

    private const string GetSql = "SELECT " + RowColumns + OfferColumns + RowsFrom + " WHERE s.Id = @Id;";

    private readonly string _dueSql = "SELECT " + RowColumns + OfferColumns + RowsFrom + "\n" + """
        WHERE s.Status = 'Scheduled' AND s.EffectiveFrom <= @Now
        ORDER BY s.EffectiveFrom, s.Id
        """ + database.Paging + ";";

    private const string PendingSql = """
        SELECT s.Id, s.BusinessId, b.DisplayName AS BusinessName,
               (SELECT ct.Name FROM Subscriptions c JOIN TierVersions cv ON cv.Id = c.TierVersionId JOIN Tiers ct ON ct.Id = cv.TierId
                WHERE c.BusinessId = s.BusinessId AND c.Status = 'Active') AS FromTier,
               t.Name AS ToTier, tv.VersionNumber AS ToVersion, s.EffectiveFrom, tv.MonthlyPriceCents AS ListPriceCents, s.PriceOverrideCents,
               s.DiscountPercent, s.DiscountEndsAt, s.ConversationsOverride, s.AgentSeatsOverride, s.OverridesEndAt, s.ApprovalReasons, s.Reason,
               s.EnteredAt, s.EnteredByUserId, u.DisplayName AS EnteredBy, s.Version
        FROM Subscriptions s
        JOIN Businesses b ON b.Id = s.BusinessId
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Tiers t ON t.Id = tv.TierId
        LEFT JOIN Users u ON u.Id = s.EnteredByUserId
        WHERE s.Status = 'PendingApproval'
        ORDER BY s.EnteredAt, s.Id;
        """;

    private const string UsageSql = """
        SELECT Day, Conversations, Messages
        FROM BusinessUsageDay
        WHERE BusinessId = @BusinessId AND Day >= @From AND Day < @To
        ORDER BY Day;
        """;

    private const string UpdateSql = """
        UPDATE Subscriptions
        SET Status = @Status, EffectiveFrom = @EffectiveFrom, EffectiveTo = @EffectiveTo, ApprovalStatus = @ApprovalStatus,
            ApprovedByUserId = @ApprovedByUserId, DecidedAt = @DecidedAt, DecisionNote = @DecisionNote, Version = Version + 1
        WHERE Id = @Id AND Version = @ExpectedVersion;
        """;

    private readonly string _insertSql = database.InsertReturningId("Subscriptions",
        "BusinessId", "TierVersionId", "EffectiveFrom", "EffectiveTo", "Status", "PriceOverrideCents", "DiscountPercent", "DiscountEndsAt",
        "ConversationsOverride", "AgentSeatsOverride", "OverridesEndAt", "ApprovalStatus", "ApprovalReasons", "ApprovedByUserId", "DecidedAt",
        "Reason", "EnteredAt", "EnteredByUserId", "Version");

    public async Task<IReadOnlyList<TierOffer>> OffersAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<TierOffer>(Command(OffersSql, new { At = at }, cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<IReadOnlyList<SubscriptionRow>> OpenRowsAsync(long businessId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RowsAsync(connection, OpenRowsSql, new { BusinessId = businessId }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SubscriptionRow?> GetAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await RowsAsync(connection, GetSql, new { Id = subscriptionId }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<SubscriptionRow>> DueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RowsAsync(connection, _dueSql, new { Now = now, Skip = 0, Take = take }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingChange>> PendingApprovalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<PendingChange>(Command(PendingSql, null, cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<IReadOnlyList<BusinessUsagePoint>> UsageAsync(long businessId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Day, long Conversations, long Messages)>(Command(UsageSql,
            new { BusinessId = businessId, From = from.ToUnixTimeSeconds(), To = to.ToUnixTimeSeconds() }, cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BusinessUsagePoint(DateTimeOffset.FromUnixTimeSeconds(r.Day), r.Conversations, r.Messages)).ToList();
    }

    public async Task<IReadOnlyList<long>> WriteAsync(SubscriptionWrite write, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        try
        {
            foreach (var (row, expected) in write.Updates)
            {
                var changed = await connection.ExecuteAsync(Command(UpdateSql, new
                {
                    row.Id, row.Status, row.EffectiveFrom, row.EffectiveTo, row.ApprovalStatus, row.ApprovedByUserId, row.DecidedAt, row.DecisionNote,
                    ExpectedVersion = expected,
                }, cancellationToken, transaction)).ConfigureAwait(false);
                if (changed == 0)
                {
                    throw new ConcurrencyConflictException("Subscription", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            foreach (var insert in write.Inserts)
            {
                ids.Add(await connection.ExecuteScalarAsync<long>(Command(_insertSql, new
                {
                    insert.BusinessId, insert.TierVersionId, insert.EffectiveFrom, insert.EffectiveTo, insert.Status, insert.PriceOverrideCents,
                    insert.DiscountPercent, insert.DiscountEndsAt, insert.ConversationsOverride, insert.AgentSeatsOverride, insert.OverridesEndAt,
                    insert.ApprovalStatus, insert.ApprovalReasons, insert.ApprovedByUserId, insert.DecidedAt, insert.Reason, insert.EnteredAt,
                    insert.EnteredByUserId, Version = 1,
                }, cancellationToken, transaction)).ConfigureAwait(false));
            }
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            // The filtered unique indexes allow one active row and one waiting change per business.
            var businessId = write.Inserts.Select(i => i.BusinessId).Concat(write.Updates.Select(u => u.Row.BusinessId)).FirstOrDefault();
            throw new ConcurrencyConflictException("The subscriptions of business", businessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var entry in write.Audit)
        {
            await audit.AppendAsync(connection, transaction, entry, actor).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private async Task<IReadOnlyList<SubscriptionRow>> RowsAsync(DbConnection connection, string sql, object parameters, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<SubscriptionRow, TierOffer, SubscriptionRow>(Command(sql, parameters, cancellationToken),
            (row, offer) => row with { Tier = offer }, splitOn: "TierVersionId").ConfigureAwait(false)).AsList();

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, database.CommandTimeout, cancellationToken: cancellationToken);
}
