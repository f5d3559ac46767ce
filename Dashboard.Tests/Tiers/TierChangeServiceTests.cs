using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tiers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Tiers;

public sealed class TierChangeServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TierWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await TierWorld.CreateAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Submit_Now_EndsTheCurrentTierAndStartsTheNewOne()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("free");

        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "business"), Ct);

        Assert.Equal(SubscriptionStatus.Active, outcome.Status);
        var now = _world.Time.GetUtcNow();
        Assert.Equal([("free", "Ended", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset?)now), ("business", "Active", now, null)], await _world.RowsAsync(id));
        Assert.Equal("business", (await _world.EntitlementsAsync(id))!.TierCode);
        var audit = Assert.Single(await _world.AuditAsync(id));
        Assert.Equal(TierChangeService.AuditActions.Changed, audit.Action);
        Assert.Contains("\"tier\":\"free\"", audit.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"business\"", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledChange_TakesEffectAtItsDate_WithNoOneAtTheKeyboard()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");
        var startsOn = _world.Today.AddDays(5);

        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "enterprise") with { StartsOn = startsOn }, Ct);

        Assert.Equal(SubscriptionStatus.Scheduled, outcome.Status);
        Assert.Equal("business", (await _world.EntitlementsAsync(id))!.TierCode);
        _world.Time.Advance(TimeSpan.FromDays(4));
        Assert.Equal(0, await _world.Service.ApplyDueAsync(Ct));

        var options = Microsoft.Extensions.Options.Options.Create(new TierChangeOptions { ApplyInterval = TimeSpan.FromMinutes(1) });
        using var job = new ScheduledTierChangesJob(_world.Service, options, _world.Time, NullLogger<ScheduledTierChangesJob>.Instance);
        await job.StartAsync(Ct);
        _world.Time.Advance(TimeSpan.FromDays(1));
        await WaitUntilAsync(async () => (await _world.RowsAsync(id)).Any(r => r is { Tier: "enterprise", Status: "Active" }));
        await job.StopAsync(Ct);

        var at = new DateTimeOffset(startsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal([("business", "Ended", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset?)at), ("enterprise", "Active", at, null)], await _world.RowsAsync(id));
        Assert.Equal("enterprise", (await _world.EntitlementsAsync(id))!.TierCode);
        Assert.Contains(await _world.AuditAsync(id), a => a.Action == TierChangeService.AuditActions.Applied && a.ActorName == "scheduler");
    }

    [Fact]
    public async Task Submit_DiscountAboveThreshold_WaitsForApproval_AndChangesNothingMeanwhile()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");

        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "enterprise") with
        {
            StartsOn = _world.Today.AddDays(3), DiscountPercent = 30, DiscountEndsOn = _world.Today.AddMonths(6),
        }, Ct);

        Assert.Equal(SubscriptionStatus.PendingApproval, outcome.Status);
        Assert.Equal([("business", "Active", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null), ("enterprise", "PendingApproval", new DateTimeOffset(2026, 11, 13, 0, 0, 0, TimeSpan.Zero), null)],
            await _world.RowsAsync(id));
        _world.Time.Advance(TimeSpan.FromDays(4));
        Assert.Equal(0, await _world.Service.ApplyDueAsync(Ct));
        Assert.Equal("business", (await _world.EntitlementsAsync(id))!.TierCode);
        var pending = Assert.Single(await _world.Service.PendingApprovalsAsync(manager, Ct));
        Assert.Contains("30 % below the list price", ApprovalReason.Describe(pending.ApprovalReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_DiscountAtThreshold_NeedsNoApproval()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");

        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "enterprise") with { DiscountPercent = 20, DiscountEndsOn = _world.Today.AddMonths(6) }, Ct);

        Assert.Equal(SubscriptionStatus.Active, outcome.Status);
    }

    [Fact]
    public async Task Submit_PriceOverrideMoreThanThresholdBelowList_WaitsForApproval()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");

        // Enterprise lists at EUR 4,999; EUR 3,500 is 30 % off.
        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "enterprise") with { PriceOverrideCents = 350_000, OverridesEndOn = _world.Today.AddYears(1) }, Ct);

        Assert.Equal(SubscriptionStatus.PendingApproval, outcome.Status);
    }

    [Fact]
    public async Task Submit_LimitAboveTheTiers_WaitsForApproval_LimitBelowDoesNot()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var above = await _world.BusinessAsync("free");
        var below = await _world.BusinessAsync("free");

        var raised = await _world.Service.SubmitAsync(manager, TierWorld.Change(above, "business") with { ConversationsOverride = 20_000, OverridesEndOn = _world.Today.AddMonths(3) }, Ct);
        var lowered = await _world.Service.SubmitAsync(manager, TierWorld.Change(below, "business") with { AgentSeatsOverride = 5, OverridesEndOn = _world.Today.AddMonths(3) }, Ct);

        Assert.Equal(SubscriptionStatus.PendingApproval, raised.Status);
        Assert.Equal(SubscriptionStatus.Active, lowered.Status);
        Assert.Equal(5, (await _world.EntitlementsAsync(below))!.AgentSeats);
    }

    [Fact]
    public async Task Approve_BySecondAccountManager_PutsTheChangeInForceWithItsOverride()
    {
        var requester = await _world.UserAsync("Sofia", Roles.AccountManager);
        var approver = await _world.UserAsync("Paul", Roles.AccountManager);
        var id = await _world.BusinessAsync("free");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "business") with { ConversationsOverride = 20_000, OverridesEndOn = _world.Today.AddMonths(3) }, Ct);

        var approved = await _world.Service.ApproveAsync(approver, submitted.SubscriptionId, 1, "Agreed with sales", Ct);

        Assert.Equal(SubscriptionStatus.Active, approved.Status);
        var entitlements = (await _world.EntitlementsAsync(id))!;
        Assert.Equal(("business", 20_000), (entitlements.TierCode, entitlements.ConversationsPer24h));
        Assert.Contains(await _world.AuditAsync(id), a => a.Action == TierChangeService.AuditActions.Approved && a.ActorName.StartsWith("Paul", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_FutureChange_IsScheduledAndAppliedAtItsDate()
    {
        var requester = await _world.UserAsync("Sofia", Roles.AccountManager);
        var admin = await _world.UserAsync("Alex", Roles.Admin);
        var id = await _world.BusinessAsync("business");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "enterprise") with
        {
            StartsOn = _world.Today.AddDays(2), DiscountPercent = 30, DiscountEndsOn = _world.Today.AddMonths(6),
        }, Ct);

        var approved = await _world.Service.ApproveAsync(admin, submitted.SubscriptionId, 1, null, Ct);
        _world.Time.Advance(TimeSpan.FromDays(2));
        await _world.Service.ApplyDueAsync(Ct);

        Assert.Equal(SubscriptionStatus.Scheduled, approved.Status);
        Assert.Equal("enterprise", (await _world.EntitlementsAsync(id))!.TierCode);
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsRefused_EvenAsAdmin_AndNothingIsWritten()
    {
        var requester = await _world.UserAsync("Alex", Roles.AccountManager, Roles.Admin);
        var id = await _world.BusinessAsync("business");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "enterprise") with { DiscountPercent = 50, DiscountEndsOn = _world.Today.AddMonths(1) }, Ct);
        var auditBefore = (await _world.AuditAsync(id)).Count;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.ApproveAsync(requester, submitted.SubscriptionId, 1, null, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.RejectAsync(requester, submitted.SubscriptionId, 1, "no", Ct));

        Assert.Equal("PendingApproval", (await _world.RowsAsync(id))[^1].Status);
        Assert.Equal(auditBefore, (await _world.AuditAsync(id)).Count);
        Assert.Equal("business", (await _world.EntitlementsAsync(id))!.TierCode);
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.SeniorReviewer)]
    [InlineData(Roles.Executive)]
    public async Task Approve_ByAnotherRole_IsRefused(string role)
    {
        var requester = await _world.UserAsync("Sofia", Roles.AccountManager);
        var other = await _world.UserAsync("Someone", role);
        var id = await _world.BusinessAsync("business");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "enterprise") with { DiscountPercent = 50, DiscountEndsOn = _world.Today.AddMonths(1) }, Ct);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.ApproveAsync(other, submitted.SubscriptionId, 1, null, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.SubmitAsync(other, TierWorld.Change(id, "free"), Ct));

        Assert.Equal("PendingApproval", (await _world.RowsAsync(id))[^1].Status);
    }

    [Fact]
    public async Task Approve_StaleVersion_IsAConflict()
    {
        var requester = await _world.UserAsync("Sofia", Roles.AccountManager);
        var approver = await _world.UserAsync("Paul", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "enterprise") with { DiscountPercent = 50, DiscountEndsOn = _world.Today.AddMonths(1) }, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _world.Service.ApproveAsync(approver, submitted.SubscriptionId, 7, null, Ct));
    }

    [Fact]
    public async Task Reject_BySecondPerson_LeavesTheBusinessOnItsTier()
    {
        var requester = await _world.UserAsync("Sofia", Roles.AccountManager);
        var approver = await _world.UserAsync("Paul", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");
        var submitted = await _world.Service.SubmitAsync(requester, TierWorld.Change(id, "enterprise") with { DiscountPercent = 50, DiscountEndsOn = _world.Today.AddMonths(1) }, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => _world.Service.RejectAsync(approver, submitted.SubscriptionId, 1, " ", Ct));
        await _world.Service.RejectAsync(approver, submitted.SubscriptionId, 1, "Half price is too much", Ct);

        Assert.Equal([("business", "Active"), ("enterprise", "Rejected")], (await _world.RowsAsync(id)).Select(r => (r.Tier, r.Status)));
        Assert.Empty(await _world.Service.PendingApprovalsAsync(approver, Ct));
    }

    [Fact]
    public async Task Submit_NonSmeToFreeWithoutEndDate_WaitsForApproval_SmeDoesNot()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var large = await _world.BusinessAsync("business", sme: false, name: "Nordbank AG");
        var small = await _world.BusinessAsync("business");

        var largeOutcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(large, "free"), Ct);
        var smallOutcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(small, "free"), Ct);

        Assert.Equal(SubscriptionStatus.PendingApproval, largeOutcome.Status);
        Assert.Equal(SubscriptionStatus.Active, smallOutcome.Status);
    }

    [Fact]
    public async Task Submit_NonSmeToFreeWithinGracePeriod_GoesAheadAndReturnsToItsTierAfterwards()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business", sme: false, name: "Nordbank AG");
        var until = _world.Today.AddDays(30);

        var outcome = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "free") with { FreeUntil = until }, Ct);

        Assert.Equal(SubscriptionStatus.Active, outcome.Status);
        Assert.Equal(["Ended", "Active", "Scheduled"], (await _world.RowsAsync(id)).Select(r => r.Status));
        var scheduled = (await _world.Subscriptions.OpenRowsAsync(id, Ct)).Single(r => r.Status == SubscriptionStatus.Scheduled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _world.Service.CancelAsync(manager, scheduled.Id, scheduled.Version, Ct));

        _world.Time.Advance(TimeSpan.FromDays(30));
        await _world.Service.ApplyDueAsync(Ct);
        Assert.Equal("business", (await _world.EntitlementsAsync(id))!.TierCode);
    }

    [Fact]
    public async Task Submit_NonSmeToFreeBeyondGracePeriod_WaitsForApproval()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business", sme: false, name: "Nordbank AG");

        var preview = await _world.Service.PreviewAsync(manager, TierWorld.Change(id, "free") with { FreeUntil = _world.Today.AddDays(31) }, Ct);

        Assert.True(preview.NeedsApproval);
        Assert.Contains("30-day grace period", Assert.Single(preview.ApprovalReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_InvalidRequest_IsRefusedByFieldAndWritesNothing()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");

        var refused = await Assert.ThrowsAsync<TierChangeRefusedException>(() => _world.Service.SubmitAsync(manager, new TierChangeRequest
        {
            BusinessId = id, TierCode = "enterprise", StartsOn = _world.Today.AddDays(-1), DiscountPercent = 10, ConversationsOverride = 0, Reason = "",
        }, Ct));

        Assert.Equal(
            [nameof(TierChangeRequest.ConversationsOverride), nameof(TierChangeRequest.DiscountEndsOn), nameof(TierChangeRequest.OverridesEndOn), nameof(TierChangeRequest.Reason), nameof(TierChangeRequest.StartsOn)],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Single(await _world.RowsAsync(id));
        Assert.Empty(await _world.AuditAsync(id));
    }

    [Fact]
    public async Task Submit_WhileAnotherChangeWaits_IsRefusedUntilItIsCancelled()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("business");
        var first = await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "enterprise") with { StartsOn = _world.Today.AddDays(10) }, Ct);

        var refused = await Assert.ThrowsAsync<TierChangeRefusedException>(() => _world.Service.SubmitAsync(manager, TierWorld.Change(id, "free"), Ct));
        await _world.Service.CancelAsync(manager, first.SubscriptionId, 1, Ct);
        await _world.Service.SubmitAsync(manager, TierWorld.Change(id, "free"), Ct);

        Assert.Contains("already scheduled for 2026-11-20", refused.Errors[""], StringComparison.Ordinal);
        Assert.Equal([("business", "Ended"), ("enterprise", "Cancelled"), ("free", "Active")], (await _world.RowsAsync(id)).Select(r => (r.Tier, r.Status)));
    }

    [Fact]
    public async Task Preview_Downgrade_ListsFeaturesLostUsageAboveTheNewLimitAndProration()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("enterprise");
        await _world.UsageAsync(id, (1, 8_000), (2, 12_500), (3, 11_000), (40, 90_000));

        var preview = await _world.Service.PreviewAsync(manager, TierWorld.Change(id, "business"), Ct);

        Assert.Equal("Downgrade", preview.Direction);
        Assert.Equal(["Support SLA: 4 hours, 24/7 becomes Next business day"], preview.FeaturesLost);
        Assert.Equal(["Conversations per 24 h: unlimited becomes 10,000", "Agent seats: 100 becomes 10", "Phone numbers: 50 becomes 5"], preview.LimitsLowered);
        var warning = Assert.Single(preview.UsageWarnings);
        Assert.Contains("On 2 of the last 30 days", warning, StringComparison.Ordinal);
        Assert.Contains("12,500 on 2026-11-08", warning, StringComparison.Ordinal);

        // 10 Nov 09:00 leaves 20 days and 15 hours of November's 30 days: 0.6875 of the month.
        var proration = preview.Proration!;
        Assert.Equal((30, 20.6m), (proration.DaysInMonth, proration.DaysRemaining));
        Assert.Equal(343_681, proration.CreditCents); // EUR 4,999 × 0.6875 = 3,436.81
        Assert.Equal(34_306, proration.ChargeCents);  // EUR 499 × 0.6875 = 343.06
        Assert.Equal(-309_375, proration.NetCents);
        Assert.False(preview.NeedsApproval);
    }

    [Fact]
    public async Task Preview_FromFreeToBusiness_LosesNothing()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("free");

        var preview = await _world.Service.PreviewAsync(manager, TierWorld.Change(id, "business"), Ct);

        Assert.Equal("Upgrade", preview.Direction);
        Assert.False(preview.IsDowngradeRisk);
        Assert.Equal(34_306, preview.Proration!.NetCents);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
