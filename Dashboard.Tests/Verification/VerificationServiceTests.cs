using Dashboard.Data.Identity;
using Dashboard.Data.Verification;

namespace Dashboard.Tests.Verification;

public sealed class VerificationServiceTests : IAsyncLifetime
{
    private VerificationWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await VerificationWorld.CreateAsync();

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Open_SixteenReviewersRaceForOneRequest_ExactlyOneClaimsIt()
    {
        var reviewers = new List<System.Security.Claims.ClaimsPrincipal>();
        for (var i = 0; i < 16; i++)
        {
            reviewers.Add(await _world.UserAsync($"reviewer{i}", Roles.Reviewer));
        }

        var request = await _world.ApplyAsync();

        using var start = new ManualResetEventSlim();
        var racers = reviewers.Select(r => Task.Run(async () =>
        {
            start.Wait(Ct);
            return (User: r, Opened: await _world.Service.OpenAsync(r, request.RequestId, Ct));
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        var winners = results.Where(r => r.Opened!.Claim.Claimed).ToList();
        var winner = Assert.Single(winners);
        var stored = await _world.RequestAsync(request.RequestId);
        Assert.Equal(VerificationWorld.IdOf(winner.User), stored.AssignedToUserId);
        Assert.Equal(VerificationStatus.InReview, stored.Status);
        Assert.All(results.Where(r => !r.Opened!.Claim.Claimed), r => Assert.Equal(stored.AssignedTo, r.Opened!.Claim.HeldBy));
        var claims = (await _world.Store.EventsAsync(request.RequestId, Ct)).Count(e => e.Kind == VerificationEventKinds.Claimed);
        Assert.Equal(1, claims);
    }

    [Fact]
    public async Task Decide_TwoDecisionsRaceOnOneVersion_ExactlyOneIsStored()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var request = await _world.ApplyAsync();
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;
        var version = opened.Request.Version;

        using var start = new ManualResetEventSlim();
        var approve = Task.Run(async () => { start.Wait(Ct); return await Attempt(() => _world.Service.ApproveAsync(reviewer, request.RequestId, version, null, Ct)); }, Ct);
        var reject = Task.Run(async () => { start.Wait(Ct); return await Attempt(() => _world.Service.RejectAsync(reviewer, request.RequestId, version, "OTHER", "Duplicate account", Ct)); }, Ct);
        start.Set();
        var outcomes = await Task.WhenAll(approve, reject);

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Equal(ConflictReason.StaleVersion, Assert.Single(outcomes, o => o is not null)!.Reason);
        var events = await _world.Store.EventsAsync(request.RequestId, Ct);
        Assert.Equal(1, events.Count(e => e.Kind is VerificationEventKinds.Approved or VerificationEventKinds.Rejected));
        Assert.Equal(version + 1, (await _world.RequestAsync(request.RequestId)).Version);
    }

    [Fact]
    public async Task Decide_StaleVersion_IsRefusedAndWritesNothing()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var request = await _world.ApplyAsync();
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;
        await _world.Service.AddNoteAsync(reviewer, request.RequestId, "Called the business", Ct);
        await _world.Service.EscalateAsync(reviewer, request.RequestId, opened.Request.Version, "Looks like a franchise", Ct);
        var eventsBefore = (await _world.Store.EventsAsync(request.RequestId, Ct)).Count;

        var error = await Assert.ThrowsAsync<VerificationConflictException>(() =>
            _world.Service.ApproveAsync(reviewer, request.RequestId, opened.Request.Version, null, Ct));

        Assert.Equal(ConflictReason.StaleVersion, error.Reason);
        Assert.Contains("changed since you opened it", error.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.Escalated, (await _world.RequestAsync(request.RequestId)).Status);
        Assert.Equal(eventsBefore, (await _world.Store.EventsAsync(request.RequestId, Ct)).Count);
    }

    [Fact]
    public async Task Decide_RequestHeldByAnother_IsRefusedWithTheHoldersName()
    {
        var holder = await _world.UserAsync("Hanna", Roles.Reviewer);
        var other = await _world.UserAsync("Otto", Roles.Reviewer);
        var request = await _world.ApplyAsync();
        var opened = (await _world.Service.OpenAsync(holder, request.RequestId, Ct))!;

        var seen = (await _world.Service.OpenAsync(other, request.RequestId, Ct))!;
        var error = await Assert.ThrowsAsync<VerificationConflictException>(() =>
            _world.Service.ApproveAsync(other, request.RequestId, seen.Request.Version, null, Ct));

        Assert.False(seen.Claim.Claimed);
        Assert.Equal("Hanna", seen.Claim.HeldBy);
        Assert.Equal(ConflictReason.HeldByOther, error.Reason);
        Assert.Contains("Hanna holds this request", error.Message, StringComparison.Ordinal);
        Assert.Equal(opened.Request.Version, (await _world.RequestAsync(request.RequestId)).Version);
    }

    [Fact]
    public async Task Claim_AfterTheLeaseRunsOut_AnotherReviewerCanTakeIt()
    {
        var first = await _world.UserAsync("first", Roles.Reviewer);
        var second = await _world.UserAsync("second", Roles.Reviewer);
        var request = await _world.ApplyAsync();
        await _world.Service.OpenAsync(first, request.RequestId, Ct);

        _world.Time.Advance(_world.Options.ClaimLease + TimeSpan.FromSeconds(1));
        var taken = (await _world.Service.OpenAsync(second, request.RequestId, Ct))!;

        Assert.True(taken.Claim.Claimed);
        Assert.False(await _world.Service.RenewAsync(first, request.RequestId, Ct));
    }

    [Fact]
    public async Task FourEyes_BankApprovedByReviewer_WaitsForAnotherSenior()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var senior = await _world.UserAsync("sam", Roles.SeniorReviewer);
        var request = await _world.ApplyAsync(category: "Bank");
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;

        var first = await _world.Service.ApproveAsync(reviewer, request.RequestId, opened.Request.Version, "Register extract matches", Ct);
        Assert.Equal(VerificationStatus.AwaitingSecondApproval, first.Status);
        Assert.False(first.IsVerified);

        var second = (await _world.Service.OpenAsync(senior, request.RequestId, Ct))!;
        var done = await _world.Service.ApproveAsync(senior, request.RequestId, second.Request.Version, null, Ct);

        Assert.Equal(VerificationStatus.Approved, done.Status);
        Assert.True(done.IsVerified);
        Assert.Equal(VerificationWorld.IdOf(reviewer), done.FirstApproverUserId);
        Assert.Equal(VerificationWorld.IdOf(senior), done.DecidedByUserId);
    }

    [Fact]
    public async Task FourEyes_SameSeniorTwice_IsRefused()
    {
        var senior = await _world.UserAsync("sam", Roles.SeniorReviewer);
        var request = await _world.ApplyAsync(category: "Airline");
        var opened = (await _world.Service.OpenAsync(senior, request.RequestId, Ct))!;
        var first = await _world.Service.ApproveAsync(senior, request.RequestId, opened.Request.Version, null, Ct);

        // The first approver may not even claim it again for the second approval…
        var again = (await _world.Service.OpenAsync(senior, request.RequestId, Ct))!;
        Assert.False(again.Claim.Claimed);

        // …and calling the service directly with the current version is refused as well.
        var error = await Assert.ThrowsAsync<VerificationConflictException>(() =>
            _world.Service.ApproveAsync(senior, request.RequestId, first.Version, null, Ct));
        Assert.Equal(ConflictReason.SameApprover, error.Reason);
        Assert.Equal(VerificationStatus.AwaitingSecondApproval, (await _world.RequestAsync(request.RequestId)).Status);
    }

    [Fact]
    public async Task FourEyes_PlainReviewerSecondApproval_IsRefused()
    {
        var first = await _world.UserAsync("rita", Roles.Reviewer);
        var second = await _world.UserAsync("ron", Roles.Reviewer);
        var request = await _world.ApplyAsync(category: "Insurer");
        var opened = (await _world.Service.OpenAsync(first, request.RequestId, Ct))!;
        var awaiting = await _world.Service.ApproveAsync(first, request.RequestId, opened.Request.Version, null, Ct);

        var view = (await _world.Service.OpenAsync(second, request.RequestId, Ct))!;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            _world.Service.ApproveAsync(second, request.RequestId, awaiting.Version, null, Ct));

        Assert.False(view.Claim.Claimed);
        Assert.False((await _world.RequestAsync(request.RequestId)).IsVerified);
    }

    [Fact]
    public async Task FourEyes_HighRiskScoreOutsideHighRiskCategory_NeedsSecondApproval()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var request = await _world.ApplyAsync(category: "OnlineRetailer", riskScore: 75);
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;

        var after = await _world.Service.ApproveAsync(reviewer, request.RequestId, opened.Request.Version, null, Ct);

        Assert.Equal(VerificationStatus.AwaitingSecondApproval, after.Status);
    }

    [Fact]
    public async Task Store_TransitionNamingTheFirstApprover_IsRefusedByTheDatabaseCondition()
    {
        var senior = await _world.UserAsync("sam", Roles.SeniorReviewer);
        var request = await _world.ApplyAsync(category: "Bank");
        var opened = (await _world.Service.OpenAsync(senior, request.RequestId, Ct))!;
        var awaiting = await _world.Service.ApproveAsync(senior, request.RequestId, opened.Request.Version, null, Ct);
        var id = VerificationWorld.IdOf(senior);

        var error = await Assert.ThrowsAsync<VerificationConflictException>(() => _world.Store.TransitionAsync(new Transition
        {
            RequestId = request.RequestId,
            ExpectedVersion = awaiting.Version,
            ActorUserId = id,
            EventKind = VerificationEventKinds.Approved,
            FromStatuses = [VerificationStatus.AwaitingSecondApproval],
            ToStatus = VerificationStatus.Approved,
            RequireClaim = false,
            ForbiddenFirstApprover = id,
            SetBusinessVerified = true,
        }, Dashboard.Data.Audit.Actor.Console(), Ct));

        Assert.Equal(ConflictReason.SameApprover, error.Reason);
    }

    [Fact]
    public async Task Reject_WithoutNoteOrWithUnknownReason_IsRefused()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var request = await _world.ApplyAsync();
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;

        await Assert.ThrowsAsync<ArgumentException>(() => _world.Service.RejectAsync(reviewer, request.RequestId, opened.Request.Version, "OTHER", " ", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _world.Service.RejectAsync(reviewer, request.RequestId, opened.Request.Version, "NOT_A_REASON", "x", Ct));

        var after = await _world.Service.RejectAsync(reviewer, request.RequestId, opened.Request.Version, "WEBSITE_NOT_MATCHING", "Website belongs to another firm", Ct);
        Assert.Equal(VerificationStatus.Rejected, after.Status);
        Assert.Equal("WEBSITE_NOT_MATCHING", after.ReasonCode);
    }

    [Fact]
    public async Task Service_UserWithoutReviewerRole_IsRefusedEverything()
    {
        var manager = await _world.UserAsync("mia", Roles.AccountManager, Roles.Executive);
        var request = await _world.ApplyAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.OpenAsync(manager, request.RequestId, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.NextAsync(manager, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.ApproveAsync(manager, request.RequestId, 1, null, Ct));
        Assert.Equal(VerificationStatus.Pending, (await _world.RequestAsync(request.RequestId)).Status);
    }

    [Fact]
    public async Task Revoke_BySenior_RemovesTheMarkerAndShowsInHistory_ByReviewer_IsRefused()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var senior = await _world.UserAsync("sam", Roles.SeniorReviewer);
        var request = await _world.ApplyAsync();
        var opened = (await _world.Service.OpenAsync(reviewer, request.RequestId, Ct))!;
        var approved = await _world.Service.ApproveAsync(reviewer, request.RequestId, opened.Request.Version, null, Ct);
        Assert.True(approved.IsVerified);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.RevokeAsync(reviewer, request.BusinessId, "Sold to another company", Ct));
        var revoked = await _world.Service.RevokeAsync(senior, request.BusinessId, "Sold to another company", Ct);

        Assert.Equal(VerificationStatus.Revoked, revoked.Status);
        Assert.False(revoked.IsVerified);
        var history = await _world.Store.EventsAsync(request.RequestId, Ct);
        var entry = history[^1];
        Assert.Equal(VerificationEventKinds.Revoked, entry.Kind);
        Assert.Equal("Sold to another company", entry.Note);
        var audit = await _world.Audit.QueryAsync(new Dashboard.Data.Audit.AuditQuery { Action = "RequestRevoked" }, Ct);
        Assert.Single(audit.Items);
    }

    [Fact]
    public async Task Next_TwoReviewers_GetDifferentRequestsMostUrgentFirst()
    {
        var a = await _world.UserAsync("a", Roles.Reviewer);
        var b = await _world.UserAsync("b", Roles.Reviewer);
        var older = await _world.ApplyAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        var newer = await _world.ApplyAsync();

        var first = await _world.Service.NextAsync(a, Ct);
        var second = await _world.Service.NextAsync(b, Ct);
        var none = await _world.Service.NextAsync(await _world.UserAsync("c", Roles.Reviewer), Ct);

        Assert.Equal(older.RequestId, first);
        Assert.Equal(newer.RequestId, second);
        Assert.Null(none);
    }

    [Fact]
    public async Task RejectAsSpam_OnlySeniors_AndCountsWhatWasRejected()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var senior = await _world.UserAsync("sam", Roles.SeniorReviewer);
        var one = await _world.ApplyAsync();
        var two = await _world.ApplyAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.Service.RejectAsSpamAsync(reviewer, [one.RequestId, two.RequestId], Ct));
        var rejected = await _world.Service.RejectAsSpamAsync(senior, [one.RequestId, two.RequestId, 999_999], Ct);

        Assert.Equal(2, rejected);
        Assert.Equal(VerificationStatus.Rejected, (await _world.RequestAsync(two.RequestId)).Status);
    }

    [Fact]
    public async Task Assign_ToReviewer_ClaimsForThem()
    {
        var lead = await _world.UserAsync("lead", Roles.Reviewer);
        var assignee = await _world.UserAsync("new", Roles.Reviewer);
        var one = await _world.ApplyAsync();

        var count = await _world.Service.AssignAsync(lead, [one.RequestId], VerificationWorld.IdOf(assignee), Ct);

        Assert.Equal(1, count);
        var stored = await _world.RequestAsync(one.RequestId);
        Assert.Equal(VerificationWorld.IdOf(assignee), stored.AssignedToUserId);
        Assert.Equal(VerificationStatus.InReview, stored.Status);
    }

    private static async Task<VerificationConflictException?> Attempt(Func<Task> decision)
    {
        try
        {
            await decision();
            return null;
        }
        catch (VerificationConflictException ex)
        {
            return ex;
        }
    }
}
