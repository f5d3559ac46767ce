using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Platform;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" });

    public async ValueTask InitializeAsync()
    {
        // Starting the host applies the migrations the command line then shares.
        using var client = _app.CreateClient();
        await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Me_WithoutKey_Answers401ProblemDetails()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithWrongKey_Answers401()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "bck_abcdefgh_thisisnotakeythisisnotakeythisisnotakey");

        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithKeyFromCommandLine_AnswersNameAndScopes_AndKeyRevokedOnTheNodeAnswers401AtOnce()
    {
        var key = await CreateKeyAsync("billing-service", "usage:read,entitlements:read");
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var me = await client.GetFromJsonAsync<ApiEndpoints.MeResponse>("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal("billing-service", me!.Name);
        Assert.Equal(["entitlements:read", "usage:read"], me.Scopes);

        // As the administration page revokes it: the node that has just accepted the key refuses it from now on.
        Assert.True(await _app.Services.GetRequiredService<ApiKeyService>().RevokeAsync("billing-service", Actor.Console(), TestContext.Current.CancellationToken));
        using var afterRevoke = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task ApiKeyRevoke_FromCommandLine_KeyAnswers401()
    {
        var key = await CreateKeyAsync("reporting-service", "usage:read");

        Assert.Equal(0, await RunCliAsync(["apikey", "revoke", "--name", "reporting-service"]));

        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiKeyCreate_UnknownScope_FailsAndStoresNothing()
    {
        var error = new StringWriter();
        var code = await OperatorCommands.RunAsync(["apikey", "create", "--name", "x", "--scopes", "usage:read,everything"], new StringWriter(), error, Settings);

        Assert.NotEqual(0, code);
        Assert.Contains("everything", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await RunCliAsync(["apikey", "create", "--name", "x", "--scopes", "usage:read"]));
    }

    [Fact]
    public async Task UsersAdd_PrintsPasswordThatSignsIn()
    {
        var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(["users", "add", "--email", "ops@example.com", "--role", "Executive"], output, new StringWriter(), Settings);
        var password = output.ToString().TrimEnd().Split('\n')[^1].Trim();

        Assert.Equal(0, code);
        using var client = _app.CreateNonRedirectingClient();
        await SignIn.AsAsync(client, "ops@example.com", password);
        using var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal("/usage", SignIn.PathOf(home.Headers.Location!));
    }

    private IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:" + DataServiceCollectionExtensions.ConnectionStringName, $"Data Source={_app.DatabasePath}"),
        new("Database:Provider", "Sqlite"),
    ];

    private async Task<string> CreateKeyAsync(string name, string scopes)
    {
        var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(["apikey", "create", "--name", name, "--scopes", scopes], output, new StringWriter(), Settings);
        Assert.Equal(0, code);
        var key = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith(ApiKeyService.KeyPrefix, key, StringComparison.Ordinal);
        return key;
    }

    private Task<int> RunCliAsync(string[] args) => OperatorCommands.RunAsync(args, new StringWriter(), new StringWriter(), Settings);
}
