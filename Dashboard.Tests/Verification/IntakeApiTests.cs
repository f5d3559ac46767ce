using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dashboard.Data;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Verification;

/// <summary>POST /api/v1/verification-requests through the real HTTP pipeline, on a fresh SQLite file.</summary>
public sealed class IntakeApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" });
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform", ["verification:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        _client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static object Application(string externalId = "biz-4711", string country = "DE", string phone = "+49891234567", string category = "OnlineRetailer", object[]? documents = null) => new
    {
        business = new
        {
            externalId,
            legalName = "Nordlicht Versand GmbH",
            displayName = "Nordlicht Versand",
            category,
            country,
            phoneNumber = phone,
            website = "https://www.nordlicht-versand.de",
            email = "service@nordlicht-versand.de",
            registrationNumber = "HRB 204711",
            employees = 85,
            annualTurnoverEur = 14_000_000,
        },
        documents = documents ?? [new { kind = "CommercialRegisterExtract", fileName = "hrb.pdf", sha256 = new string('c', 64), sizeBytes = 240_000 }],
    };

    [Fact]
    public async Task Submit_ValidApplication_Answers201AndStoresBusinessRequestAndDocuments()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/verification-requests", Application(), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        var requestId = body.GetProperty("requestId").GetInt64();
        await using var connection = await Database.OpenAsync(Ct);
        Assert.Equal("Nordlicht Versand GmbH", await connection.ExecuteScalarAsync<string>("SELECT LegalName FROM Businesses WHERE ExternalId = 'biz-4711'"));
        Assert.Equal("nordlicht-versand.de", await connection.ExecuteScalarAsync<string>("SELECT EmailDomain FROM Businesses WHERE ExternalId = 'biz-4711'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationDocuments WHERE RequestId = @Id", new { Id = requestId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'RequestSubmitted' AND ActorName = 'platform'"));
    }

    [Fact]
    public async Task Submit_InvalidFields_Answers400NamingEachFieldAndStoresNothing()
    {
        var bad = Application(country: "Germany", phone: "0891234567", category: "Spaceline",
            documents: [new { kind = "Extract", fileName = "a.pdf", sha256 = "not-a-hash", sizeBytes = 0 }]);

        using var response = await _client.PostAsJsonAsync("/api/v1/verification-requests", bad, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(["business.category", "business.country", "business.phoneNumber", "documents[0].sha256", "documents[0].sizeBytes"], fields.Order());
        await using var connection = await Database.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Businesses"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationRequests"));
    }

    [Fact]
    public async Task Submit_MissingBody_Answers400()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/verification-requests", new { documents = Array.Empty<object>() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("business", out _));
    }

    [Fact]
    public async Task Submit_SameBusinessWhileOpen_Answers409AndKeepsOneRequest()
    {
        using var first = await _client.PostAsJsonAsync("/api/v1/verification-requests", Application(externalId: "biz-twice"), Ct);
        using var second = await _client.PostAsJsonAsync("/api/v1/verification-requests", Application(externalId: "biz-twice"), Ct);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already Pending", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var connection = await Database.OpenAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationRequests"));
    }

    [Fact]
    public async Task Submit_KeyWithoutScope_Answers403()
    {
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("reader", ["usage:read"], Dashboard.Data.Audit.Actor.Console(), Ct);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);

        using var response = await client.PostAsJsonAsync("/api/v1/verification-requests", Application(), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("verification:write", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_LookAlikeOfProtectedBrand_IsStoredWithHighRisk()
    {
        var application = new
        {
            business = new
            {
                externalId = "biz-lh",
                legalName = "Lufthamsa Service GmbH",
                displayName = "Lufthamsa",
                category = "Airline",
                country = "DE",
                phoneNumber = "+4969123456",
                email = "info@gmail.com",
            },
            documents = Array.Empty<object>(),
        };

        using var response = await _client.PostAsJsonAsync("/api/v1/verification-requests", application, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var connection = await Database.OpenAsync(Ct);
        Assert.Equal("High", await connection.ExecuteScalarAsync<string>("SELECT RiskBand FROM VerificationRequests"));
    }

    private Database Database => _app.Services.GetRequiredService<Database>();
}
