using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>
/// A real SignalR client through the real host on a loopback port: it receives the ticks that carry what it just
/// posted, and is refused without the rights. No other traffic reaches this console.
/// </summary>
public sealed class UsageHubTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" });
    private Uri _address = null!;
    private string _readKey = "";
    private string _writeKey = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _address = _app.StartKestrel();
        var keys = _app.Services.GetRequiredService<ApiKeyService>();
        _readKey = (await keys.CreateAsync("wall-display", ["usage:read"], Actor.Console(), Ct)).Key;
        _writeKey = (await keys.CreateAsync("platform", ["usage:write"], Actor.Console(), Ct)).Key;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Hub_KeyWithUsageRead_ReceivesTheTickCarryingTheCountsJustPosted()
    {
        var ticks = new ConcurrentQueue<VolumeTick>();
        await using var connection = Connect(o => o.Headers["X-Api-Key"] = _readKey);
        connection.On<VolumeTick>(nameof(IUsageClient.VolumeTick), ticks.Enqueue);
        await connection.StartAsync(Ct);

        // Two seconds ahead: that second's tick is certainly still to come when the batch is acknowledged.
        var second = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        await PostAsync(second, ("DE", "photo", 7_000_000), ("DE", "text", 700_000), ("JP", "text", 77_000));

        var tick = await WaitForAsync(() => ticks.FirstOrDefault(t => t.At == second));
        Assert.Equal(7_777_000, tick.Total);
        Assert.Equal(7_000_000, tick.ByKind["photo"]);
        Assert.Equal(777_000, tick.ByKind["text"]);
        Assert.Equal(7_700_000, tick.ByRegion["Europe"]);
        Assert.Equal(77_000, tick.ByRegion["Asia-Pacific"]);
        Assert.Equal(0, tick.ByRegion["North America"]);
        Assert.Equal(tick.Total, _app.Services.GetRequiredService<UsageWindow>().Tick(second).Total);
    }

    [Fact]
    public async Task Hub_AccessTokenInQuery_JoinRegion_ReceivesThatRegionsTicksOnly()
    {
        var regionTicks = new ConcurrentQueue<RegionTick>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_address, UsageHub.Path + "?access_token=" + Uri.EscapeDataString(_readKey)))
            .Build();
        connection.On<RegionTick>(nameof(IUsageClient.RegionTick), regionTicks.Enqueue);
        await connection.StartAsync(Ct);
        await connection.InvokeAsync(nameof(UsageHub.JoinRegion), "latin america", Ct);

        var second = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        await PostAsync(second, ("BR", "voice", 4_321), ("MX", "text", 1_000), ("FR", "text", 99));

        var tick = await WaitForAsync(() => regionTicks.FirstOrDefault(t => t.At == second));
        Assert.Equal("Latin America", tick.Region);
        Assert.Equal(5_321, tick.Total);
        Assert.Equal(4_321, tick.ByKind["voice"]);
        Assert.All(regionTicks, t => Assert.Equal("Latin America", t.Region));
    }

    [Fact]
    public async Task Hub_JoinUnknownRegion_IsRefusedWithTheRegions()
    {
        await using var connection = Connect(o => o.Headers["X-Api-Key"] = _readKey);
        await connection.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(UsageHub.JoinRegion), "Atlantis", Ct));

        Assert.Contains("Europe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_SignedInExecutive_Connects()
    {
        var cookies = await SignInAsync("exec@demo.local");
        var ticks = new ConcurrentQueue<VolumeTick>();
        await using var connection = Connect(o => o.Cookies = cookies);
        connection.On<VolumeTick>(nameof(IUsageClient.VolumeTick), ticks.Enqueue);

        await connection.StartAsync(Ct);
        await connection.InvokeAsync(nameof(UsageHub.JoinRegion), "Europe", Ct);

        Assert.Equal(HubConnectionState.Connected, connection.State);
        await WaitForAsync(() => ticks.FirstOrDefault());
    }

    [Fact]
    public async Task Hub_KeyRevokedWhileConnected_LosesItsConnectionAtTheNextCheck_OthersKeepTheirs()
    {
        var keys = _app.Services.GetRequiredService<ApiKeyService>();
        var lobbyKey = (await keys.CreateAsync("lobby-screen", ["usage:read"], Actor.Console(), Ct)).Key;
        var cookies = await SignInAsync("exec@demo.local");
        await using var lobby = Connect(o => o.Headers["X-Api-Key"] = lobbyKey);
        await using var wall = Connect(o => o.Headers["X-Api-Key"] = _readKey);
        await using var executive = Connect(o => o.Cookies = cookies);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lobby.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var ticks = new ConcurrentQueue<VolumeTick>();
        wall.On<VolumeTick>(nameof(IUsageClient.VolumeTick), ticks.Enqueue);
        foreach (var connection in new[] { lobby, wall, executive })
        {
            await connection.StartAsync(Ct);
        }

        var revalidation = _app.Services.GetRequiredService<UsageHubRevalidation>();
        Assert.Equal(0, await revalidation.RevalidateAsync(Ct));

        Assert.True(await keys.RevokeAsync("lobby-screen", Actor.Console(), Ct));
        Assert.Equal(1, await revalidation.RevalidateAsync(Ct));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(HubConnectionState.Connected, wall.State);
        Assert.Equal(HubConnectionState.Connected, executive.State);
        var after = DateTimeOffset.UtcNow;
        await WaitForAsync(() => ticks.FirstOrDefault(t => t.At > after));

        // Connecting again with the revoked key is refused.
        await using var again = Connect(o => o.Headers["X-Api-Key"] = lobbyKey);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("reviewer", HttpStatusCode.Forbidden)]
    [InlineData("manager", HttpStatusCode.Forbidden)]
    [InlineData("key without usage:read", HttpStatusCode.Forbidden)]
    [InlineData("unknown key", HttpStatusCode.Unauthorized)]
    public async Task Hub_WithoutTheRights_IsRefusedAtNegotiate(string who, HttpStatusCode status)
    {
        var cookies = who switch
        {
            "reviewer" => await SignInAsync("reviewer@demo.local"),
            "manager" => await SignInAsync("manager@demo.local"),
            _ => new CookieContainer(),
        };
        await using var connection = Connect(o =>
        {
            o.Cookies = cookies;
            if (who == "key without usage:read")
            {
                o.Headers["X-Api-Key"] = _writeKey;
            }
            else if (who == "unknown key")
            {
                o.Headers["X-Api-Key"] = "bck_notakey_0000000000000000000000000000000000000000";
            }
        });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));

        Assert.Equal(status, error.StatusCode);
    }

    private HubConnection Connect(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure) =>
        new HubConnectionBuilder().WithUrl(new Uri(_address, UsageHub.Path), configure).Build();

    private async Task PostAsync(DateTimeOffset second, params (string Country, string Kind, long Count)[] samples)
    {
        using var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Add("X-Api-Key", _writeKey);
        using var response = await UsageApp.PostAsync(client, Guid.NewGuid(), samples.Select(s => JsonSample.Of(second, s.Country, s.Kind, "free", s.Count)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(samples.Length, (await response.Content.ReadFromJsonAsync<UsageEndpoints.IngestResponse>(Ct))!.Accepted);
    }

    private async Task<CookieContainer> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _address };
        await SignIn.AsAsync(client, email);
        return cookies;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(25, timeout.Token);
        }
    }
}
