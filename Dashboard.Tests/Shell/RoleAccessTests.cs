using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Shell;

/// <summary>Each role reaches its pages and is refused the others, through the real HTTP pipeline.</summary>
public sealed class RoleAccessTests(RoleAccessTests.App app) : IClassFixture<RoleAccessTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public ConsoleAppFactory Factory { get; } = new();

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    // Who may open what, written out independently of the navigation table.
    private static readonly Dictionary<string, string[]> s_allowed = new()
    {
        ["reviewer@demo.local"] = ["/verification", "/verification/stats", "/verification/1", "/audit"],
        ["senior@demo.local"] = ["/verification", "/verification/stats", "/verification/1", "/audit"],
        ["manager@demo.local"] = ["/businesses", "/businesses/1", "/approvals", "/tiers", "/revenue", "/audit"],
        ["exec@demo.local"] = ["/usage", "/usage/wall", "/usage/history", "/tiers", "/revenue", "/audit"],
        ["admin@demo.local"] = ["/businesses", "/businesses/1", "/approvals", "/tiers", "/usage", "/usage/wall", "/usage/history", "/revenue", "/admin", "/audit"],
    };

    private static readonly string[] s_pages = ["/verification", "/verification/stats", "/verification/1", "/businesses", "/businesses/1", "/approvals", "/tiers", "/usage", "/usage/wall", "/usage/history", "/revenue", "/admin", "/audit"];

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (user, allowed) in s_allowed)
        {
            foreach (var page in s_pages)
            {
                data.Add(user, page, allowed.Contains(page));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_ForRole_IsServedOnlyWhenAllowed(string user, string page, bool allowed)
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await SignIn.AsAsync(client, user);

        using var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/access-denied", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/verification")]
    [InlineData("/verification/stats")]
    [InlineData("/businesses")]
    [InlineData("/businesses/1")]
    [InlineData("/approvals")]
    [InlineData("/tiers")]
    [InlineData("/verification/1")]
    [InlineData("/usage")]
    [InlineData("/usage/history")]
    [InlineData("/usage/wall")]
    [InlineData("/usage?wall=1")]
    [InlineData("/revenue")]
    [InlineData("/admin")]
    [InlineData("/audit")]
    public async Task Page_Anonymous_RedirectsToLogin(string page)
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exec@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task WallQuery_ForUsageViewer_OpensTheWallDisplay(string user)
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await SignIn.AsAsync(client, user);

        using var response = await client.GetAsync("/usage?wall=1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/usage/wall", SignIn.PathOf(response.Headers.Location!));
    }

    [Theory]
    [InlineData("reviewer@demo.local")]
    [InlineData("manager@demo.local")]
    public async Task WallQuery_ForOtherRoles_IsRefused(string user)
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await SignIn.AsAsync(client, user);

        using var response = await client.GetAsync("/usage?wall=1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }
}
