using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tiers;

/// <summary>GET /api/v1/businesses/{id}/entitlements through the real HTTP pipeline, over demo data.</summary>
public sealed class EntitlementsApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "200" });
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("sender", ["entitlements:read"], Dashboard.Data.Audit.Actor.Console(), Ct);
        _client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Get_BusinessOnBusinessTier_AnswersTierLimitsFeaturesAndETag_And304WhenUnchanged()
    {
        var id = await BusinessOnTierAsync("business");

        using var response = await _client.GetAsync($"/api/v1/businesses/{id}/entitlements", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("business", body.GetProperty("tier").GetString());
        Assert.Equal(10_000, body.GetProperty("limits").GetProperty("conversationsPer24h").GetInt32());
        Assert.True(body.GetProperty("features").GetProperty("apiAccess").GetBoolean());
        Assert.False(body.GetProperty("overridden").GetBoolean());
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/businesses/{id}/entitlements");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Get_ApprovedOverride_IsAppliedAndChangesTheETag_PendingOverrideIsNot()
    {
        var id = await BusinessOnTierAsync("business");
        using var before = await _client.GetAsync($"/api/v1/businesses/{id}/entitlements", Ct);
        var changes = _app.Services.GetRequiredService<TierChangeService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // 25,000 conversations is above the Business tier's 10,000, so the change waits for a second person.
        var submitted = await changes.SubmitAsync(await PrincipalAsync("manager@demo.local"), new TierChangeRequest
        {
            BusinessId = id, TierCode = "business", ConversationsOverride = 25_000, OverridesEndOn = today.AddMonths(3), Reason = "Seasonal campaign",
        }, Ct);
        var pending = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/entitlements", Ct);
        await changes.ApproveAsync(await PrincipalAsync("admin@demo.local"), submitted.SubscriptionId, 1, null, Ct);
        using var after = await _client.GetAsync($"/api/v1/businesses/{id}/entitlements", Ct);
        var approved = await after.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(SubscriptionStatus.PendingApproval, submitted.Status);
        Assert.Equal(10_000, pending.GetProperty("limits").GetProperty("conversationsPer24h").GetInt32());
        Assert.Equal(25_000, approved.GetProperty("limits").GetProperty("conversationsPer24h").GetInt32());
        Assert.True(approved.GetProperty("overridden").GetBoolean());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task Get_BusinessCreatedByIntake_IsOnTheFreeTier()
    {
        var intake = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("intake", ["verification:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", intake.Key);
        using var applied = await client.PostAsJsonAsync("/api/v1/verification-requests", new
        {
            business = new
            {
                externalId = "ent-new-1", legalName = "Brauhaus Sonne GmbH", displayName = "Brauhaus Sonne", category = "OnlineRetailer", country = "DE",
                phoneNumber = "+498912345678", website = "https://www.brauhaus-sonne.de", email = "info@brauhaus-sonne.de", registrationNumber = "HRB 654321",
                employees = 12, annualTurnoverEur = 900_000,
            },
            documents = new[] { new { kind = "CommercialRegisterExtract", fileName = "hr.pdf", sha256 = new string('b', 64), sizeBytes = 120_000 } },
        }, Ct);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync(Ct));
        var businessId = (await applied.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("businessId").GetInt64();

        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{businessId}/entitlements", Ct);

        Assert.Equal("free", body.GetProperty("tier").GetString());
        Assert.Equal(1_000, body.GetProperty("limits").GetProperty("conversationsPer24h").GetInt32());
    }

    [Fact]
    public async Task Get_ScheduledChangeWhoseDateHasCome_IsInForce()
    {
        var id = await BusinessOnTierAsync("business");
        var now = DateTimeOffset.UtcNow;
        await ExecuteAsync("UPDATE Subscriptions SET EffectiveTo = @At WHERE BusinessId = @Id AND Status = 'Active'", id, now.AddMinutes(-1));
        await ExecuteAsync("""
            INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, Status, EnteredAt, ApprovalStatus, Reason)
            SELECT @Id, tv.Id, @At, 'Scheduled', @At, 'NotRequired', 'Upgrade'
            FROM TierVersions tv JOIN Tiers t ON t.Id = tv.TierId WHERE t.Code = 'enterprise'
            """, id, now.AddMinutes(-1));

        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/entitlements", Ct);

        Assert.Equal("enterprise", body.GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("limits").GetProperty("conversationsPer24h").ValueKind);
    }

    [Fact]
    public async Task Get_UnknownBusiness_Answers404ProblemDetails()
    {
        using var response = await _client.GetAsync("/api/v1/businesses/987654321/entitlements", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("987654321", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_KeyWithoutScope_Answers403()
    {
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("writer", ["usage:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);

        using var response = await client.GetAsync($"/api/v1/businesses/{await BusinessOnTierAsync("free")}/entitlements", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<long> BusinessOnTierAsync(string tier)
    {
        await using var connection = await Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>("""
            SELECT s.BusinessId FROM Subscriptions s
            JOIN TierVersions tv ON tv.Id = s.TierVersionId JOIN Tiers t ON t.Id = tv.TierId
            WHERE s.Status = 'Active' AND s.EffectiveTo IS NULL AND t.Code = @Tier AND s.ConversationsOverride IS NULL
              AND NOT EXISTS (SELECT 1 FROM Subscriptions o WHERE o.BusinessId = s.BusinessId AND o.Id <> s.Id AND o.Status <> 'Ended')
            ORDER BY s.BusinessId LIMIT 1
            """, new { Tier = tier });
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string email) =>
        AccountService.CreatePrincipal((await _app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(email, Ct))!, "Cookies");

    private async Task ExecuteAsync(string sql, long id, DateTimeOffset? at = null)
    {
        await using var connection = await Database.OpenAsync(Ct);
        await connection.ExecuteAsync(sql, new { Id = id, At = at });
    }

    private Database Database => _app.Services.GetRequiredService<Database>();
}
