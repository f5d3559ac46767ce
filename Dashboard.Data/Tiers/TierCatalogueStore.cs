using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Tiers;

/// <summary>What a tier version offers: price, limits (null is unlimited), features and support SLA.</summary>
public sealed record TierTerms
{
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

/// <summary>One version of a tier as the catalogue shows it, with the number of businesses on it now.</summary>
public sealed record CatalogueVersion
{
    public long Id { get; init; }

    public long TierId { get; init; }

    public int VersionNumber { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public long MonthlyPriceCents { get; init; }

    public int? ConversationsPer24h { get; init; }

    public int? AgentSeats { get; init; }

    public int? PhoneNumbers { get; init; }

    public bool VerifiedMarkerEligible { get; init; }

    public bool ApiAccess { get; init; }

    public bool BroadcastCampaigns { get; init; }

    public bool Analytics { get; init; }

    public string SupportSla { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    /// <summary>Businesses whose subscription in force now is on this version.</summary>
    public int Businesses { get; init; }

    public TierTerms Terms => new()
    {
        MonthlyPriceCents = MonthlyPriceCents,
        ConversationsPer24h = ConversationsPer24h,
        AgentSeats = AgentSeats,
        PhoneNumbers = PhoneNumbers,
        VerifiedMarkerEligible = VerifiedMarkerEligible,
        ApiAccess = ApiAccess,
        BroadcastCampaigns = BroadcastCampaigns,
        Analytics = Analytics,
        SupportSla = SupportSla,
    };
}

/// <summary>A tier of the catalogue with every version, newest first.</summary>
public sealed record CatalogueTier
{
    public long Id { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public int SortOrder { get; init; }

    public bool SmeOnly { get; init; }

    public IReadOnlyList<CatalogueVersion> Versions { get; init; } = [];

    /// <summary>The version with the highest number, even when it takes effect only later.</summary>
    public CatalogueVersion? Latest => Versions.Count == 0 ? null : Versions[0];

    /// <summary>The version in force at <paramref name="now"/>: the highest number whose effective date has come.</summary>
    public CatalogueVersion? CurrentAt(DateTimeOffset now) => Versions.FirstOrDefault(v => v.EffectiveFrom <= now);

    /// <summary>Businesses on any version of the tier now.</summary>
    public int Businesses => Versions.Sum(v => v.Businesses);
}

/// <summary>A business's subscription in force on an older version of a tier: what moving it to the latest version would change.</summary>
public sealed record MoveCandidate
{
    public long SubscriptionId { get; init; }

    public long BusinessId { get; init; }

    public string BusinessName { get; init; } = "";

    public long TierVersionId { get; init; }

    public int VersionNumber { get; init; }

    /// <summary>The old version's list price.</summary>
    public long MonthlyPriceCents { get; init; }

    public string Status { get; init; } = "";

    public DateTimeOffset EffectiveFrom { get; init; }

    public DateTimeOffset? EffectiveTo { get; init; }

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

    public int Version { get; init; }

    /// <summary>
    /// The status of a change of the business still to come (<c>Scheduled</c> or <c>PendingApproval</c>), which a move
    /// must not overtake; null when there is none.
    /// </summary>
    public string? PendingChange { get; init; }

    public bool HasPendingChange => PendingChange is not null;

    /// <summary>Left where it is: a pending change decides what comes next, and only an active row is moved.</summary>
    public bool IsSkipped => HasPendingChange || Status != SubscriptionStatus.Active;

    /// <summary>
    /// What the business pays a month on a version with this list price, by <see cref="SubscriptionPricing"/>: a running
    /// price override keeps its price whatever the list price, and a running discount applies to either.
    /// </summary>
    public long MonthlyCents(long listPriceCents, DateTimeOffset now) =>
        SubscriptionPricing.MonthlyPriceCents(listPriceCents, PriceOverrideCents, OverridesEndAt, DiscountPercent, DiscountEndsAt, now);

    /// <summary>
    /// A fingerprint of the subscriptions a move would change and of its target: a move applies only while the set
    /// it was previewed with is still the set it would change.
    /// </summary>
    public static string Fingerprint(long targetVersionId, IEnumerable<MoveCandidate> affected)
    {
        var text = new StringBuilder().Append(targetVersionId.ToString(CultureInfo.InvariantCulture));
        foreach (var candidate in affected.OrderBy(c => c.SubscriptionId))
        {
            text.Append(CultureInfo.InvariantCulture, $";{candidate.SubscriptionId}:{candidate.Version}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>A move of businesses from older versions of a tier to its latest version, as previewed.</summary>
public sealed record TierMove
{
    public long TierId { get; init; }

    public long TargetVersionId { get; init; }

    public IReadOnlyCollection<int> FromVersions { get; init; } = [];

    /// <summary>The <see cref="MoveCandidate.Fingerprint"/> of the preview.</summary>
    public string Fingerprint { get; init; } = "";

    public DateTimeOffset Now { get; init; }

    /// <summary>The console user entering the change, as the subscriptions record it.</summary>
    public long EnteredByUserId { get; init; }
}

/// <summary>What a move changed.</summary>
public sealed record TierMoveResult(int Moved, int Skipped, long MonthlyChangeCents);

/// <summary>A move refused because the businesses it would change, or the latest version, changed since it was previewed.</summary>
public sealed class StaleMovePreviewException(int? affectedNow)
    : Exception(affectedNow is { } count
        ? $"The businesses on the older versions changed since the preview; {count} would move now."
        : "The tier has a newer version than the one previewed.")
{
    /// <summary>How many businesses the move would change now; null when the latest version itself changed.</summary>
    public int? AffectedNow { get; } = affectedNow;
}

/// <summary>The tier catalogue: tiers, their versions, new versions, and moving businesses to a tier's latest version.</summary>
public interface ITierCatalogueStore
{
    /// <summary>Every tier with every version, newest first, and the businesses on each version at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<CatalogueTier>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One tier as <see cref="ListAsync"/> gives it, or null when it does not exist.</summary>
    Task<CatalogueTier?> GetAsync(long tierId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Adds version <paramref name="expectedLatestVersion"/> + 1 of a tier, with its audit entry. Throws
    /// <see cref="ConcurrencyConflictException"/> when the tier's latest version is no longer the expected one.
    /// </summary>
    Task<CatalogueVersion> AddVersionAsync(
        long tierId, int expectedLatestVersion, TierTerms terms, DateTimeOffset effectiveFrom, Actor actor, CancellationToken cancellationToken);

    /// <summary>The subscriptions in force at <paramref name="now"/> on the given versions of a tier, skipped ones included.</summary>
    Task<IReadOnlyList<MoveCandidate>> MoveCandidatesAsync(long tierId, IReadOnlyCollection<int> fromVersions, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every candidate that is not skipped to the target version in one transaction, with an audit entry per business
    /// and one for the move. Throws <see cref="StaleMovePreviewException"/> when the set differs from the preview's.
    /// </summary>
    Task<TierMoveResult> MoveToLatestAsync(TierMove move, Actor actor, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ITierCatalogueStore"/> for both providers.</summary>
public sealed class TierCatalogueStore(Database database, AuditLog audit, TimeProvider time) : ITierCatalogueStore
{
    private const string TiersSql = "SELECT Id, Code, Name, SortOrder, SmeOnly FROM Tiers WHERE (@TierId IS NULL OR Id = @TierId) ORDER BY SortOrder, Id;";

    private const string VersionsSql = """
        SELECT Id, TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
               VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy
        FROM TierVersions
        WHERE (@TierId IS NULL OR TierId = @TierId)
        ORDER BY TierId, VersionNumber DESC;
        """;

    // In force as the entitlements read it: a row whose period contains now, unless it awaits approval, was rejected or cancelled.
    private const string InForce = "s.Status IN ('Active', 'Scheduled', 'Ended') AND s.EffectiveFrom <= @Now AND (s.EffectiveTo IS NULL OR s.EffectiveTo > @Now)";

    private const string BusinessesPerVersionSql = """
        SELECT s.TierVersionId, COUNT(DISTINCT s.BusinessId) AS Businesses
        FROM Subscriptions s
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        WHERE (@TierId IS NULL OR tv.TierId = @TierId)
          AND
        """ + " " + InForce + "\nGROUP BY s.TierVersionId;";

    private readonly string _latestVersionSql = """
        SELECT Id, TierId, VersionNumber, EffectiveFrom, MonthlyPriceCents, ConversationsPer24h, AgentSeats, PhoneNumbers,
               VerifiedMarkerEligible, ApiAccess, BroadcastCampaigns, Analytics, SupportSla, CreatedAt, CreatedBy
        FROM TierVersions
        WHERE TierId = @TierId
        ORDER BY VersionNumber DESC
        """ + database.Paging + ";";

    private const string TierExistsSql = "SELECT COUNT(*) FROM Tiers WHERE Id = @TierId;";

    private const string TierNameSql = "SELECT Name FROM Tiers WHERE Id = @TierId;";

    private readonly string _insertVersionSql = database.InsertReturningId("TierVersions",
        "TierId", "VersionNumber", "EffectiveFrom", "MonthlyPriceCents", "ConversationsPer24h", "AgentSeats", "PhoneNumbers",
        "VerifiedMarkerEligible", "ApiAccess", "BroadcastCampaigns", "Analytics", "SupportSla", "CreatedAt", "CreatedBy");

    // A business is skipped when a scheduled change or one awaiting approval is still to come (or is what holds now).
    private const string CandidatesSql = """
        SELECT s.Id AS SubscriptionId, s.BusinessId, b.DisplayName AS BusinessName, s.TierVersionId, tv.VersionNumber, tv.MonthlyPriceCents,
               s.Status, s.EffectiveFrom, s.EffectiveTo, s.PriceOverrideCents, s.DiscountPercent, s.DiscountEndsAt,
               s.ConversationsOverride, s.AgentSeatsOverride, s.OverridesEndAt, s.ApprovalStatus, s.ApprovalReasons, s.ApprovedByUserId,
               s.DecidedAt, s.DecisionNote, s.Version,
               (SELECT MIN(p.Status) FROM Subscriptions p
                WHERE p.BusinessId = s.BusinessId AND p.Status IN ('Scheduled', 'PendingApproval')
                  AND (p.EffectiveTo IS NULL OR p.EffectiveTo > @Now)) AS PendingChange
        FROM Subscriptions s
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Businesses b ON b.Id = s.BusinessId
        WHERE tv.TierId = @TierId
          AND tv.VersionNumber IN @FromVersions
          AND
        """ + " " + InForce + "\nORDER BY b.DisplayName, s.Id;";

    private const string EndSubscriptionSql = """
        UPDATE Subscriptions
        SET EffectiveTo = @Now, Status = 'Ended', Version = Version + 1
        WHERE Id = @Id AND Version = @Version AND Status = 'Active';
        """;

    private readonly string _insertSubscriptionSql = database.InsertReturningId("Subscriptions",
        "BusinessId", "TierVersionId", "EffectiveFrom", "EffectiveTo", "Status", "PriceOverrideCents", "DiscountPercent", "DiscountEndsAt",
        "ConversationsOverride", "AgentSeatsOverride", "OverridesEndAt", "ApprovalStatus", "ApprovalReasons", "ApprovedByUserId", "DecidedAt",
        "DecisionNote", "Reason", "EnteredAt", "EnteredByUserId", "Version");

    public async Task<IReadOnlyList<CatalogueTier>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CatalogueTier?> GetAsync(long tierId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(connection, tierId, now, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private async Task<IReadOnlyList<CatalogueTier>> ReadAsync(DbConnection connection, long? tierId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new { TierId = tierId, Now = now };
        var tiers = await connection.QueryAsync<CatalogueTier>(Command(TiersSql, parameters, cancellationToken)).ConfigureAwait(false);
        var versions = await connection.QueryAsync<CatalogueVersion>(Command(VersionsSql, parameters, cancellationToken)).ConfigureAwait(false);
        var counts = (await connection.QueryAsync<VersionCount>(Command(BusinessesPerVersionSql, parameters, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => c.TierVersionId, c => c.Businesses);
        var byTier = versions
            .Select(v => v with { Businesses = counts.GetValueOrDefault(v.Id) })
            .ToLookup(v => v.TierId);
        return tiers.Select(t => t with { Versions = byTier[t.Id].ToList() }).ToList();
    }

    public async Task<CatalogueVersion> AddVersionAsync(
        long tierId, int expectedLatestVersion, TierTerms terms, DateTimeOffset effectiveFrom, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var latest = await LatestAsync(connection, transaction, tierId, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            var exists = await connection.ExecuteScalarAsync<int>(Command(TierExistsSql, new { TierId = tierId }, cancellationToken, transaction)).ConfigureAwait(false);
            if (exists == 0)
            {
                throw new NotFoundException("Tier", Text(tierId));
            }
        }

        if ((latest?.VersionNumber ?? 0) != expectedLatestVersion)
        {
            throw new ConcurrencyConflictException("Tier", Text(tierId));
        }

        var created = new CatalogueVersion
        {
            TierId = tierId,
            VersionNumber = expectedLatestVersion + 1,
            EffectiveFrom = effectiveFrom,
            MonthlyPriceCents = terms.MonthlyPriceCents,
            ConversationsPer24h = terms.ConversationsPer24h,
            AgentSeats = terms.AgentSeats,
            PhoneNumbers = terms.PhoneNumbers,
            VerifiedMarkerEligible = terms.VerifiedMarkerEligible,
            ApiAccess = terms.ApiAccess,
            BroadcastCampaigns = terms.BroadcastCampaigns,
            Analytics = terms.Analytics,
            SupportSla = terms.SupportSla,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Name,
        };

        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(Command(_insertVersionSql, new
            {
                created.TierId,
                created.VersionNumber,
                created.EffectiveFrom,
                created.MonthlyPriceCents,
                created.ConversationsPer24h,
                created.AgentSeats,
                created.PhoneNumbers,
                created.VerifiedMarkerEligible,
                created.ApiAccess,
                created.BroadcastCampaigns,
                created.Analytics,
                created.SupportSla,
                created.CreatedAt,
                created.CreatedBy,
            }, cancellationToken, transaction)).ConfigureAwait(false);
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            // Another version with this number was added between the read above and this insert.
            throw new ConcurrencyConflictException("Tier", Text(tierId));
        }

        created = created with { Id = id };
        var name = await connection.ExecuteScalarAsync<string>(Command(TierNameSql, new { TierId = tierId }, cancellationToken, transaction)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEntry(
            "TierVersionCreated", "Tier", Text(tierId),
            string.Create(CultureInfo.InvariantCulture, $"Created {name} v{created.VersionNumber}, effective from {effectiveFrom.UtcDateTime:yyyy-MM-dd}"),
            latest is null ? null : AuditValues(latest),
            AuditValues(created)), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task<IReadOnlyList<MoveCandidate>> MoveCandidatesAsync(
        long tierId, IReadOnlyCollection<int> fromVersions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (fromVersions.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CandidatesAsync(connection, null, tierId, fromVersions, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TierMoveResult> MoveToLatestAsync(TierMove move, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Serializable, so that no change of a business can slip in between the check against the preview and the writes
        // (SQLite's write lock already gives that; on SQL Server it keeps the rows read locked until the commit).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var target = await LatestAsync(connection, transaction, move.TierId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("Tier", Text(move.TierId));
        var candidates = move.FromVersions.Count == 0
            ? []
            : await CandidatesAsync(connection, transaction, move.TierId, move.FromVersions, move.Now, cancellationToken).ConfigureAwait(false);
        var affected = candidates.Where(c => !c.IsSkipped && c.VersionNumber < target.VersionNumber).ToList();
        if (target.Id != move.TargetVersionId || MoveCandidate.Fingerprint(target.Id, affected) != move.Fingerprint)
        {
            throw new StaleMovePreviewException(target.Id == move.TargetVersionId ? affected.Count : null);
        }

        var tierName = await connection.ExecuteScalarAsync<string>(Command(TierNameSql, new { move.TierId }, cancellationToken, transaction)).ConfigureAwait(false) ?? "";
        long change = 0;
        foreach (var candidate in affected)
        {
            var ended = await connection.ExecuteAsync(Command(EndSubscriptionSql,
                new { Id = candidate.SubscriptionId, candidate.Version, move.Now }, cancellationToken, transaction)).ConfigureAwait(false);
            if (ended == 0)
            {
                throw new ConcurrencyConflictException("Subscription", Text(candidate.SubscriptionId));
            }

            long id;
            try
            {
                // The commercial terms and their approval carry over; only the version changes.
                id = await connection.ExecuteScalarAsync<long>(Command(_insertSubscriptionSql, new
                {
                    candidate.BusinessId,
                    TierVersionId = target.Id,
                    EffectiveFrom = move.Now,
                    candidate.EffectiveTo,
                    Status = SubscriptionStatus.Active,
                    candidate.PriceOverrideCents,
                    candidate.DiscountPercent,
                    candidate.DiscountEndsAt,
                    candidate.ConversationsOverride,
                    candidate.AgentSeatsOverride,
                    candidate.OverridesEndAt,
                    candidate.ApprovalStatus,
                    candidate.ApprovalReasons,
                    candidate.ApprovedByUserId,
                    candidate.DecidedAt,
                    candidate.DecisionNote,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"Moved to {tierName} v{target.VersionNumber} from v{candidate.VersionNumber}"),
                    EnteredAt = move.Now,
                    move.EnteredByUserId,
                    Version = 1,
                }, cancellationToken, transaction)).ConfigureAwait(false);
            }
            catch (DbException ex) when (database.IsUniqueViolation(ex))
            {
                // A business has one active row; another one appeared since the candidates were read.
                throw new ConcurrencyConflictException("Subscription", Text(candidate.SubscriptionId));
            }

            var before = candidate.MonthlyCents(candidate.MonthlyPriceCents, move.Now);
            var after = candidate.MonthlyCents(target.MonthlyPriceCents, move.Now);
            change += after - before;
            await audit.AppendAsync(connection, transaction, new AuditEntry(
                "SubscriptionMovedToLatestVersion", "Subscription", Text(candidate.BusinessId),
                string.Create(CultureInfo.InvariantCulture,
                    $"{candidate.BusinessName} (business {candidate.BusinessId}) moved from {tierName} v{candidate.VersionNumber} to v{target.VersionNumber}"),
                new { candidate.BusinessId, candidate.SubscriptionId, TierVersion = candidate.VersionNumber, MonthlyPriceCents = before },
                new { candidate.BusinessId, SubscriptionId = id, TierVersion = target.VersionNumber, MonthlyPriceCents = after }), actor).ConfigureAwait(false);
        }

        var skipped = candidates.Count(c => c.IsSkipped);
        var from = string.Join(", ", move.FromVersions.Order().Select(v => "v" + v.ToString(CultureInfo.InvariantCulture)));
        await audit.AppendAsync(connection, transaction, new AuditEntry(
            "TierBusinessesMoved", "Tier", Text(move.TierId),
            string.Create(CultureInfo.InvariantCulture, $"Moved {affected.Count} businesses from {tierName} {from} to v{target.VersionNumber}; {skipped} skipped with a pending change"),
            new { FromVersions = move.FromVersions.Order().ToList() },
            new { TierVersion = target.VersionNumber, Moved = affected.Count, Skipped = skipped, MonthlyChangeCents = change }), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TierMoveResult(affected.Count, skipped, change);
    }

    private Task<CatalogueVersion?> LatestAsync(DbConnection connection, DbTransaction transaction, long tierId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CatalogueVersion>(Command(_latestVersionSql, new { TierId = tierId, Skip = 0, Take = 1 }, cancellationToken, transaction));

    private async Task<IReadOnlyList<MoveCandidate>> CandidatesAsync(
        DbConnection connection, DbTransaction? transaction, long tierId, IReadOnlyCollection<int> fromVersions, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MoveCandidate>(Command(CandidatesSql,
            new { TierId = tierId, FromVersions = fromVersions.Distinct().ToArray(), Now = now }, cancellationToken, transaction)).ConfigureAwait(false)).AsList();

    private static object AuditValues(CatalogueVersion version) => new
    {
        version.VersionNumber,
        version.EffectiveFrom,
        version.MonthlyPriceCents,
        version.ConversationsPer24h,
        version.AgentSeats,
        version.PhoneNumbers,
        version.VerifiedMarkerEligible,
        version.ApiAccess,
        version.BroadcastCampaigns,
        version.Analytics,
        version.SupportSla,
    };

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, database.CommandTimeout, cancellationToken: cancellationToken);

    private sealed record VersionCount
    {
        public long TierVersionId { get; init; }

        public int Businesses { get; init; }
    }
}
