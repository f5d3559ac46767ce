using Dashboard.Admin;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Platform;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Admin;

public sealed class ApiKeyAdministrationTests : IAsyncLifetime
{
    private AdminTestServices _services = null!;
    private UserAccount _admin = null!;
    private UserAccount _manager = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiKeyAdministration Keys => _services.Get<ApiKeyAdministration>();

    private ApiKeyService KeyService => _services.Get<ApiKeyService>();

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        _admin = await _services.AddUserAsync("admin@example.test", Roles.Admin);
        _manager = await _services.AddUserAsync("manager@example.test", Roles.AccountManager);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task CreateAsync_Admin_KeyAuthenticatesWithItsScopes()
    {
        var created = await Keys.CreateAsync(AdminTestServices.PrincipalOf(_admin), "198.51.100.4", "ingest-eu", [ApiScopes.UsageWrite, ApiScopes.EntitlementsRead], Ct);

        var record = await KeyService.AuthenticateAsync(created.Key, Ct);
        Assert.NotNull(record);
        Assert.Equal("ingest-eu", record.Name);
        Assert.Equal([ApiScopes.UsageWrite, ApiScopes.EntitlementsRead], record.ScopeList);
        var listed = Assert.Single(await Keys.ListAsync(AdminTestServices.PrincipalOf(_admin), Ct));
        Assert.Equal(_admin.Email, listed.CreatedBy);
        Assert.DoesNotContain(created.Key, listed.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAsync_CreatedKey_KeyNoLongerAuthenticatesAndRevocationIsAudited()
    {
        var admin = AdminTestServices.PrincipalOf(_admin);
        var created = await Keys.CreateAsync(admin, null, "ingest-us", [ApiScopes.UsageWrite], Ct);

        Assert.True(await Keys.RevokeAsync(admin, null, "ingest-us", Ct));

        Assert.Null(await KeyService.AuthenticateAsync(created.Key, Ct));
        Assert.True(Assert.Single(await Keys.ListAsync(admin, Ct)).IsRevoked);
        var entry = Assert.Single((await _services.Get<IAuditLog>().QueryAsync(new AuditQuery { Action = "ApiKeyRevoked" }, Ct)).Items);
        Assert.Equal(_admin.Email, entry.ActorName);
    }

    [Fact]
    public async Task CreateAsync_NonAdmin_ThrowsUnauthorizedAccessAndStoresNoKey()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Keys.CreateAsync(AdminTestServices.PrincipalOf(_manager), null, "sneaky", [ApiScopes.UsageRead], Ct));

        Assert.Empty(await KeyService.ListAsync(Ct));
    }

    [Fact]
    public async Task RevokeAsync_NonAdmin_ThrowsUnauthorizedAccessAndKeyStillAuthenticates()
    {
        var created = await Keys.CreateAsync(AdminTestServices.PrincipalOf(_admin), null, "ingest-apac", [ApiScopes.UsageWrite], Ct);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Keys.RevokeAsync(AdminTestServices.PrincipalOf(_manager), null, "ingest-apac", Ct));

        Assert.NotNull(await KeyService.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task ListAsync_NonAdmin_ThrowsUnauthorizedAccess() =>
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Keys.ListAsync(AdminTestServices.PrincipalOf(_manager), Ct));

    [Fact]
    public async Task CreateAsync_NoScope_ThrowsArgumentWithReadableMessageAndStoresNoKey()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Keys.CreateAsync(AdminTestServices.PrincipalOf(_admin), null, "no-scopes", [], Ct));

        Assert.StartsWith("Give the key at least one scope", AdminText.Describe(ex), StringComparison.Ordinal);
        using (new Dashboard.Tests.Support.CultureScope("de-DE"))
        {
            Assert.Equal("Geben Sie dem Schlüssel mindestens eine Berechtigung.", AdminText.Describe(ex));
        }

        Assert.Empty(await KeyService.ListAsync(Ct));
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_ThrowsDuplicateValueAndFirstKeyStillWorks()
    {
        var admin = AdminTestServices.PrincipalOf(_admin);
        var first = await Keys.CreateAsync(admin, null, "ingest-eu", [ApiScopes.UsageWrite], Ct);

        var ex = await Assert.ThrowsAsync<DuplicateValueException>(() => Keys.CreateAsync(admin, null, "INGEST-EU", [ApiScopes.UsageRead], Ct));

        Assert.Equal("An API key named INGEST-EU exists already. Choose another name.", AdminText.Describe(ex));
        Assert.Single(await KeyService.ListAsync(Ct));
        Assert.NotNull(await KeyService.AuthenticateAsync(first.Key, Ct));
    }
}
