using Dapper;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Identity;

/// <summary>What every provider's account, API key and audit storage must do; one thin subclass per provider.</summary>
public abstract class AccountStoreContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    protected virtual void SkipIfUnavailable()
    {
    }

    private AuditLog Audit => new(fixture.Database, _time);

    private AccountStore Accounts => new(fixture.Database, Audit, _time);

    private ApiKeyStore Keys => new(fixture.Database, Audit, _time);

    private string Email(string name) => $"{name}-{_suffix}@example.com";

    [Fact]
    public async Task Create_ThenFindByEmail_IgnoresCaseAndReturnsRoles()
    {
        SkipIfUnavailable();
        var email = Email("ana");

        var id = await Accounts.CreateAsync(new NewUser(email, "Ana", "hash", ["reviewer", Roles.SeniorReviewer]), Actor.Console(), CancellationToken.None);
        var found = await Accounts.FindByEmailAsync(email.ToUpperInvariant(), CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
        Assert.Equal([Roles.Reviewer, Roles.SeniorReviewer], found.Roles.Order());
        Assert.Equal(_time.GetUtcNow(), found.CreatedAt);
    }

    [Fact]
    public async Task Create_DuplicateEmail_ThrowsAndWritesNothing()
    {
        SkipIfUnavailable();
        var email = Email("dup");
        await Accounts.CreateAsync(new NewUser(email, "First", "hash", [Roles.Executive]), Actor.Console(), CancellationToken.None);
        var auditBefore = await CountAsync("SELECT COUNT(*) FROM AuditLog");

        await Assert.ThrowsAsync<DuplicateValueException>(() =>
            Accounts.CreateAsync(new NewUser(email, "Second", "hash", [Roles.Admin]), Actor.Console(), CancellationToken.None));

        Assert.Equal(auditBefore, await CountAsync("SELECT COUNT(*) FROM AuditLog"));
        var user = await Accounts.FindByEmailAsync(email, CancellationToken.None);
        Assert.Equal("First", user!.DisplayName);
        Assert.Equal([Roles.Executive], user.Roles);
    }

    [Fact]
    public async Task Create_UnknownRole_ThrowsAndWritesNothing()
    {
        SkipIfUnavailable();
        var email = Email("norole");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Accounts.CreateAsync(new NewUser(email, "X", "hash", ["Superuser"]), Actor.Console(), CancellationToken.None));

        Assert.Null(await Accounts.FindByEmailAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task SetRoles_StaleVersion_IsRefusedAndChangesNothing()
    {
        SkipIfUnavailable();
        var id = await Accounts.CreateAsync(new NewUser(Email("ver"), "V", "hash", [Roles.Reviewer]), Actor.Console(), CancellationToken.None);
        var loaded = (await Accounts.FindByIdAsync(id, CancellationToken.None))!;
        await Accounts.SetRolesAsync(id, [Roles.AccountManager], loaded.Version, Actor.Console(), CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Accounts.SetRolesAsync(id, [Roles.Admin], loaded.Version, Actor.Console(), CancellationToken.None));

        var after = (await Accounts.FindByIdAsync(id, CancellationToken.None))!;
        Assert.Equal([Roles.AccountManager], after.Roles);
        Assert.Equal(loaded.Version + 1, after.Version);
        Assert.NotEqual(loaded.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task SetRoles_WritesAuditEntryWithBeforeAndAfter()
    {
        SkipIfUnavailable();
        var id = await Accounts.CreateAsync(new NewUser(Email("aud"), "A", "hash", [Roles.Reviewer]), Actor.Console(), CancellationToken.None);
        var version = (await Accounts.FindByIdAsync(id, CancellationToken.None))!.Version;

        await Accounts.SetRolesAsync(id, [Roles.Executive], version, new Actor(ActorKind.User, "1", "boss@example.com"), CancellationToken.None);

        var page = await Audit.QueryAsync(new AuditQuery { Action = "UserRolesChanged", EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None);
        var entry = Assert.Single(page.Items);
        Assert.Equal("boss@example.com", entry.ActorName);
        Assert.Contains(Roles.Reviewer, entry.BeforeJson, StringComparison.Ordinal);
        Assert.Contains(Roles.Executive, entry.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignIns_ReachingTheLimit_LockTheAccount()
    {
        SkipIfUnavailable();
        var email = Email("lock");
        await Accounts.CreateAsync(new NewUser(email, "L", "hash", [Roles.Reviewer]), Actor.Console(), CancellationToken.None);

        FailedSignIn? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await Accounts.RecordFailedSignInAsync(email, 3, TimeSpan.FromMinutes(15), "127.0.0.1", "Wrong password", CancellationToken.None);
        }

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), last!.LockoutEnd);
        var user = (await Accounts.FindByEmailAsync(email, CancellationToken.None))!;
        Assert.True(user.IsLockedOut(_time.GetUtcNow()));
        Assert.False(user.IsLockedOut(_time.GetUtcNow().AddMinutes(16)));
        var failures = await Audit.QueryAsync(new AuditQuery { Action = "SignInFailed", Actor = email }, CancellationToken.None);
        Assert.Equal(3, failures.Total);
    }

    [Fact]
    public async Task ApiKey_RevokedKey_IsNoLongerFound()
    {
        SkipIfUnavailable();
        var name = "svc-" + _suffix;
        await Keys.CreateAsync(name, "abcd1234", "hash-" + _suffix, [ApiScopes.UsageRead], Actor.Console(), CancellationToken.None);
        Assert.NotNull(await Keys.FindActiveByHashAsync("hash-" + _suffix, CancellationToken.None));

        Assert.True(await Keys.RevokeAsync(name, Actor.Console(), CancellationToken.None));

        Assert.Null(await Keys.FindActiveByHashAsync("hash-" + _suffix, CancellationToken.None));
        Assert.False(await Keys.RevokeAsync(name, Actor.Console(), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => Keys.RevokeAsync("no-such-key-" + _suffix, Actor.Console(), CancellationToken.None));
    }

    [Fact]
    public async Task AuditQuery_VisibleEntityTypes_HidesOtherEntities()
    {
        SkipIfUnavailable();
        var marker = "vis-" + _suffix;
        await Audit.AppendAsync(new AuditEntry("Approved", "VerificationRequest", marker), Actor.Console(marker), CancellationToken.None);
        await Audit.AppendAsync(new AuditEntry("TierEdited", "Tier", marker), Actor.Console(marker), CancellationToken.None);

        var visible = await Audit.QueryAsync(new AuditQuery { Actor = marker, VisibleEntityTypes = ["VerificationRequest"] }, CancellationToken.None);
        var all = await Audit.QueryAsync(new AuditQuery { Actor = marker }, CancellationToken.None);

        Assert.Equal(["VerificationRequest"], visible.Items.Select(i => i.EntityType));
        Assert.Equal(2, all.Total);
    }

    private async Task<int> CountAsync(string sql)
    {
        await using var connection = await fixture.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(sql);
    }
}

public sealed class SqliteAccountStoreTests(SqliteMigratedDatabase fixture) : AccountStoreContract<SqliteMigratedDatabase>(fixture);

public sealed class SqlServerAccountStoreTests(SqlServerMigratedDatabase fixture) : AccountStoreContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
