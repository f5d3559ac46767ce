using System.Security.Claims;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Tiers;

/// <summary>
/// A fresh database with the default catalogue (free, business, enterprise v1), a clock the test controls, an admin, and
/// helpers that write businesses and subscriptions exactly as a test needs them.
/// </summary>
public sealed class TierCatalogueWorld : IAsyncDisposable
{
    /// <summary>Tuesday 10 March 2026, noon UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private int _phone = 1_000_000;

    private TierCatalogueWorld(AdminTestServices services, FakeTimeProvider time, UserAccount admin)
    {
        Services = services;
        Time = time;
        Admin = admin;
        AdminPrincipal = AdminTestServices.PrincipalOf(admin);
    }

    public AdminTestServices Services { get; }

    public FakeTimeProvider Time { get; }

    public UserAccount Admin { get; }

    public ClaimsPrincipal AdminPrincipal { get; }

    public TierCatalogueService Catalogue => Services.Get<TierCatalogueService>();

    public ITierCatalogueStore Store => Services.Get<ITierCatalogueStore>();

    public DateTimeOffset Now => Time.GetUtcNow();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Database Database => Services.Get<Database>();

    public static async Task<TierCatalogueWorld> CreateAsync()
    {
        var time = new FakeTimeProvider(Start);
        var services = await AdminTestServices.CreateAsync(time);
        var admin = await services.AddUserAsync("admin@example.test", Roles.Admin);
        return new TierCatalogueWorld(services, time, admin);
    }

    public async Task<ClaimsPrincipal> UserAsync(string email, params string[] roles) =>
        AdminTestServices.PrincipalOf(await Services.AddUserAsync(email, roles));

    public async Task<CatalogueTier> TierAsync(string code) =>
        (await Store.ListAsync(Now, Ct)).Single(t => t.Code == code);

    public async Task<long> AddBusinessAsync(string name)
    {
        var sql = Database.InsertReturningId("Businesses", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "CreatedAt", "UpdatedAt");
        await using var connection = await Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            DisplayName = name,
            LegalName = name + " GmbH",
            Category = "OnlineRetailer",
            Country = "DE",
            PhoneE164 = "+4930" + (++_phone).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = Start.AddYears(-1),
            UpdatedAt = Start.AddYears(-1),
        });
    }

    /// <summary>Writes one subscription row of a business on a tier version.</summary>
    public async Task<long> SubscribeAsync(
        long businessId, string tierCode, int version, string status = "Active", DateTimeOffset? from = null, DateTimeOffset? to = null,
        long? priceOverrideCents = null, int? discountPercent = null, DateTimeOffset? discountEndsAt = null, DateTimeOffset? overridesEndAt = null)
    {
        var sql = Database.InsertReturningId("Subscriptions",
            "BusinessId", "TierVersionId", "EffectiveFrom", "EffectiveTo", "Status", "PriceOverrideCents", "DiscountPercent", "DiscountEndsAt",
            "OverridesEndAt", "ApprovalStatus", "EnteredAt");
        await using var connection = await Database.OpenAsync(Ct);
        var versionId = await connection.ExecuteScalarAsync<long>(
            "SELECT tv.Id FROM TierVersions tv JOIN Tiers t ON t.Id = tv.TierId WHERE t.Code = @Code AND tv.VersionNumber = @Version;",
            new { Code = tierCode, Version = version });
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            BusinessId = businessId,
            TierVersionId = versionId,
            EffectiveFrom = from ?? Start.AddMonths(-6),
            EffectiveTo = to,
            Status = status,
            PriceOverrideCents = priceOverrideCents,
            DiscountPercent = discountPercent,
            DiscountEndsAt = discountEndsAt,
            OverridesEndAt = overridesEndAt,
            ApprovalStatus = "NotRequired",
            EnteredAt = Start.AddMonths(-6),
        });
    }

    /// <summary>A business on <paramref name="tierCode"/> v<paramref name="version"/> since half a year.</summary>
    public async Task<long> BusinessOnAsync(string name, string tierCode, int version = 1)
    {
        var id = await AddBusinessAsync(name);
        await SubscribeAsync(id, tierCode, version);
        return id;
    }

    /// <summary>Adds the next version of a tier as the admin, from a copy of the latest one changed by <paramref name="change"/>.</summary>
    public async Task<CatalogueVersion> AddVersionAsync(string tierCode, Action<TierVersionDraft> change, DateOnly? effective = null)
    {
        var tier = await TierAsync(tierCode);
        var draft = TierVersionDraft.From(tier.Latest!, effective ?? Catalogue.Today);
        change(draft);
        return await Catalogue.CreateVersionAsync(AdminPrincipal, null, tier.Id, tier.Latest!.VersionNumber, draft, Ct);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(Ct);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
