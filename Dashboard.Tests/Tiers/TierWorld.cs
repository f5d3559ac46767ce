using System.Globalization;
using System.Security.Claims;
using Dapper;
using Dashboard.Data.Audit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Tiers;

/// <summary>A migrated SQLite file with the default tier catalogue, a controlled clock, the real stores and tier change service.</summary>
public sealed class TierWorld : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database;
    private int _sequence;

    private TierWorld(SqliteTestDatabase database)
    {
        _database = database;
        Audit = new AuditLog(database.Database, Time);
        Accounts = new AccountStore(database.Database, Audit, Time);
        Subscriptions = new SubscriptionStore(database.Database, Audit);
        Tiers = new TierStore(database.Database);
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorizationBuilder().AddConsolePolicies("Cookies", "ApiKey");
        var authorization = services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
        var eligibility = new SmeEligibility(new SmeFiguresStore(database.Database), Microsoft.Extensions.Options.Options.Create(new SmeOptions()));
        Service = new TierChangeService(Subscriptions, new BusinessStore(database.Database), eligibility,
            authorization, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<TierChangeService>.Instance);
        SmeStatus = new SmeStatusService(eligibility, new SmeStatusStore(database.Database, Audit, Time), authorization, NullLogger<SmeStatusService>.Instance);
    }

    /// <summary>Tuesday 10 November 2026, 09:00 UTC: the 10th of a 30-day month.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));

    public TierChangeOptions Options { get; } = new();

    public AuditLog Audit { get; }

    public AccountStore Accounts { get; }

    public SubscriptionStore Subscriptions { get; }

    public TierStore Tiers { get; }

    public TierChangeService Service { get; }

    public SmeStatusService SmeStatus { get; }

    public Dashboard.Data.Database Database => _database.Database;

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    public static async Task<TierWorld> CreateAsync() => new(await SqliteTestDatabase.CreateAsync(CancellationToken.None));

    /// <summary>A signed-in user with the given roles, as the login form would make them.</summary>
    public async Task<ClaimsPrincipal> UserAsync(string name, params string[] roles)
    {
        var email = $"{name}-{Interlocked.Increment(ref _sequence)}@example.com";
        var id = await Accounts.CreateAsync(new NewUser(email, name, "hash", roles), Actor.Console(), CancellationToken.None);
        return AccountService.CreatePrincipal((await Accounts.FindByIdAsync(id, CancellationToken.None))!, "Cookies");
    }

    /// <summary>A business of the given size on <paramref name="tier"/> since 1 January 2026. 20 employees and EUR 2m make an SME; 900 and EUR 300m do not.</summary>
    public async Task<long> BusinessAsync(string tier, bool sme = true, string name = "Huber Backstube", string? storedStatus = null)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var (employees, turnover, status) = sme ? (20L, 2_000_000L, "Sme") : (900L, 300_000_000L, "NonSme");
        status = storedStatus ?? status;
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, Employees, AnnualTurnoverEur, BalanceSheetEur, SmeStatus, CreatedAt, UpdatedAt)
            VALUES (@Name, @Name, 'Retail', 'DE', @Phone, @Employees, @Turnover, @Turnover, @Status, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            SELECT last_insert_rowid();
            """, new { Name = name, Phone = "+49301" + Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture), Employees = employees, Turnover = turnover, Status = status });
        foreach (var year in new[] { 2024, 2025 })
        {
            await connection.ExecuteAsync(
                "INSERT INTO BusinessFinancials (BusinessId, FiscalYear, Employees, AnnualTurnoverEur, BalanceSheetEur) VALUES (@Id, @Year, @Employees, @Turnover, @Turnover);",
                new { Id = id, Year = year, Employees = employees, Turnover = turnover });
        }

        await connection.ExecuteAsync("""
            INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, Status, ApprovalStatus, Reason, EnteredAt, Version)
            SELECT @Id, tv.Id, '2026-01-01T00:00:00.0000000Z', 'Active', 'NotRequired', 'At sign-up', '2026-01-01T00:00:00.0000000Z', 1
            FROM TierVersions tv JOIN Tiers t ON t.Id = tv.TierId WHERE t.Code = @Tier AND tv.VersionNumber = 1;
            """, new { Id = id, Tier = tier });
        return id;
    }

    /// <summary>Records the conversations a business started on each of the given days before today.</summary>
    public async Task UsageAsync(long businessId, params (int DaysAgo, long Conversations)[] days)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        foreach (var (daysAgo, conversations) in days)
        {
            var day = new DateTimeOffset(Time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(-daysAgo).ToUnixTimeSeconds();
            await connection.ExecuteAsync("INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@Id, @Day, @Conversations, @Messages);",
                new { Id = businessId, Day = day, Conversations = conversations, Messages = conversations * 12 });
        }
    }

    /// <summary>Every subscription row of a business, oldest first, as (tier, status, from, to).</summary>
    public async Task<IReadOnlyList<(string Tier, string Status, DateTimeOffset From, DateTimeOffset? To)>> RowsAsync(long businessId)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string, string, DateTimeOffset, DateTimeOffset?)>("""
            SELECT t.Code, s.Status, s.EffectiveFrom, s.EffectiveTo
            FROM Subscriptions s JOIN TierVersions tv ON tv.Id = s.TierVersionId JOIN Tiers t ON t.Id = tv.TierId
            WHERE s.BusinessId = @Id ORDER BY s.Id;
            """, new { Id = businessId });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(long businessId) =>
        (await Audit.QueryAsync(new AuditQuery { EntityType = "Subscription", EntityId = businessId.ToString(CultureInfo.InvariantCulture), Take = 100 }, CancellationToken.None)).Items;

    public Task<Entitlements?> EntitlementsAsync(long businessId) => Tiers.EntitlementsAsync(businessId, Time.GetUtcNow(), CancellationToken.None);

    public static TierChangeRequest Change(long businessId, string tier, string reason = "Customer asked for it") =>
        new() { BusinessId = businessId, TierCode = tier, Reason = reason };

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
