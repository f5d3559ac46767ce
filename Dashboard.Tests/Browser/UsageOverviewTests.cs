using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// An executive watches the overview while the platform sends counts: today's messages and the rate per second move
/// without a reload; the wall display shows the same figures without any navigation, and Esc leaves it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageOverviewTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Demo:BusinessCount"] = "200",
        ["Usage:Simulator:Enabled"] = "false",
    });

    private Uri _address = default!;
    private HttpClient _platform = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _address = _app.StartKestrel();
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform", ["usage:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        _platform = _app.CreateClient();
        _platform.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
    }

    public async ValueTask DisposeAsync()
    {
        _platform?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Overview_WhileThePlatformSendsCounts_ShowsThemWithoutAReload()
    {
        await using var context = await browser.NewContextAsync(_address);
        var page = await SignInAsync(context, "exec@demo.local");
        await page.GotoAsync("/usage");
        await ConsolePage.WaitForInteractiveAsync(page);
        var today = page.GetByTestId("kpi-messages-today").GetByTestId("kpi-value");
        var rate = page.GetByTestId("kpi-rate").GetByTestId("kpi-value");
        await Assertions.Expect(today).ToHaveTextAsync(new Regex(@"^\s*[\d,]+\s*$"));
        var before = long.Parse(await today.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        // 12,000 texts and 1,000 photos in the second that just ended: today grows by 13,000, and the ten-second average shows 1,300.
        await SendAsync(("text", 12_000), ("photo", 1_000));

        await Assertions.Expect(today).ToHaveTextAsync(Number(before + 13_000));
        await Assertions.Expect(rate).ToHaveTextAsync("1,300");
        await ConsolePage.ScreenshotAsync(page, "exec-usage-live");

        await SendAsync(("voice", 2_000));

        await Assertions.Expect(today).ToHaveTextAsync(Number(before + 15_000));
        await Assertions.Expect(page.GetByTestId("live-summary")).ToContainTextAsync("messages from");
        await Assertions.Expect(page.Locator("#blazor-error-ui:visible")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WallDisplay_ShowsTheFiguresAlone_AndEscLeavesIt()
    {
        await SendAsync(("text", 4_321));
        await using var context = await browser.NewContextAsync(_address);
        var page = await SignInAsync(context, "exec@demo.local");

        await page.GotoAsync("/usage?wall=1");

        await page.WaitForURLAsync(new Regex("/usage/wall$"));
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live usage", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("kpi-messages-today").GetByTestId("kpi-value")).ToHaveTextAsync(new Regex(@"^\s*[1-9][\d,]*\s*$"));
        await Assertions.Expect(page.GetByTestId("region-row")).ToHaveCountAsync(5);
        Assert.Equal(0, await page.Locator("nav, .mud-navmenu, .mud-appbar, .mud-drawer, .demo-banner").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Usage overview" }).CountAsync());
        await ConsolePage.ScreenshotAsync(page, "exec-usage-wall");

        // Esc works once the page has its keyboard handler.
        await Assertions.Expect(page.Locator("[data-keys=ready]")).ToHaveCountAsync(1);

        var log = ConsolePage.RecordLog(page);
        await page.Keyboard.PressAsync("Escape");

        await ConsolePage.WaitForUrlOrExplainAsync(page, url => url.EndsWith("/usage", StringComparison.Ordinal), "Esc leaving the wall display", log);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-appbar")).ToHaveCountAsync(1);
    }

    private async Task SendAsync(params (string Kind, long Count)[] counts)
    {
        var second = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
        var at = second.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var response = await _platform.PostAsJsonAsync("/api/v1/usage/volume", new
        {
            batchId = Guid.NewGuid(),
            samples = counts.Select(c => new { at, country = "DE", kind = c.Kind, tier = "free", count = c.Count }),
        }, Ct);
        response.EnsureSuccessStatusCode();
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
        return page;
    }
}
