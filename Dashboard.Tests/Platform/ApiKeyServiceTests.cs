using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Platform;

/// <summary>The validated-key cache of <see cref="ApiKeyService"/>: fewer database reads, and revocation on the same node at once.</summary>
public sealed class ApiKeyServiceTests(SqliteMigratedDatabase fixture) : IClassFixture<SqliteMigratedDatabase>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthenticateAsync_SameKeyWithinItsLifetime_ReadsTheDatabaseOnce()
    {
        var store = new CountingStore(new ApiKeyStore(fixture.Database, new AuditLog(fixture.Database, _time), _time));
        var service = new ApiKeyService(store, _time);
        var key = await service.CreateAsync($"sender-{Guid.NewGuid():N}", ["usage:write"], Actor.Console(), Ct);

        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(await service.AuthenticateAsync(key.Key, Ct));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(1, store.Lookups);
        _time.Advance(ApiKeyService.ValidationLifetime);
        Assert.NotNull(await service.AuthenticateAsync(key.Key, Ct));
        Assert.Equal(2, store.Lookups);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRevokedOnThisNode_IsRefusedAtOnce()
    {
        var service = new ApiKeyService(new ApiKeyStore(fixture.Database, new AuditLog(fixture.Database, _time), _time), _time);
        var key = await service.CreateAsync($"sender-{Guid.NewGuid():N}", ["usage:write"], Actor.Console(), Ct);
        Assert.NotNull(await service.AuthenticateAsync(key.Key, Ct));

        Assert.True(await service.RevokeAsync(key.Name, Actor.Console(), Ct));

        Assert.Null(await service.AuthenticateAsync(key.Key, Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRevokedOnAnotherNode_IsRefusedOnceItsLifetimeHasPassed()
    {
        var thisNode = new ApiKeyService(new ApiKeyStore(fixture.Database, new AuditLog(fixture.Database, _time), _time), _time);
        var otherNode = new ApiKeyService(new ApiKeyStore(fixture.Database, new AuditLog(fixture.Database, _time), _time), _time);
        var key = await thisNode.CreateAsync($"sender-{Guid.NewGuid():N}", ["usage:write"], Actor.Console(), Ct);
        Assert.NotNull(await thisNode.AuthenticateAsync(key.Key, Ct));

        Assert.True(await otherNode.RevokeAsync(key.Name, Actor.Console(), Ct));

        Assert.Null(await otherNode.AuthenticateAsync(key.Key, Ct));
        _time.Advance(ApiKeyService.ValidationLifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await thisNode.AuthenticateAsync(key.Key, Ct));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await thisNode.AuthenticateAsync(key.Key, Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_IsAskedForEveryTime()
    {
        var store = new CountingStore(new ApiKeyStore(fixture.Database, new AuditLog(fixture.Database, _time), _time));
        var service = new ApiKeyService(store, _time);

        Assert.Null(await service.AuthenticateAsync("bck_abcdefgh_thisisnotakeythisisnotakeythisisnotakey", Ct));
        Assert.Null(await service.AuthenticateAsync("bck_abcdefgh_thisisnotakeythisisnotakeythisisnotakey", Ct));

        Assert.Equal(2, store.Lookups);
    }

    /// <summary>The real store, counting how often a key is looked up.</summary>
    private sealed class CountingStore(IApiKeyStore inner) : IApiKeyStore
    {
        private int _lookups;

        public int Lookups => _lookups;

        public Task<long> CreateAsync(string name, string prefix, string keyHash, IReadOnlyCollection<string> scopes, Actor actor, CancellationToken cancellationToken) =>
            inner.CreateAsync(name, prefix, keyHash, scopes, actor, cancellationToken);

        public Task<ApiKeyRecord?> FindActiveByHashAsync(string keyHash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            return inner.FindActiveByHashAsync(keyHash, cancellationToken);
        }

        public Task<bool> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken) => inner.RevokeAsync(name, actor, cancellationToken);

        public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) => inner.TouchAsync(id, at, cancellationToken);
    }
}
