using Dapper;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Demo;
using Dashboard.Data.Identity;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Demo;

/// <summary>One database seeded with the default demo options, shared by the tests that only read it.</summary>
public sealed class SeededDemoDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private SqliteTestDatabase? _database;

    public SqliteTestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public DemoSeedOptions Options { get; private set; } = new();

    public DemoSeedResult Result { get; private set; } = DemoSeedResult.NotNeeded(TimeSpan.Zero);

    public IReadOnlyList<BusinessRow> Businesses { get; private set; } = [];

    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public ILookup<long, EventRow> EventsByRequest { get; private set; } = Array.Empty<EventRow>().ToLookup(e => e.RequestId);

    public ILookup<long, DocumentRow> DocumentsByRequest { get; private set; } = Array.Empty<DocumentRow>().ToLookup(d => d.RequestId);

    public IReadOnlyList<SubscriptionRow> Subscriptions { get; private set; } = [];

    public IReadOnlyList<LinkRow> Links { get; private set; } = [];

    public IReadOnlyList<FinancialsRow> Financials { get; private set; } = [];

    public IReadOnlyList<TierVersionRow> Tiers { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await SqliteTestDatabase.CreateAsync(ct);
        Options = await CreateUsersAsync(_database.Database, ct);
        Result = await new DemoDataSeeder(_database.Database, new FakeTimeProvider(Now)).SeedAsync(Options, ct);

        await using var connection = await _database.Database.OpenAsync(ct);
        Businesses = (await connection.QueryAsync<BusinessRow>("SELECT * FROM Businesses ORDER BY Id;")).AsList();
        Requests = (await connection.QueryAsync<RequestRow>("SELECT * FROM VerificationRequests ORDER BY Id;")).AsList();
        EventsByRequest = (await connection.QueryAsync<EventRow>("SELECT * FROM VerificationEvents ORDER BY Id;")).ToLookup(e => e.RequestId);
        DocumentsByRequest = (await connection.QueryAsync<DocumentRow>("SELECT * FROM VerificationDocuments ORDER BY Id;")).ToLookup(d => d.RequestId);
        Subscriptions = (await connection.QueryAsync<SubscriptionRow>("""
            SELECT s.*, t.Code AS TierCode
            FROM Subscriptions s JOIN TierVersions v ON v.Id = s.TierVersionId JOIN Tiers t ON t.Id = v.TierId
            ORDER BY s.Id;
            """)).AsList();
        Links = (await connection.QueryAsync<LinkRow>("SELECT * FROM BusinessLinks;")).AsList();
        Financials = (await connection.QueryAsync<FinancialsRow>("SELECT * FROM BusinessFinancials;")).AsList();
        Tiers = (await connection.QueryAsync<TierVersionRow>("""
            SELECT t.Code, t.SmeOnly, v.VersionNumber, v.EffectiveFrom, v.MonthlyPriceCents, v.ConversationsPer24h, v.AgentSeats, v.PhoneNumbers,
                   v.VerifiedMarkerEligible, v.ApiAccess, v.BroadcastCampaigns, v.Analytics, v.SupportSla
            FROM Tiers t JOIN TierVersions v ON v.TierId = t.Id
            ORDER BY t.SortOrder;
            """)).AsList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The console's users, created the way the app creates them; same order, same ids in every fresh database.</summary>
    public static async Task<DemoSeedOptions> CreateUsersAsync(Database database, CancellationToken ct)
    {
        var time = new FakeTimeProvider(Now.AddDays(-400));
        var accounts = new AccountStore(database, new AuditLog(database, time), time);

        async Task<long> Create(string email, string role) =>
            await accounts.CreateAsync(new NewUser(email, email, null, [role]), Actor.Console(), ct);

        return new DemoSeedOptions
        {
            ReviewerUserIds = [await Create("rita@example.com", Roles.Reviewer), await Create("ravi@example.com", Roles.Reviewer), await Create("rosa@example.com", Roles.Reviewer)],
            SeniorReviewerUserIds = [await Create("sam@example.com", Roles.SeniorReviewer), await Create("sofia@example.com", Roles.SeniorReviewer)],
            AccountManagerUserIds = [await Create("anna@example.com", Roles.AccountManager), await Create("aziz@example.com", Roles.AccountManager)],
        };
    }

    public sealed record BusinessRow
    {
        public long Id { get; init; }

        public string ExternalId { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public string LegalName { get; init; } = "";

        public string Category { get; init; } = "";

        public string Country { get; init; } = "";

        public string PhoneE164 { get; init; } = "";

        public string? Website { get; init; }

        public string? EmailDomain { get; init; }

        public string? RegistrationNumber { get; init; }

        public long Employees { get; init; }

        public long AnnualTurnoverEur { get; init; }

        public long BalanceSheetEur { get; init; }

        public bool IsVerified { get; init; }

        public DateTimeOffset? VerifiedAt { get; init; }

        public string SmeStatus { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }
    }

    public sealed record RequestRow
    {
        public long Id { get; init; }

        public long BusinessId { get; init; }

        public string Status { get; init; } = "";

        public long Attempt { get; init; }

        public long RiskScore { get; init; }

        public string RiskBand { get; init; } = "";

        public DateTimeOffset SubmittedAt { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public long? AssignedToUserId { get; init; }

        public DateTimeOffset? ClaimExpiresAt { get; init; }

        public long? FirstApproverUserId { get; init; }

        public long? DecidedByUserId { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        public string? ReasonCode { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }
    }

    public sealed record EventRow
    {
        public long Id { get; init; }

        public long RequestId { get; init; }

        public DateTimeOffset At { get; init; }

        public long? ActorUserId { get; init; }

        public string Kind { get; init; } = "";

        public string? FromStatus { get; init; }

        public string? ToStatus { get; init; }

        public string? ReasonCode { get; init; }
    }

    public sealed record DocumentRow
    {
        public long RequestId { get; init; }

        public string Kind { get; init; } = "";

        public string FileName { get; init; } = "";

        public string Sha256 { get; init; } = "";

        public long SizeBytes { get; init; }

        public DateTimeOffset UploadedAt { get; init; }
    }

    public sealed record SubscriptionRow
    {
        public long BusinessId { get; init; }

        public string TierCode { get; init; } = "";

        public DateTimeOffset EffectiveFrom { get; init; }

        public DateTimeOffset? EffectiveTo { get; init; }

        public string Status { get; init; } = "";

        public long? DiscountPercent { get; init; }

        public DateTimeOffset? DiscountEndsAt { get; init; }

        public DateTimeOffset EnteredAt { get; init; }

        public long? EnteredByUserId { get; init; }
    }

    public sealed record LinkRow
    {
        public long BusinessId { get; init; }

        public long LinkedBusinessId { get; init; }

        public long OwnershipPercent { get; init; }
    }

    public sealed record FinancialsRow
    {
        public long BusinessId { get; init; }

        public long FiscalYear { get; init; }
    }

    public sealed record TierVersionRow
    {
        public string Code { get; init; } = "";

        public bool SmeOnly { get; init; }

        public long VersionNumber { get; init; }

        public DateTimeOffset EffectiveFrom { get; init; }

        public long MonthlyPriceCents { get; init; }

        public long? ConversationsPer24h { get; init; }

        public long? AgentSeats { get; init; }

        public long? PhoneNumbers { get; init; }

        public bool VerifiedMarkerEligible { get; init; }

        public bool ApiAccess { get; init; }

        public bool BroadcastCampaigns { get; init; }

        public bool Analytics { get; init; }

        public string SupportSla { get; init; } = "";
    }
}
