using System.Net;
using Dashboard.Data.Identity;
using Dashboard.Data.Usage;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>The usage history's CSV export through the real HTTP pipeline: who may download it, and that it holds what the page shows.</summary>
public sealed class HistoryExportTests(HistoryExportTests.App app) : IClassFixture<HistoryExportTests.App>
{
    /// <summary>
    /// The console in demo mode without demo businesses or traffic, its clock stopped at 09:17 today, with one crafted
    /// hour (and so day) of usage on each of the last 70 days.
    /// </summary>
    public sealed class App : IAsyncLifetime
    {
        private readonly ConsoleAppFactory _console = new(new Dictionary<string, string?>
        {
            ["Demo:BusinessCount"] = "0",
            ["Usage:Simulator:Enabled"] = "false",
            ["Usage:FlushInterval"] = "00:05:00",
        });

        public App()
        {
            Factory = _console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddHours(9).AddMinutes(17));

        public WebApplicationFactory<Program> Factory { get; }

        public DateTimeOffset Today => new(Time.GetUtcNow().Date, TimeSpan.Zero);

        public async ValueTask InitializeAsync()
        {
            var cells = new List<UsageCell>();
            for (var day = 1; day <= 70; day++)
            {
                var at = Today.AddDays(-day).AddHours(day % 24).ToUnixTimeSeconds();
                cells.Add(new UsageCell(at, day % 3 == 0 ? "US" : "DE", UsageKinds.All[day % 5], day % 2 == 0 ? "business" : "free", 1_000_000L * day));
            }

            await Factory.Services.GetRequiredService<IUsageStore>().AddToRollupsAsync(UsageGranularity.Hour, cells, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _console.DisposeAsync();
        }

        public HttpClient CreateClient() =>
            Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("range=30d&split=kind&compare=both")]
    [InlineData("range=7d&split=region&compare=previous")]
    [InlineData("range=custom&from={-40}&to={-1}&split=tier&compare=year")]
    [InlineData("range=24h&split=none&compare=both")]
    public async Task Export_Executive_DownloadsWhatThePageServiceComputes(string query)
    {
        query = query.Replace("{-40}", Day(-40), StringComparison.Ordinal).Replace("{-1}", Day(-1), StringComparison.Ordinal);
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "exec@demo.local");

        using var response = await client.GetAsync(HistoryExportEndpoint.Path + "?" + query, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(response.Headers.CacheControl?.NoStore);

        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        var view = HistoryView.Parse(parameters["range"], parameters["from"], parameters["to"], parameters["split"], parameters["compare"]);
        var report = await PageReportAsync(view);
        Assert.Equal(HistoryCsv.Write(report), body);
        Assert.Equal(HistoryCsv.FileName(report), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("Row,Series,From (UTC),To (UTC),Messages,Change %\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_30DaysByKind_TotalsEqualTheRollupsOfThoseDays()
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "exec@demo.local");

        var body = await client.GetStringAsync(HistoryExportEndpoint.Path + "?range=30d&split=kind&compare=both", Ct);

        // Days 1 to 30 before today carry 1 to 30 million messages.
        var expected = Enumerable.Range(1, 30).Sum(d => 1_000_000L * d);
        var previous = Enumerable.Range(31, 30).Sum(d => 1_000_000L * d);
        var lines = body.Split("\r\n");
        var from = Today(-30);
        var to = Today(0);
        Assert.Contains($"total,All messages,{from},{to},{expected},", lines);
        Assert.Contains(lines, l => l.StartsWith($"previous period,All messages,{Today(-60)},{from},{previous},", StringComparison.Ordinal));
        Assert.Equal(5 * 30, lines.Count(l => l.StartsWith("point,", StringComparison.Ordinal)));
        Assert.Equal(expected, lines.Where(l => l.StartsWith("point,", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Export_Admin_MayDownload()
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "admin@demo.local");

        using var response = await client.GetAsync(HistoryExportEndpoint.Path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("usage-history-7d-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reviewer@demo.local")]
    [InlineData("manager@demo.local")]
    public async Task Export_OtherRoles_AreRefused(string user)
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, user);

        using var response = await client.GetAsync(HistoryExportEndpoint.Path + "?range=30d", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_Anonymous_GoesToTheLoginPage()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(HistoryExportEndpoint.Path + "?range=30d", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("range=3d", "range")]
    [InlineData("range=7d&split=country", "split")]
    [InlineData("range=custom&from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("range=custom&from={-1}&to={-5}", "to")]
    [InlineData("range=custom&to={-5}", "from")]
    public async Task Export_BadView_AnswersProblemDetailsNamingTheParameter(string query, string parameter)
    {
        query = query.Replace("{-1}", Day(-1), StringComparison.Ordinal).Replace("{-5}", Day(-5), StringComparison.Ordinal);
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "exec@demo.local");

        using var response = await client.GetAsync(HistoryExportEndpoint.Path + "?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private string Day(int offset) => DateOnly.FromDateTime(app.Today.AddDays(offset).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Today(int offset) => HistoryFormat.CsvInstant(app.Today.AddDays(offset));

    /// <summary>What the page shows the executive: the report of the service it loads from, at the same instant.</summary>
    private async Task<HistoryReport> PageReportAsync(HistoryView view)
    {
        var services = app.Factory.Services;
        var executive = await services.GetRequiredService<IAccountStore>().FindByEmailAsync("exec@demo.local", Ct);
        var principal = AccountService.CreatePrincipal(executive!, CookieAuthenticationDefaults.AuthenticationScheme);
        return await services.GetRequiredService<UsageHistoryService>().LoadAsync(principal, view, Ct);
    }
}
