using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Identity;

public sealed class AccountServiceTests(SqliteMigratedDatabase fixture) : IClassFixture<SqliteMigratedDatabase>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));

    private (AccountService Service, AccountStore Store, AuditLog Audit) Create()
    {
        var audit = new AuditLog(fixture.Database, _time);
        var store = new AccountStore(fixture.Database, audit, _time);
        var service = new AccountService(store, audit, new PasswordHasher<UserAccount>(), _time,
            Options.Create(new SignInSettings { MaxFailedAttempts = 3, LockoutMinutes = 10 }));
        return (service, store, audit);
    }

    [Fact]
    public async Task PasswordSignIn_RightPassword_SucceedsAndIsAudited()
    {
        var (service, _, audit) = Create();
        var email = $"ok-{Guid.NewGuid():N}@example.com";
        await service.CreateUserWithPasswordAsync(email, "Ok", "s3cret-pass", [Roles.Reviewer], Actor.Console(), CancellationToken.None);

        var result = await service.PasswordSignInAsync(email, "s3cret-pass", "10.0.0.1", CancellationToken.None);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal([Roles.Reviewer], result.User!.Roles);
        var signIns = await audit.QueryAsync(new AuditQuery { Action = "SignIn", Actor = email }, CancellationToken.None);
        Assert.Equal("10.0.0.1", Assert.Single(signIns.Items).RemoteIp);
    }

    [Fact]
    public async Task PasswordSignIn_RepeatedFailures_LockUntilTheLockoutEnds()
    {
        var (service, _, _) = Create();
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        await service.CreateUserWithPasswordAsync(email, "Lock", "right-password", [Roles.Reviewer], Actor.Console(), CancellationToken.None);

        Assert.Equal(SignInOutcome.InvalidCredentials, (await service.PasswordSignInAsync(email, "wrong", null, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await service.PasswordSignInAsync(email, "wrong", null, CancellationToken.None)).Outcome);
        var third = await service.PasswordSignInAsync(email, "wrong", null, CancellationToken.None);
        var whileLocked = await service.PasswordSignInAsync(email, "right-password", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(11));
        var afterLockout = await service.PasswordSignInAsync(email, "right-password", null, CancellationToken.None);

        Assert.Equal(SignInOutcome.LockedOut, third.Outcome);
        Assert.Equal(_time.GetUtcNow().AddMinutes(-1), third.LockoutEnd);
        Assert.Equal(SignInOutcome.LockedOut, whileLocked.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, afterLockout.Outcome);
    }

    [Fact]
    public async Task PasswordSignIn_DisabledUser_IsRefusedEvenWithRightPassword()
    {
        var (service, store, _) = Create();
        var email = $"off-{Guid.NewGuid():N}@example.com";
        var id = await service.CreateUserWithPasswordAsync(email, "Off", "right-password", [Roles.Executive], Actor.Console(), CancellationToken.None);
        await store.SetDisabledAsync(id, true, 1, Actor.Console(), CancellationToken.None);

        var result = await service.PasswordSignInAsync(email, "right-password", null, CancellationToken.None);

        Assert.Equal(SignInOutcome.Disabled, result.Outcome);
        Assert.Null(result.User);
    }

    [Fact]
    public async Task PasswordSignIn_UnknownEmail_IsRefusedLikeAWrongPassword()
    {
        var (service, _, audit) = Create();
        var email = $"nobody-{Guid.NewGuid():N}@example.com";

        var result = await service.PasswordSignInAsync(email, "whatever", null, CancellationToken.None);

        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        var failures = await audit.QueryAsync(new AuditQuery { Action = "SignInFailed", Actor = email }, CancellationToken.None);
        Assert.Equal("Unknown e-mail", Assert.Single(failures.Items).Summary);
    }

    [Fact]
    public async Task ResetPassword_OldPasswordStopsWorking_NewOneWorks()
    {
        var (service, store, _) = Create();
        var email = $"reset-{Guid.NewGuid():N}@example.com";
        var id = await service.CreateUserWithPasswordAsync(email, "Reset", "old-password", [Roles.Admin], Actor.Console(), CancellationToken.None);

        var fresh = await service.ResetPasswordAsync(id, (await store.FindByIdAsync(id, CancellationToken.None))!.Version, Actor.Console(), CancellationToken.None);

        Assert.Equal(SignInOutcome.InvalidCredentials, (await service.PasswordSignInAsync(email, "old-password", null, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.Succeeded, (await service.PasswordSignInAsync(email, fresh, null, CancellationToken.None)).Outcome);
        Assert.Equal(20, fresh.Length);
    }

    [Fact]
    public async Task PrincipalStamp_AfterRoleChange_IsNoLongerCurrent()
    {
        var (service, store, _) = Create();
        var email = $"stamp-{Guid.NewGuid():N}@example.com";
        var id = await service.CreateUserWithPasswordAsync(email, "Stamp", "pw-123456", [Roles.Reviewer], Actor.Console(), CancellationToken.None);
        var user = (await store.FindByIdAsync(id, CancellationToken.None))!;
        var principal = AccountService.CreatePrincipal(user, "Cookies");
        Assert.True(await RevalidatingStateProvider.IsCurrentAsync(store, principal, CancellationToken.None));

        await store.SetRolesAsync(id, [Roles.Admin], user.Version, Actor.Console(), CancellationToken.None);

        Assert.False(await RevalidatingStateProvider.IsCurrentAsync(store, principal, CancellationToken.None));
    }

    [Fact]
    public void OidcRoleMap_MapsGroupsAndRoleNames_IgnoresTheRest()
    {
        var options = new OidcOptions { RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["tns-seniors"] = "SeniorReviewer" } };

        var roles = options.MapRoles(["TNS-Seniors", "executive", "marketing", "Executive"]);

        Assert.Equal([Roles.SeniorReviewer, Roles.Executive], roles);
    }
}
