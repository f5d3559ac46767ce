using System.Net;
using Dashboard.Data.Businesses;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Tiers;

/// <summary>The CSV export through the real HTTP pipeline: who may download it, and that it holds the page's figures.</summary>
public sealed class RevenueExportTests(RevenueExportTests.App app) : IClassFixture<RevenueExportTests.App>
{
    /// <summary>The console in demo mode with its clock stopped, so that the export and the page's service read the same instant.</summary>
    public sealed class App : IAsyncLifetime
    {
        private readonly ConsoleAppFactory _console = new();

        public App()
        {
            Factory = _console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
        }

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        public WebApplicationFactory<Program> Factory { get; }

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _console.DisposeAsync();
        }

        public HttpClient CreateClient() =>
            Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    private const string Header = "Month,As of (UTC),Tier,MRR EUR,Paying businesses,New,New EUR,Upgrades,Upgrades EUR,Downgrades,Downgrades EUR,Churned,Churned EUR";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_Executive_DownloadsTheCsvOfThePagesFigures()
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "exec@demo.local");

        using var response = await client.GetAsync("/revenue/export.csv?months=6", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"revenue-6-months-{app.Time.GetUtcNow():yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);

        var report = await PageReportAsync(6);
        Assert.Equal(RevenueCsv.Write(report), body);
        var lines = body.Split("\r\n");
        Assert.Equal(Header, lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(1 + (7 * (report.Tiers.Count + 1)) + 1, lines.Length);

        // The last row is all tiers now: the MRR the page shows and the programme summary agree with it.
        var now = lines[^2].Split(',');
        var summary = await app.Factory.Services.GetRequiredService<IBusinessStore>().SummaryAsync(app.Time.GetUtcNow(), Ct);
        Assert.Equal(($"{app.Time.GetUtcNow():yyyy-MM}", RevenueCsv.AllTiers), (now[0], now[2]));
        Assert.Equal(RevenueFormat.Decimal(summary.MonthlyRecurringRevenueCents), now[3]);
        Assert.Equal(summary.PayingBusinesses.ToString(System.Globalization.CultureInfo.InvariantCulture), now[4]);
        Assert.Equal(RevenueFormat.Decimal(report.MrrCents), now[3]);
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Export_OtherRevenueViewers_MayDownload(string user)
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, user);

        using var response = await client.GetAsync("/revenue/export.csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(Header + "\r\n", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("revenue-12-months-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Reviewer_IsRefused()
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "reviewer@demo.local");

        using var response = await client.GetAsync("/revenue/export.csv?months=12", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_Anonymous_GoesToTheLoginPage()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/revenue/export.csv?months=12", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", SignIn.PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnknownRange_AnswersProblemDetailsNamingMonths()
    {
        using var client = app.CreateClient();
        await SignIn.AsAsync(client, "exec@demo.local");

        using var response = await client.GetAsync("/revenue/export.csv?months=7", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"months\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>What the page shows for the executive: the report of the service it loads from, at the same instant.</summary>
    private async Task<Dashboard.Data.Tiers.RevenueReport> PageReportAsync(int months)
    {
        var services = app.Factory.Services;
        var executive = await services.GetRequiredService<IAccountStore>().FindByEmailAsync("exec@demo.local", Ct);
        var principal = AccountService.CreatePrincipal(executive!, CookieAuthenticationDefaults.AuthenticationScheme);
        return await services.GetRequiredService<RevenueService>().LoadAsync(principal, months, Ct);
    }
}
