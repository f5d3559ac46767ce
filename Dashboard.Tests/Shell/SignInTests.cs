using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Shell;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Root_Anonymous_RedirectsToLogin()
    {
        using var client = _app.CreateNonRedirectingClient();

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reviewer@demo.local", "/verification")]
    [InlineData("senior@demo.local", "/verification")]
    [InlineData("manager@demo.local", "/businesses")]
    [InlineData("exec@demo.local", "/usage")]
    [InlineData("admin@demo.local", "/admin")]
    public async Task LoginForm_DemoUser_SignsInAndHomeLeadsToRolePage(string email, string home)
    {
        using var client = _app.CreateNonRedirectingClient();

        await SignIn.AsAsync(client, email);
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, SignIn.PathOf(response.Headers.Location!));
    }

    [Fact]
    public async Task LoginForm_WrongPassword_IsRefusedWithMessage()
    {
        using var client = _app.CreateNonRedirectingClient();

        using var response = await SignIn.PostLoginAsync(client, "reviewer@demo.local", "not-the-password");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right", body, StringComparison.Ordinal);
        using var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.StartsWith("/login", SignIn.PathOf(home.Headers.Location!), StringComparison.Ordinal);
    }
}
