using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Platform;

public sealed class StaticAssetTests(StaticAssetTests.App app) : IClassFixture<StaticAssetTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public ConsoleAppFactory Factory { get; } = new(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" });

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/assets/theme.css", "text/css", ".auth-card")]
    [InlineData("/assets/logo.svg", "image/svg+xml", "<svg")]
    [InlineData("/assets/favicon.svg", "image/svg+xml", "<svg")]
    public async Task Asset_FromWwwrootAssets_ArrivesWithItsContent(string path, string mediaType, string expected)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        var source = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets", path["/assets/".Length..]);
        Assert.Equal(File.ReadAllText(source), body);
    }

    [Fact]
    public async Task HealthEndpoints_AfterStart_AreHealthy()
    {
        using var client = app.Factory.CreateClient();

        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
