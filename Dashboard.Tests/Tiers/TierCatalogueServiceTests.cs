using System.Text.Json;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>The tier catalogue's rules through the real service and store, on a fresh SQLite file with the real migrations.</summary>
public sealed class TierCatalogueServiceTests : IAsyncLifetime
{
    private TierCatalogueWorld _world = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await TierCatalogueWorld.CreateAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private TierCatalogueService Catalogue => _world.Catalogue;

    /// <summary>Business v2: dearer, no API access, fewer seats, more conversations, unlimited phone numbers.</summary>
    private static void BusinessV2(TierVersionDraft draft)
    {
        draft.MonthlyPriceEur = 599m;
        draft.ApiAccess = false;
        draft.AgentSeats = 5;
        draft.ConversationsPer24h = 20_000;
        draft.PhoneNumbersUnlimited = true;
    }

    [Fact]
    public async Task List_DefaultCatalogue_ShowsEachTiersCurrentVersionAndBusinessesOnIt()
    {
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.BusinessOnAsync("Bravo", "business");
        var ended = await _world.AddBusinessAsync("Charlie");
        await _world.SubscribeAsync(ended, "business", 1, "Ended", TierCatalogueWorld.Start.AddMonths(-6), TierCatalogueWorld.Start.AddMonths(-1));
        await _world.SubscribeAsync(ended, "free", 1, from: TierCatalogueWorld.Start.AddMonths(-1));

        var tiers = await Catalogue.ListAsync(_world.AdminPrincipal, Ct);

        Assert.Equal(["free", "business", "enterprise"], tiers.Select(t => t.Code));
        var business = tiers.Single(t => t.Code == "business");
        var current = business.CurrentAt(_world.Now)!;
        Assert.Equal((1, 49_900L, 10_000, 10, 5, "Next business day"),
            (current.VersionNumber, current.MonthlyPriceCents, current.ConversationsPer24h!.Value, current.AgentSeats!.Value, current.PhoneNumbers!.Value, current.SupportSla));
        Assert.Equal(2, current.Businesses);
        Assert.Equal(1, tiers.Single(t => t.Code == "free").Businesses);
        Assert.True(tiers.Single(t => t.Code == "free").SmeOnly);
        Assert.Null(tiers.Single(t => t.Code == "enterprise").Latest!.ConversationsPer24h);
    }

    [Fact]
    public async Task List_AsReviewer_IsRefused()
    {
        var reviewer = await _world.UserAsync("reviewer@example.test", Roles.Reviewer);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Catalogue.ListAsync(reviewer, Ct));
    }

    [Fact]
    public async Task CreateVersion_AsAdmin_AddsNextVersion_OldSubscriptionsKeepTheirLimitsUntilMoved()
    {
        var alpha = await _world.BusinessOnAsync("Alpha", "business");
        var tiers = _world.Services.Get<ITierStore>();

        var created = await _world.AddVersionAsync("business", BusinessV2);

        var business = await _world.TierAsync("business");
        Assert.Equal(2, created.VersionNumber);
        Assert.Equal([2, 1], business.Versions.Select(v => v.VersionNumber));
        Assert.Equal(created.Id, business.CurrentAt(_world.Now)!.Id);
        var v1 = business.Versions.Single(v => v.VersionNumber == 1);
        Assert.Equal((49_900L, 10, true), (v1.MonthlyPriceCents, v1.AgentSeats!.Value, v1.ApiAccess));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), created.EffectiveFrom);
        Assert.Equal("admin@example.test", created.CreatedBy);

        // Grandfathered: the business keeps v1's limits and features after the edit.
        var before = (await tiers.EntitlementsAsync(alpha, _world.Now, Ct))!;
        Assert.Equal((1, 10, 10_000, (int?)5, true), (before.TierVersion, before.AgentSeats!.Value, before.ConversationsPer24h!.Value, before.PhoneNumbers, before.ApiAccess));

        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, business.Id, [1], Ct);
        await Catalogue.MoveAsync(_world.AdminPrincipal, null, preview, Ct);

        var after = (await tiers.EntitlementsAsync(alpha, _world.Now, Ct))!;
        Assert.Equal((2, 5, 20_000, (int?)null, false), (after.TierVersion, after.AgentSeats!.Value, after.ConversationsPer24h!.Value, after.PhoneNumbers, after.ApiAccess));
    }

    [Theory]
    [InlineData(Roles.AccountManager)]
    [InlineData(Roles.Executive)]
    public async Task CreateVersionAndMove_AsNonAdmin_AreRefusedAndWriteNothing(string role)
    {
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.AddVersionAsync("business", BusinessV2);
        var business = await _world.TierAsync("business");
        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, business.Id, [1], Ct);
        var user = await _world.UserAsync("someone@example.test", role);
        var draft = TierVersionDraft.From(business.Latest!, Catalogue.Today);
        draft.MonthlyPriceEur = 1m;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Catalogue.CreateVersionAsync(user, null, business.Id, 2, draft, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Catalogue.PreviewMoveAsync(user, business.Id, [1], Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Catalogue.MoveAsync(user, null, preview, Ct));

        Assert.Equal([2, 1], (await _world.TierAsync("business")).Versions.Select(v => v.VersionNumber));
        Assert.Equal(["Active"], await _world.QueryAsync<string>("SELECT Status FROM Subscriptions;"));
        var audit = await _world.Services.Get<IAuditLog>().QueryAsync(new AuditQuery { Actor = "someone@example.test" }, Ct);
        Assert.Empty(audit.Items);
        Assert.NotEmpty(await Catalogue.ListAsync(user, Ct));
    }

    [Fact]
    public async Task CreateVersion_SomeoneElseAddedAVersionSinceTheFormOpened_IsRefusedAsConflict()
    {
        var business = await _world.TierAsync("business");
        var mine = TierVersionDraft.From(business.Latest!, Catalogue.Today);
        mine.MonthlyPriceEur = 549m;
        var other = await _world.UserAsync("other.admin@example.test", Roles.Admin);
        var theirs = TierVersionDraft.From(business.Latest!, Catalogue.Today);
        theirs.MonthlyPriceEur = 529m;
        await Catalogue.CreateVersionAsync(other, null, business.Id, 1, theirs, Ct);

        var refused = await Assert.ThrowsAsync<CatalogueRuleException>(() => Catalogue.CreateVersionAsync(_world.AdminPrincipal, null, business.Id, 1, mine, Ct));

        Assert.StartsWith("Someone else saved Business v2 (other.admin@example.test, 2026-03-10 12:00 UTC) since you opened this form. Nothing was saved.", refused.Message, StringComparison.Ordinal);
        var versions = (await _world.TierAsync("business")).Versions;
        Assert.Equal([2, 1], versions.Select(v => v.VersionNumber));
        Assert.Equal(52_900, versions[0].MonthlyPriceCents);
    }

    [Fact]
    public async Task CreateVersion_WritesAuditEntryWithPreviousAndNewValues()
    {
        await _world.AddVersionAsync("business", BusinessV2);

        var entry = Assert.Single((await _world.Services.Get<IAuditLog>().QueryAsync(new AuditQuery { Action = "TierVersionCreated" }, Ct)).Items);

        Assert.Equal(("Tier", (await _world.TierAsync("business")).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "admin@example.test"),
            (entry.EntityType, entry.EntityId, entry.ActorName));
        Assert.Equal("Created Business v2, effective from 2026-03-10", entry.Summary);
        using var before = JsonDocument.Parse(entry.BeforeJson!);
        using var after = JsonDocument.Parse(entry.AfterJson!);
        Assert.Equal((1, 49_900, 10, true), (before.RootElement.GetProperty("versionNumber").GetInt32(), before.RootElement.GetProperty("monthlyPriceCents").GetInt32(),
            before.RootElement.GetProperty("agentSeats").GetInt32(), before.RootElement.GetProperty("apiAccess").GetBoolean()));
        Assert.Equal((2, 59_900, 5, false), (after.RootElement.GetProperty("versionNumber").GetInt32(), after.RootElement.GetProperty("monthlyPriceCents").GetInt32(),
            after.RootElement.GetProperty("agentSeats").GetInt32(), after.RootElement.GetProperty("apiAccess").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("phoneNumbers").ValueKind);
    }

    [Fact]
    public async Task Validate_EachRuleBroken_SaysWhatToFix()
    {
        var latest = (await _world.TierAsync("business")).Latest!;
        IReadOnlyList<DraftError> Errors(Action<TierVersionDraft> change)
        {
            var draft = TierVersionDraft.From(latest, Catalogue.Today);
            change(draft);
            return Catalogue.Validate(draft, latest);
        }

        Assert.Equal("The price cannot be negative. Enter 0 for a free tier.", Assert.Single(Errors(d => d.MonthlyPriceEur = -1m)).Message);
        Assert.Equal("Enter the price in euros and cents, with at most two decimals.", Assert.Single(Errors(d => d.MonthlyPriceEur = 499.999m)).Message);
        Assert.Equal("Agent seats must be a whole number of at least 1, or unlimited.", Assert.Single(Errors(d => d.AgentSeats = 0)).Message);
        Assert.Equal("Conversations per 24 h must be a whole number of at least 1, or unlimited.", Assert.Single(Errors(d => d.ConversationsPer24h = null)).Message);
        Assert.Equal("Enter the support SLA, e.g. \"Next business day\".", Assert.Single(Errors(d => d.SupportSla = "  ")).Message);
        Assert.Equal("The effective date cannot be in the past. Choose today (2026-03-10) or later.",
            Assert.Single(Errors(d => d.EffectiveDate = new DateOnly(2026, 3, 9))).Message);
        Assert.Equal(new DraftError("", "Nothing differs from v1. Change the price, a limit, a feature or the support SLA."), Assert.Single(Errors(_ => { })));
        Assert.Empty(Errors(d => d.AgentSeatsUnlimited = true));
        Assert.Empty(Errors(d => d.MonthlyPriceEur = 0m));
    }

    [Fact]
    public async Task CreateVersion_BeforeTheScheduledLatestVersion_IsRefusedAndWritesNothing()
    {
        await _world.AddVersionAsync("business", d => d.MonthlyPriceEur = 549m, new DateOnly(2026, 4, 1));
        var business = await _world.TierAsync("business");
        var draft = TierVersionDraft.From(business.Latest!, new DateOnly(2026, 3, 20));
        draft.MonthlyPriceEur = 559m;

        var refused = await Assert.ThrowsAsync<TierDraftException>(() => Catalogue.CreateVersionAsync(_world.AdminPrincipal, null, business.Id, 2, draft, Ct));

        Assert.Equal("v2 takes effect on 2026-04-01; a newer version cannot take effect before it.", Assert.Single(refused.Errors).Message);
        Assert.Equal(2, (await _world.TierAsync("business")).Latest!.VersionNumber);
        Assert.Equal(1, (await _world.TierAsync("business")).CurrentAt(_world.Now)!.VersionNumber);
    }

    /// <summary>
    /// Business v1 costs 499 EUR, v2 599 EUR (see <see cref="BusinessV2"/>). By hand, per business on v1:
    /// Alpha (list price) +100.00; Bravo (20 % off until next month) 479.20 − 399.20 = +80.00; Charlie (price override) 0;
    /// Delta (50 % off that ended yesterday) +100.00; India (price override whose overrides ended last week, so list
    /// price) +100.00. Echo (scheduled change) and Foxtrot (change awaiting approval) are skipped; Golf's v1 row has
    /// ended and Hotel is on another tier. So 5 move, MRR +380.00 EUR; v2 lacks API access and has fewer agent seats
    /// (10 → 5); conversations rise and phone numbers become unlimited, which is no loss.
    /// </summary>
    [Fact]
    public async Task PreviewMove_CraftedSubscriptions_MatchHandCalculation()
    {
        var tierId = await CraftMoveScenarioAsync();

        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, tierId, [1], Ct);

        Assert.Equal(5, preview.Affected);
        Assert.Equal(38_000, preview.MonthlyChangeCents);
        Assert.Equal(["API access"], preview.FeaturesLost);
        Assert.Equal([(1, new LimitChange("Agent seats", 10, 5))], preview.LimitsLowered);
        Assert.Equal([("Echo", "a change is scheduled"), ("Foxtrot", "a change awaits approval")], preview.Skipped.Select(s => (s.Name, s.Why)));
        Assert.Equal(2, preview.TargetVersion);
        Assert.Null(preview.Blocker);
        Assert.True(preview.CanApply);
    }

    [Fact]
    public async Task Move_AppliesInOneGo_SkipsPendingChanges_CarriesOverridesAndAuditsEachBusiness()
    {
        var tierId = await CraftMoveScenarioAsync();
        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, tierId, [1], Ct);

        var result = await Catalogue.MoveAsync(_world.AdminPrincipal, "203.0.113.9", preview, Ct);

        Assert.Equal(new TierMoveResult(5, 2, 38_000), result);
        var rows = await _world.QueryAsync<SubscriptionRow>("""
            SELECT b.DisplayName AS Business, tv.VersionNumber, s.Status, s.EffectiveFrom, s.EffectiveTo, s.PriceOverrideCents, s.DiscountPercent,
                   s.Reason, s.EnteredByUserId, s.Version
            FROM Subscriptions s JOIN TierVersions tv ON tv.Id = s.TierVersionId JOIN Tiers t ON t.Id = tv.TierId JOIN Businesses b ON b.Id = s.BusinessId
            WHERE t.Code = 'business' ORDER BY b.DisplayName, s.Id;
            """);
        var bravo = rows.Where(r => r.Business == "Bravo").ToList();
        Assert.Equal(("Ended", 1, _world.Now, 2), (bravo[0].Status, bravo[0].VersionNumber, bravo[0].EffectiveTo!.Value, bravo[0].Version));
        Assert.Equal(("Active", 2, _world.Now, (DateTimeOffset?)null, 20), (bravo[1].Status, bravo[1].VersionNumber, bravo[1].EffectiveFrom, bravo[1].EffectiveTo, bravo[1].DiscountPercent!.Value));
        Assert.Equal(("Moved to Business v2 from v1", _world.Admin.Id), (bravo[1].Reason, bravo[1].EnteredByUserId!.Value));
        Assert.Equal(30_000, rows.Single(r => r.Business == "Charlie" && r.VersionNumber == 2).PriceOverrideCents);
        Assert.Equal(["Active"], rows.Where(r => r.Business == "Echo").Select(r => r.Status));
        Assert.Equal([1], rows.Where(r => r.Business is "Echo" or "Foxtrot").Select(r => r.VersionNumber).Distinct());
        Assert.Equal(["Scheduled"], await _world.QueryAsync<string>("SELECT s.Status FROM Subscriptions s JOIN Businesses b ON b.Id = s.BusinessId WHERE b.DisplayName = 'Echo' AND s.Status <> 'Active';"));

        var audit = _world.Services.Get<IAuditLog>();
        var moved = (await audit.QueryAsync(new AuditQuery { Action = "SubscriptionMovedToLatestVersion" }, Ct)).Items;
        Assert.Equal(5, moved.Count);
        var bravoEntry = moved.Single(e => e.Summary!.StartsWith("Bravo", StringComparison.Ordinal));
        var bravoId = Assert.Single(await _world.QueryAsync<long>("SELECT Id FROM Businesses WHERE DisplayName = 'Bravo';"));
        Assert.Equal(("Subscription", bravoId.ToString(System.Globalization.CultureInfo.InvariantCulture), "203.0.113.9"), (bravoEntry.EntityType, bravoEntry.EntityId, bravoEntry.RemoteIp));
        using (var before = JsonDocument.Parse(bravoEntry.BeforeJson!))
        using (var after = JsonDocument.Parse(bravoEntry.AfterJson!))
        {
            Assert.Equal((1, 39_920), (before.RootElement.GetProperty("tierVersion").GetInt32(), before.RootElement.GetProperty("monthlyPriceCents").GetInt32()));
            Assert.Equal((2, 47_920), (after.RootElement.GetProperty("tierVersion").GetInt32(), after.RootElement.GetProperty("monthlyPriceCents").GetInt32()));
        }

        var summary = Assert.Single((await audit.QueryAsync(new AuditQuery { Action = "TierBusinessesMoved" }, Ct)).Items);
        Assert.Equal(("Tier", "Moved 5 businesses from Business v1 to v2; 2 skipped with a pending change"), (summary.EntityType, summary.Summary));
    }

    [Fact]
    public async Task Move_BusinessesChangedSincePreview_IsRefusedAndMovesNothing()
    {
        var tierId = await CraftMoveScenarioAsync();
        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, tierId, [1], Ct);
        await _world.BusinessOnAsync("Juliet", "business");

        var refused = await Assert.ThrowsAsync<CatalogueRuleException>(() => Catalogue.MoveAsync(_world.AdminPrincipal, null, preview, Ct));

        Assert.Equal("The businesses on the chosen versions changed since the preview (5 then, 6 now). Nothing was moved. Check the new preview and confirm again.", refused.Message);
        Assert.Empty(await _world.QueryAsync<long>("SELECT s.Id FROM Subscriptions s JOIN TierVersions tv ON tv.Id = s.TierVersionId WHERE tv.VersionNumber = 2;"));
        Assert.Empty((await _world.Services.Get<IAuditLog>().QueryAsync(new AuditQuery { Action = "TierBusinessesMoved" }, Ct)).Items);
    }

    [Fact]
    public async Task Move_NewerVersionAddedSincePreview_IsRefused()
    {
        var tierId = await CraftMoveScenarioAsync();
        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, tierId, [1], Ct);
        await _world.AddVersionAsync("business", d => d.MonthlyPriceEur = 649m);

        var refused = await Assert.ThrowsAsync<CatalogueRuleException>(() => Catalogue.MoveAsync(_world.AdminPrincipal, null, preview, Ct));

        Assert.Contains("has a newer version than v2 since the preview", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_LatestVersionTakesEffectLater_IsPreviewedButNotAllowedYet()
    {
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.AddVersionAsync("business", BusinessV2, new DateOnly(2026, 4, 1));
        var business = await _world.TierAsync("business");

        var preview = await Catalogue.PreviewMoveAsync(_world.AdminPrincipal, business.Id, [1], Ct);
        var refused = await Assert.ThrowsAsync<CatalogueRuleException>(() => Catalogue.MoveAsync(_world.AdminPrincipal, null, preview, Ct));

        Assert.Equal(1, preview.Affected);
        Assert.False(preview.CanApply);
        Assert.Equal("Business v2 takes effect on 2026-04-01. Businesses can be moved to it from that day.", preview.Blocker);
        Assert.Equal(preview.Blocker, refused.Message);
        Assert.Equal(1, business.CurrentAt(_world.Now)!.VersionNumber);
    }

    /// <summary>The subscriptions of <see cref="PreviewMove_CraftedSubscriptions_MatchHandCalculation"/>; answers the business tier's id.</summary>
    private async Task<long> CraftMoveScenarioAsync()
    {
        var start = TierCatalogueWorld.Start;
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.SubscribeAsync(await _world.AddBusinessAsync("Bravo"), "business", 1, discountPercent: 20, discountEndsAt: start.AddMonths(1));
        await _world.SubscribeAsync(await _world.AddBusinessAsync("Charlie"), "business", 1, priceOverrideCents: 30_000);
        await _world.SubscribeAsync(await _world.AddBusinessAsync("Delta"), "business", 1, discountPercent: 50, discountEndsAt: start.AddDays(-1));
        await _world.SubscribeAsync(await _world.AddBusinessAsync("India"), "business", 1, priceOverrideCents: 30_000, overridesEndAt: start.AddDays(-7));

        var echo = await _world.AddBusinessAsync("Echo");
        await _world.SubscribeAsync(echo, "business", 1, to: start.AddDays(5));
        await _world.SubscribeAsync(echo, "enterprise", 1, "Scheduled", from: start.AddDays(5));

        var foxtrot = await _world.BusinessOnAsync("Foxtrot", "business");
        await _world.SubscribeAsync(foxtrot, "enterprise", 1, "PendingApproval", from: start.AddDays(1));

        var golf = await _world.AddBusinessAsync("Golf");
        await _world.SubscribeAsync(golf, "business", 1, "Ended", start.AddMonths(-6), start.AddMonths(-1));
        await _world.SubscribeAsync(golf, "enterprise", 1, from: start.AddMonths(-1));

        await _world.BusinessOnAsync("Hotel", "free");
        return (await _world.AddVersionAsync("business", BusinessV2)).TierId;
    }

    private sealed record SubscriptionRow
    {
        public string Business { get; init; } = "";

        public int VersionNumber { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset EffectiveFrom { get; init; }

        public DateTimeOffset? EffectiveTo { get; init; }

        public long? PriceOverrideCents { get; init; }

        public int? DiscountPercent { get; init; }

        public string? Reason { get; init; }

        public long? EnteredByUserId { get; init; }

        public int Version { get; init; }
    }
}
