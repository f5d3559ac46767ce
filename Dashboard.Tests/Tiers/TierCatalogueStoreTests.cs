using Dapper;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Tiers;

/// <summary>
/// What every provider's tier catalogue storage must do; one thin subclass per provider. Each test works on a tier of
/// its own, so tests sharing a database (SQL Server keeps it between runs) never see each other's rows.
/// </summary>
public abstract class TierCatalogueStoreContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_now);
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private static readonly TierTerms s_v1 = new()
    {
        MonthlyPriceCents = 10_000,
        ConversationsPer24h = 1_000,
        AgentSeats = 3,
        PhoneNumbers = null,
        ApiAccess = true,
        Analytics = true,
        SupportSla = "Next business day",
    };

    protected virtual void SkipIfUnavailable()
    {
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private TierCatalogueStore Store => new(fixture.Database, new AuditLog(fixture.Database, _time), _time);

    [Fact]
    public async Task AddVersion_NumbersVersionsInTurn_AndAStaleExpectedVersionIsAConflictThatWritesNothing()
    {
        SkipIfUnavailable();
        var tierId = await AddTierAsync();
        var actor = Actor.Console("catalogue test");

        var v1 = await Store.AddVersionAsync(tierId, 0, s_v1, s_now.AddDays(-30), actor, Ct);
        var v2 = await Store.AddVersionAsync(tierId, 1, s_v1 with { MonthlyPriceCents = 12_000 }, s_now.AddDays(7), actor, Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.AddVersionAsync(tierId, 1, s_v1 with { AgentSeats = 4 }, s_now, actor, Ct));

        var tier = (await Store.GetAsync(tierId, s_now, Ct))!;
        Assert.Equal([2, 1], tier.Versions.Select(v => v.VersionNumber));
        Assert.Equal(v1.Id, tier.CurrentAt(s_now)!.Id);
        Assert.Equal(v2.Id, tier.Latest!.Id);
        Assert.Equal(s_v1, tier.Versions[1].Terms);
        Assert.Equal((s_now.AddDays(7), 12_000L, "catalogue test"), (tier.Latest.EffectiveFrom, tier.Latest.MonthlyPriceCents, tier.Latest.CreatedBy));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'TierVersionCreated' AND EntityId = @Id;", new { Id = Text(tierId) }));
    }

    [Fact]
    public async Task Move_MovesActiveSubscriptionsOnly_SkipsPendingChanges_AndRefusesAStaleFingerprint()
    {
        SkipIfUnavailable();
        var tierId = await AddTierAsync();
        var actor = Actor.Console("catalogue test");
        var v1 = await Store.AddVersionAsync(tierId, 0, s_v1, s_now.AddDays(-30), actor, Ct);
        var moving = await AddBusinessAsync("Moving");
        var movingRow = await SubscribeAsync(moving, v1.Id, "Active", s_now.AddDays(-20), null, priceOverrideCents: 8_000);
        var waiting = await AddBusinessAsync("Waiting");
        await SubscribeAsync(waiting, v1.Id, "Active", s_now.AddDays(-20), s_now.AddDays(3));
        await SubscribeAsync(waiting, v1.Id, "Scheduled", s_now.AddDays(3), null);
        var gone = await AddBusinessAsync("Gone");
        await SubscribeAsync(gone, v1.Id, "Ended", s_now.AddDays(-20), s_now.AddDays(-1));
        var v2 = await Store.AddVersionAsync(tierId, 1, s_v1 with { MonthlyPriceCents = 15_000 }, s_now.AddDays(-1), actor, Ct);
        var userId = await new AccountStore(fixture.Database, new AuditLog(fixture.Database, _time), _time)
            .CreateAsync(new NewUser($"mover-{_suffix}@example.com", "Mover", "hash", [Roles.Admin]), actor, Ct);

        var candidates = await Store.MoveCandidatesAsync(tierId, [1], s_now, Ct);
        Assert.Equal([(moving, false), (waiting, true)], candidates.Select(c => (c.BusinessId, c.IsSkipped)));
        var affected = candidates.Where(c => !c.IsSkipped).ToList();
        var move = new TierMove
        {
            TierId = tierId,
            TargetVersionId = v2.Id,
            FromVersions = [1],
            Fingerprint = MoveCandidate.Fingerprint(v2.Id, affected),
            Now = s_now,
            EnteredByUserId = userId,
        };

        await Assert.ThrowsAsync<StaleMovePreviewException>(() => Store.MoveToLatestAsync(move with { Fingerprint = "stale" }, actor, Ct));
        var result = await Store.MoveToLatestAsync(move, actor, Ct);

        Assert.Equal(new TierMoveResult(1, 1, 0), result);
        var rows = await QueryAsync<Row>(
            "SELECT TierVersionId, Status, PriceOverrideCents, Version FROM Subscriptions WHERE BusinessId = @Id ORDER BY Id;", new { Id = moving });
        Assert.Equal([new Row { TierVersionId = v1.Id, Status = "Ended", PriceOverrideCents = 8_000, Version = 2 },
            new Row { TierVersionId = v2.Id, Status = "Active", PriceOverrideCents = 8_000, Version = 1 }], rows);
        Assert.Equal(s_now, await ScalarAsync<DateTimeOffset>("SELECT EffectiveTo FROM Subscriptions WHERE Id = @Id;", new { Id = movingRow }));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM Subscriptions WHERE BusinessId = @Id AND TierVersionId = @V1;", new { Id = waiting, V1 = v1.Id }));
        var counts = (await Store.GetAsync(tierId, s_now, Ct))!.Versions.Select(v => (v.VersionNumber, v.Businesses));
        Assert.Equal([(2, 1), (1, 1)], counts);
    }

    private async Task<long> AddTierAsync()
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(fixture.Database.InsertReturningId("Tiers", "Code", "Name", "SortOrder", "SmeOnly"),
            new { Code = "test-" + _suffix, Name = "Test " + _suffix, SortOrder = 99, SmeOnly = false });
    }

    private async Task<long> AddBusinessAsync(string name)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            fixture.Database.InsertReturningId("Businesses", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "CreatedAt", "UpdatedAt"),
            new { DisplayName = $"{name} {_suffix}", LegalName = name, Category = "OnlineRetailer", Country = "DE", PhoneE164 = "+49301234567", CreatedAt = s_now, UpdatedAt = s_now });
    }

    private async Task<long> SubscribeAsync(long businessId, long versionId, string status, DateTimeOffset from, DateTimeOffset? to, long? priceOverrideCents = null)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            fixture.Database.InsertReturningId("Subscriptions", "BusinessId", "TierVersionId", "EffectiveFrom", "EffectiveTo", "Status", "PriceOverrideCents", "ApprovalStatus", "EnteredAt"),
            new { BusinessId = businessId, TierVersionId = versionId, EffectiveFrom = from, EffectiveTo = to, Status = status, PriceOverrideCents = priceOverrideCents, ApprovalStatus = "NotRequired", EnteredAt = from });
    }

    private async Task<int> CountAsync(string sql, object parameters) => await ScalarAsync<int>(sql, parameters);

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Row
    {
        public long TierVersionId { get; init; }

        public string Status { get; init; } = "";

        public long? PriceOverrideCents { get; init; }

        public int Version { get; init; }
    }
}

public sealed class SqliteTierCatalogueStoreTests(SqliteMigratedDatabase fixture) : TierCatalogueStoreContract<SqliteMigratedDatabase>(fixture);

public sealed class SqlServerTierCatalogueStoreTests(SqlServerMigratedDatabase fixture) : TierCatalogueStoreContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
