using System.Security.Claims;
using Dashboard.Admin;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Tests.Admin;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private const string RemoteIp = "203.0.113.7";

    private AdminTestServices _services = null!;
    private UserAccount _admin = null!;
    private UserAccount _reviewer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UserAdministration Users => _services.Get<UserAdministration>();

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        _admin = await _services.AddUserAsync("admin@example.test", Roles.Admin);
        _reviewer = await _services.AddUserAsync("reviewer@example.test", Roles.Reviewer);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public static TheoryData<string> Operations => ["list", "create", "roles", "disable", "enable", "reset"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_NonAdminPrincipal_ThrowsUnauthorizedAccessAndWritesNothing(string operation)
    {
        var before = await AuditCountAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => RunAsync(operation, AdminTestServices.PrincipalOf(_reviewer), _reviewer));

        Assert.Equal(before, await AuditCountAsync());
        var reviewer = await _services.FindUserAsync(_reviewer.Id);
        Assert.Equal(_reviewer.Version, reviewer!.Version);
        Assert.Equal(2, await _services.Get<IAccountStore>().CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_AnonymousPrincipal_ThrowsUnauthorizedAccess(string operation) =>
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => RunAsync(operation, new ClaimsPrincipal(new ClaimsIdentity()), _reviewer));

    [Fact]
    public async Task CreateAsync_AdminWhoseSessionIsNoLongerCurrent_ThrowsUnauthorizedAccess()
    {
        var signedIn = AdminTestServices.PrincipalOf(_admin);
        var other = await _services.AddUserAsync("other-admin@example.test", Roles.Admin);
        await Users.SetDisabledAsync(AdminTestServices.PrincipalOf(other), RemoteIp, _admin.Id, true, _admin.Version, Ct);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Users.CreateAsync(signedIn, RemoteIp, "new@example.test", null, [Roles.Reviewer], Ct));
        Assert.Null(await _services.Get<IAccountStore>().FindByEmailAsync("new@example.test", Ct));
    }

    [Fact]
    public async Task SetDisabledAsync_OwnAccount_ThrowsRuleExceptionAndAccountStaysEnabled()
    {
        var ex = await Assert.ThrowsAsync<AdministrationRuleException>(() =>
            Users.SetDisabledAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _admin.Id, true, _admin.Version, Ct));

        Assert.Contains("your own account", ex.Message, StringComparison.Ordinal);
        var admin = await _services.FindUserAsync(_admin.Id);
        Assert.False(admin!.IsDisabled);
        Assert.Equal(_admin.Version, admin.Version);
    }

    [Fact]
    public async Task SetRolesAsync_DroppingOwnAdminRole_ThrowsRuleExceptionAndRolesStay()
    {
        await Assert.ThrowsAsync<AdministrationRuleException>(() =>
            Users.SetRolesAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _admin.Id, [Roles.Executive], _admin.Version, Ct));

        var admin = await _services.FindUserAsync(_admin.Id);
        Assert.Equal([Roles.Admin], admin!.Roles);
        Assert.Equal(_admin.Version, admin.Version);
    }

    [Fact]
    public async Task SetRolesAsync_OwnAccountKeepingAdmin_AddsRole()
    {
        await Users.SetRolesAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _admin.Id, [Roles.Admin, Roles.Executive], _admin.Version, Ct);

        var admin = await _services.FindUserAsync(_admin.Id);
        Assert.Equal([Roles.Admin, Roles.Executive], admin!.Roles.Order());
    }

    [Fact]
    public async Task SetDisabledAsync_OtherUser_DisablesAndAuditsWithActingAdmin()
    {
        await Users.SetDisabledAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _reviewer.Id, true, _reviewer.Version, Ct);

        Assert.True((await _services.FindUserAsync(_reviewer.Id))!.IsDisabled);
        var entry = Assert.Single(await AuditAsync("UserDisabled"));
        Assert.Equal(_admin.Email, entry.ActorName);
        Assert.Equal(RemoteIp, entry.RemoteIp);
    }

    [Fact]
    public async Task CreateAsync_ValidInput_ReturnsPasswordThatVerifiesAgainstStoredHashAndAuditsUserCreated()
    {
        var created = await Users.CreateAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, "  new.user@example.test ", "New User", [Roles.AccountManager], Ct);

        var stored = await _services.FindUserAsync(created.Id);
        Assert.NotNull(stored);
        Assert.Equal("new.user@example.test", created.Email);
        Assert.Equal([Roles.AccountManager], stored.Roles);
        Assert.NotEqual(created.Password, stored.PasswordHash);
        var hasher = _services.Get<IPasswordHasher<UserAccount>>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash!, created.Password));
        var signIn = await _services.Get<AccountService>().PasswordSignInAsync(created.Email, created.Password, null, Ct);
        Assert.Equal(SignInOutcome.Succeeded, signIn.Outcome);

        var entry = Assert.Single(await AuditAsync("UserCreated"), e => e.EntityId == created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("User", entry.EntityType);
        Assert.Equal(nameof(ActorKind.User), entry.ActorKind);
        Assert.Equal(_admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.ActorId);
        Assert.Equal(_admin.Email, entry.ActorName);
        Assert.Equal(RemoteIp, entry.RemoteIp);
        Assert.DoesNotContain(created.Password, entry.AfterJson ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DuplicateEmail_ThrowsDuplicateValueAndWritesNothing()
    {
        var before = await AuditCountAsync();

        var ex = await Assert.ThrowsAsync<DuplicateValueException>(() =>
            Users.CreateAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, "REVIEWER@example.test", null, [Roles.Executive], Ct));

        Assert.Equal("A user with the e-mail REVIEWER@example.test exists already.", AdminText.Describe(ex));
        Assert.Equal(2, await _services.Get<IAccountStore>().CountAsync(Ct));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData("", Roles.Reviewer, "Enter an e-mail address such as name@example.com.")]
    [InlineData("someone@example.test", null, "at least one role")]
    public async Task CreateAsync_BadInput_ThrowsArgumentWithReadableMessageAndWritesNothing(string email, string? role, string expected)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Users.CreateAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, email, null, role is null ? [] : [role], Ct));

        var message = AdminText.Describe(ex);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
        Assert.Equal(2, await _services.Get<IAccountStore>().CountAsync(Ct));
    }

    [Fact]
    public async Task SetRolesAsync_StaleVersion_ThrowsConcurrencyConflictAndChangesNothing()
    {
        var admin = AdminTestServices.PrincipalOf(_admin);
        await Users.SetRolesAsync(admin, RemoteIp, _reviewer.Id, [Roles.SeniorReviewer], _reviewer.Version, Ct);
        var afterFirst = await _services.FindUserAsync(_reviewer.Id);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Users.SetRolesAsync(admin, RemoteIp, _reviewer.Id, [Roles.Executive], _reviewer.Version, Ct));

        var now = await _services.FindUserAsync(_reviewer.Id);
        Assert.Equal([Roles.SeniorReviewer], now!.Roles);
        Assert.Equal(afterFirst!.Version, now.Version);
        Assert.Equal(afterFirst.SecurityStamp, now.SecurityStamp);
        Assert.Single(await AuditAsync("UserRolesChanged"));
    }

    [Fact]
    public async Task SetRolesAsync_NoRole_ThrowsArgumentAndRolesStay()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Users.SetRolesAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _reviewer.Id, [], _reviewer.Version, Ct));

        Assert.Equal([Roles.Reviewer], (await _services.FindUserAsync(_reviewer.Id))!.Roles);
    }

    [Fact]
    public async Task ResetPasswordAsync_OtherUser_NewPasswordSignsInAndOldOneNoLonger()
    {
        var password = await Users.ResetPasswordAsync(AdminTestServices.PrincipalOf(_admin), RemoteIp, _reviewer.Id, _reviewer.Version, Ct);

        var accounts = _services.Get<AccountService>();
        Assert.Equal(SignInOutcome.InvalidCredentials, (await accounts.PasswordSignInAsync(_reviewer.Email, AdminTestServices.Password, null, Ct)).Outcome);
        Assert.Equal(SignInOutcome.Succeeded, (await accounts.PasswordSignInAsync(_reviewer.Email, password, null, Ct)).Outcome);
        Assert.Single(await AuditAsync("UserPasswordReset"));
    }

    private Task RunAsync(string operation, ClaimsPrincipal actingUser, UserAccount target) => operation switch
    {
        "list" => Users.ListAsync(actingUser, Ct),
        "create" => Users.CreateAsync(actingUser, RemoteIp, "intruder@example.test", null, [Roles.Admin], Ct),
        "roles" => Users.SetRolesAsync(actingUser, RemoteIp, target.Id, [Roles.Admin], target.Version, Ct),
        "disable" => Users.SetDisabledAsync(actingUser, RemoteIp, _admin.Id, true, _admin.Version, Ct),
        "enable" => Users.SetDisabledAsync(actingUser, RemoteIp, target.Id, false, target.Version, Ct),
        "reset" => Users.ResetPasswordAsync(actingUser, RemoteIp, _admin.Id, _admin.Version, Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private async Task<int> AuditCountAsync() =>
        (await _services.Get<IAuditLog>().QueryAsync(new AuditQuery(), Ct)).Total;

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(string action) =>
        (await _services.Get<IAuditLog>().QueryAsync(new AuditQuery { Action = action }, Ct)).Items;
}
