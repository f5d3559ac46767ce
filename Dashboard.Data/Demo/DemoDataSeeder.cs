using System.Data.Common;
using System.Diagnostics;
using Dapper;

namespace Dashboard.Data.Demo;

/// <summary>
/// Fills an empty database with deterministic demo data: the tier catalogue, businesses with their figures and
/// ownership links, verification requests in every state with documents and histories, and subscriptions.
/// Per-business daily usage covers the last 30 days; the platform-wide usage rollups are left to the usage backfill.
/// </summary>
public sealed class DemoDataSeeder(Database database, TimeProvider time)
{
    private const string AnyBusinessSql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM Businesses) THEN 1 ELSE 0 END;";

    // Inside the seeding transaction on SQL Server: the range lock makes a second node wait, then see the rows and skip.
    private const string AnyBusinessLockedSql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM Businesses WITH (UPDLOCK, HOLDLOCK)) THEN 1 ELSE 0 END;";

    private readonly string _insertTier = database.InsertReturningId("Tiers", "Code", "Name", "SortOrder", "SmeOnly");

    private readonly string _insertTierVersion = database.InsertReturningId(
        "TierVersions", "TierId", "VersionNumber", "EffectiveFrom", "MonthlyPriceCents", "ConversationsPer24h", "AgentSeats", "PhoneNumbers",
        "VerifiedMarkerEligible", "ApiAccess", "BroadcastCampaigns", "Analytics", "SupportSla", "CreatedAt", "CreatedBy");

    private const string InsertBusinessSql = """
        INSERT INTO Businesses (ExternalId, DisplayName, LegalName, Category, Country, PhoneE164, Website, EmailDomain, RegistrationNumber,
            Employees, AnnualTurnoverEur, BalanceSheetEur, IsVerified, VerifiedAt, SmeStatus, CreatedAt, UpdatedAt, Version)
        VALUES (@ExternalId, @DisplayName, @LegalName, @Category, @Country, @PhoneE164, @Website, @EmailDomain, @RegistrationNumber,
            @Employees, @AnnualTurnoverEur, @BalanceSheetEur, @IsVerified, @VerifiedAt, @SmeStatus, @CreatedAt, @UpdatedAt, @Version);
        """;

    // Every seeded business has an external id. Reading the new ids back by it is several times faster on SQLite than
    // one INSERT ... RETURNING per row, which prepares a fresh statement each time.
    private const string BusinessIdsSql = "SELECT Id, ExternalId FROM Businesses WHERE ExternalId IS NOT NULL;";

    private const string InsertFinancialsSql =
        "INSERT INTO BusinessFinancials (BusinessId, FiscalYear, Employees, AnnualTurnoverEur, BalanceSheetEur) VALUES (@BusinessId, @FiscalYear, @Employees, @AnnualTurnoverEur, @BalanceSheetEur);";

    private const string InsertLinkSql =
        "INSERT INTO BusinessLinks (BusinessId, LinkedBusinessId, OwnershipPercent) VALUES (@BusinessId, @LinkedBusinessId, @OwnershipPercent);";

    private const string InsertRequestSql = """
        INSERT INTO VerificationRequests (BusinessId, BusinessCountry, BusinessCategory, Status, Attempt, RiskScore, RiskBand, SubmittedAt, DueAt,
            AssignedToUserId, ClaimExpiresAt, FirstApproverUserId, DecidedByUserId, DecidedAt, ReasonCode, DecisionNote, UpdatedAt, Version)
        VALUES (@BusinessId, @BusinessCountry, @BusinessCategory, @Status, @Attempt, @RiskScore, @RiskBand, @SubmittedAt, @DueAt, @AssignedToUserId, @ClaimExpiresAt,
            @FirstApproverUserId, @DecidedByUserId, @DecidedAt, @ReasonCode, @DecisionNote, @UpdatedAt, @Version);
        """;

    // A business never submits two requests at the same second, so business and submission time name a seeded request.
    private const string RequestIdsSql = "SELECT Id, BusinessId, SubmittedAt FROM VerificationRequests;";

    private const string InsertDocumentSql =
        "INSERT INTO VerificationDocuments (RequestId, Kind, FileName, Sha256, SizeBytes, UploadedAt) VALUES (@RequestId, @Kind, @FileName, @Sha256, @SizeBytes, @UploadedAt);";

    private const string InsertEventSql =
        "INSERT INTO VerificationEvents (RequestId, At, ActorUserId, Kind, FromStatus, ToStatus, ReasonCode, Note) VALUES (@RequestId, @At, @ActorUserId, @Kind, @FromStatus, @ToStatus, @ReasonCode, @Note);";

    private const string InsertSubscriptionSql = """
        INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, EffectiveTo, Status, PriceOverrideCents, DiscountPercent, DiscountEndsAt,
            ConversationsOverride, AgentSeatsOverride, OverridesEndAt, ApprovalStatus, ApprovalReasons, ApprovedByUserId, Reason, EnteredAt, EnteredByUserId, Version)
        VALUES (@BusinessId, @TierVersionId, @EffectiveFrom, @EffectiveTo, @Status, @PriceOverrideCents, @DiscountPercent, @DiscountEndsAt,
            @ConversationsOverride, @AgentSeatsOverride, @OverridesEndAt, @ApprovalStatus, @ApprovalReasons, @ApprovedByUserId, @Reason, @EnteredAt, @EnteredByUserId, @Version);
        """;

    private const string InsertBusinessUsageSql =
        "INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@BusinessId, @Day, @Conversations, @Messages);";

    private const string ExistingTierSql = """
        SELECT t.Id, v.Id AS VersionId
        FROM Tiers t
        JOIN TierVersions v ON v.TierId = t.Id
        WHERE t.Code = @Code
        ORDER BY v.VersionNumber DESC;
        """;

    /// <summary>Every SQL text the seeder runs on this provider, so that tests can parse them.</summary>
    internal IReadOnlyList<string> SqlTexts =>
    [
        database.Provider == DatabaseProvider.SqlServer ? AnyBusinessLockedSql : AnyBusinessSql,
        AnyBusinessSql, ExistingTierSql, _insertTier, _insertTierVersion, InsertBusinessSql, BusinessIdsSql, InsertFinancialsSql, InsertLinkSql, InsertRequestSql, RequestIdsSql,
        InsertDocumentSql, InsertEventSql, InsertSubscriptionSql, InsertBusinessUsageSql,
    ];

    /// <summary>
    /// Seeds when the database holds no business yet, all in one transaction; otherwise changes nothing and says it skipped.
    /// The user ids in the options must exist.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(DemoSeedOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Wall-clock time, not the TimeProvider: it measures the run and never reaches a row.
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await HasBusinessesAsync(connection, null, AnyBusinessSql, cancellationToken).ConfigureAwait(false))
        {
            return DemoSeedResult.NotNeeded(stopwatch.Elapsed);
        }

        var data = new DemoDataGenerator(options, time.GetUtcNow()).Generate();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var recheck = database.Provider == DatabaseProvider.SqlServer ? AnyBusinessLockedSql : AnyBusinessSql;
        if (await HasBusinessesAsync(connection, transaction, recheck, cancellationToken).ConfigureAwait(false))
        {
            return DemoSeedResult.NotNeeded(stopwatch.Elapsed);
        }

        // The default catalogue comes with the migrations; the demo uses it, and adds a tier only where one is missing.
        foreach (var tier in data.Tiers)
        {
            var existing = await connection.QueryFirstOrDefaultAsync<ExistingTier>(Command(ExistingTierSql, new { tier.Code }, transaction, cancellationToken)).ConfigureAwait(false);
            if (existing is not null)
            {
                tier.Id = existing.Id;
                tier.VersionId = existing.VersionId;
                continue;
            }

            tier.Id = await InsertAsync(connection, transaction, _insertTier, tier, cancellationToken).ConfigureAwait(false);
            tier.VersionId = await InsertAsync(connection, transaction, _insertTierVersion, tier, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, InsertBusinessSql, data.Businesses, cancellationToken).ConfigureAwait(false);
        var ids = (await connection.QueryAsync<(long Id, string ExternalId)>(Command(BusinessIdsSql, null, transaction, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(b => b.ExternalId, b => b.Id, StringComparer.Ordinal);
        foreach (var business in data.Businesses)
        {
            business.Id = ids[business.ExternalId!];
        }

        await ExecuteAsync(connection, transaction, InsertFinancialsSql, data.Financials, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, InsertLinkSql, data.Links, cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, transaction, InsertRequestSql, data.Requests, cancellationToken).ConfigureAwait(false);
        var requestIds = (await connection.QueryAsync<RequestKey>(Command(RequestIdsSql, null, transaction, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(q => (q.BusinessId, q.SubmittedAt), q => q.Id);
        foreach (var request in data.Requests)
        {
            request.Id = requestIds[(request.BusinessId, request.SubmittedAt)];
        }

        // Ids follow time, as they would had the rows been written as things happened.
        var documents = data.Requests.SelectMany(q => q.Documents).OrderBy(d => d.UploadedAt).ToList();
        var events = data.Requests.SelectMany(q => q.Events).OrderBy(e => e.At).ToList();
        await ExecuteAsync(connection, transaction, InsertDocumentSql, documents, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, InsertEventSql, events, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, InsertSubscriptionSql, data.Subscriptions, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, InsertBusinessUsageSql, data.BusinessUsage, cancellationToken).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DemoSeedResult(
            Skipped: false,
            Businesses: data.Businesses.Count,
            BusinessLinks: data.Links.Count,
            VerificationRequests: data.Requests.Count,
            VerificationDocuments: documents.Count,
            VerificationEvents: events.Count,
            Subscriptions: data.Subscriptions.Count,
            Elapsed: stopwatch.Elapsed);
    }

    private async Task<bool> HasBusinessesAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(Command(sql, null, transaction, cancellationToken)).ConfigureAwait(false) == 1;

    private Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string sql, object row, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(Command(sql, row, transaction, cancellationToken));

    /// <summary>One command per table, executed once per row inside the transaction.</summary>
    private Task<int> ExecuteAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(sql, rows, transaction, cancellationToken));

    private sealed record RequestKey(long Id, long BusinessId, DateTimeOffset SubmittedAt);

    private CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, database.CommandTimeout, cancellationToken: cancellationToken);

    private sealed record ExistingTier
    {
        public long Id { get; init; }

        public long VersionId { get; init; }
    }
}
