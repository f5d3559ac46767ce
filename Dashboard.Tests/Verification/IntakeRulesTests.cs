using Dashboard.Data.Identity;
using Dashboard.Data.Verification;

namespace Dashboard.Tests.Verification;

public sealed class IntakeRulesTests : IAsyncLifetime
{
    private VerificationWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await VerificationWorld.CreateAsync();

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Submit_AfterRejection_WaitsForTheCooldown()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var first = await _world.ApplyAsync(externalId: "biz-cool");
        await RejectAsync(reviewer, first.RequestId);
        var rejectedAt = _world.Time.GetUtcNow();

        _world.Time.Advance(TimeSpan.FromDays(29));
        var refused = await Assert.ThrowsAsync<IntakeRefusedException>(() => _world.ApplyAsync(externalId: "biz-cool"));
        _world.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var accepted = await _world.ApplyAsync(externalId: "biz-cool");

        Assert.Equal(rejectedAt.AddDays(30), refused.RetryAfter);
        Assert.Contains("may apply again from", refused.Message, StringComparison.Ordinal);
        Assert.Equal(first.BusinessId, accepted.BusinessId);
        Assert.NotEqual(first.RequestId, accepted.RequestId);
        Assert.Equal(2, (await _world.RequestAsync(accepted.RequestId)).Attempt);
    }

    [Fact]
    public async Task Submit_FourthAttemptWithinAYear_IsRefusedUntilTheFirstIsAYearOld()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var firstSubmitted = _world.Time.GetUtcNow();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var request = await _world.ApplyAsync(externalId: "biz-max");
            await RejectAsync(reviewer, request.RequestId);
            _world.Time.Advance(TimeSpan.FromDays(31));
        }

        var refused = await Assert.ThrowsAsync<IntakeRefusedException>(() => _world.ApplyAsync(externalId: "biz-max"));

        Assert.Equal(firstSubmitted.AddYears(1), refused.RetryAfter);
        Assert.Contains("3 times in the last 12 months", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WhileOpen_IsRefused_WhileNeedsInfo_ResubmitsTheSameRequest()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var first = await _world.ApplyAsync(externalId: "biz-info");
        await Assert.ThrowsAsync<IntakeRefusedException>(() => _world.ApplyAsync(externalId: "biz-info"));
        var opened = (await _world.Service.OpenAsync(reviewer, first.RequestId, Ct))!;
        await _world.Service.RequestInfoAsync(reviewer, first.RequestId, opened.Request.Version, "Please send a current register extract.", Ct);

        var again = await _world.ApplyAsync(externalId: "biz-info");

        Assert.True(again.Resubmission);
        Assert.Equal(first.RequestId, again.RequestId);
        var request = await _world.RequestAsync(first.RequestId);
        Assert.Equal(VerificationStatus.Pending, request.Status);
        Assert.Equal(2, request.Attempt);
        Assert.Equal(2, (await _world.Store.DocumentsAsync(first.RequestId, Ct)).Count);
        Assert.Equal(VerificationEventKinds.Resubmitted, (await _world.Store.EventsAsync(first.RequestId, Ct))[^1].Kind);
    }

    [Fact]
    public async Task Submit_VerifiedBusiness_IsRefused()
    {
        var reviewer = await _world.UserAsync("rita", Roles.Reviewer);
        var first = await _world.ApplyAsync(externalId: "biz-done");
        var opened = (await _world.Service.OpenAsync(reviewer, first.RequestId, Ct))!;
        await _world.Service.ApproveAsync(reviewer, first.RequestId, opened.Request.Version, null, Ct);

        var refused = await Assert.ThrowsAsync<IntakeRefusedException>(() => _world.ApplyAsync(externalId: "biz-done"));

        Assert.Contains("verified already", refused.Message, StringComparison.Ordinal);
    }

    private async Task RejectAsync(System.Security.Claims.ClaimsPrincipal reviewer, long requestId)
    {
        var opened = (await _world.Service.OpenAsync(reviewer, requestId, Ct))!;
        await _world.Service.RejectAsync(reviewer, requestId, opened.Request.Version, "LEGAL_NAME_NOT_MATCHING", "Name differs from the register", Ct);
    }
}
