using System.Globalization;
using Dapper;
using Dashboard.Data.Identity;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

public sealed class SmeStatusServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TierWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await TierWorld.CreateAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task ReviewAll_StoredStatusOutOfDate_IsUpdatedWithBeforeAndAfterInTheAuditLog()
    {
        var grown = await _world.BusinessAsync("free", sme: false, name: "Nordbank AG", storedStatus: "Sme");
        var inLine = await _world.BusinessAsync("free");

        var changed = await _world.SmeStatus.ReviewAllAsync(Ct);

        Assert.Equal(1, changed);
        Assert.Equal("NonSme", await StoredStatusAsync(grown));
        Assert.Equal("Sme", await StoredStatusAsync(inLine));
        var entry = Assert.Single((await _world.Audit.QueryAsync(new() { EntityType = "Business", EntityId = grown.ToString(CultureInfo.InvariantCulture), Take = 10 }, Ct)).Items);
        Assert.Equal((SmeStatusService.AuditAction, "sme-review"), (entry.Action, entry.ActorName));
        Assert.Contains("\"smeStatus\":\"Sme\"", entry.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"smeStatus\":\"NonSme\"", entry.AfterJson, StringComparison.Ordinal);
        Assert.Equal(0, await _world.SmeStatus.ReviewAllAsync(Ct));
    }

    [Fact]
    public async Task Apply_ByAccountManager_WritesTheVerdict()
    {
        var manager = await _world.UserAsync("Sofia", Roles.AccountManager);
        var id = await _world.BusinessAsync("free", sme: false, name: "Nordbank AG", storedStatus: "Sme");

        var verdict = await _world.SmeStatus.ApplyAsync(manager, id, Ct);

        Assert.False(verdict!.IsSme);
        Assert.Equal("NonSme", await StoredStatusAsync(id));
    }

    [Fact]
    public async Task Apply_ByReviewer_IsRefusedAndChangesNothing()
    {
        var reviewer = await _world.UserAsync("Lena", Roles.Reviewer);
        var id = await _world.BusinessAsync("free", sme: false, name: "Nordbank AG", storedStatus: "Sme");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _world.SmeStatus.ApplyAsync(reviewer, id, Ct));

        Assert.Equal("Sme", await StoredStatusAsync(id));
    }

    private async Task<string> StoredStatusAsync(long id)
    {
        await using var connection = await _world.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<string>("SELECT SmeStatus FROM Businesses WHERE Id = @Id;", new { Id = id }) ?? "";
    }
}
