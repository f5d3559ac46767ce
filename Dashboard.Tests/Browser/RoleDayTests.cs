using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// A working day of each role in real Chromium against the real host: its main job from start to end, and what it
/// may not reach — no navigation entry, the access-denied page on the direct address, and a refused call.
/// The account manager's day is <see cref="TierChangeFlowTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleDayTests(BrowserFixture browser) : ConsoleInBrowserTest(new Dictionary<string, string?>
{
    ["Demo:BusinessCount"] = "0",
    ["Usage:Simulator:Enabled"] = "false",
})
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reviewer_DecidesThreeRequestsByKeyboard_AndCannotReachOtherParts()
    {
        var ids = new[]
        {
            await ApplyAsync("biz-baecker", "Bäckerei Korn", "Restaurant"),
            await ApplyAsync("biz-blumen", "Blumen Jansen", "LocalShop"),
            await ApplyAsync("biz-rad", "Radhaus Nord", "LocalShop"),
        };
        await using var context = await browser.NewContextAsync(Address);
        var page = await ConsolePage.SignInAsync(context, "reviewer@demo.local");
        var log = ConsolePage.RecordLog(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/verification$"));
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("tr.queue-row")).ToHaveCountAsync(3);

        await page.Locator("tr.queue-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/verification/\d+$"));
        await ShortcutsReadyAsync(page);

        // ? shows the shortcuts; Esc closes the help again.
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Next request");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var decided = new Dictionary<long, string>();
        var decisions = new (string Key, string Note, string Status)[]
        {
            ("a", "Register extract and website match.", "Approved"),
            ("i", "Please send a current register extract; the one sent is older than three months.", "Needs info"),
            ("e", "The owner also runs a payments business; a senior reviewer should look.", "Escalated"),
        };
        foreach (var (key, note, status) in decisions)
        {
            var id = long.Parse(Regex.Match(page.Url, @"/verification/(\d+)$").Groups[1].Value, CultureInfo.InvariantCulture);
            await Assertions.Expect(page.GetByTestId("claim-note")).ToContainTextAsync("You hold this request");
            await page.Keyboard.PressAsync(key);
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            // The dialog takes the focus once it is drawn; from there Tab reaches the note.
            await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null");
            await TabToAsync(page, "decision-text", unlessFocused: true);
            await page.Keyboard.TypeAsync(note);
            await Assertions.Expect(page.Locator("textarea[data-testid=decision-text], [data-testid=decision-text] textarea")).ToHaveValueAsync(note);
            await TabToAsync(page, "decision-confirm");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync(status, new() { Timeout = 15_000 });
            decided[id] = status;

            // Shortcuts rest while a dialog is on the page, also while it fades out.
            await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("n");
            if (decided.Count < 3)
            {
                await ConsolePage.WaitForUrlOrExplainAsync(page,
                    url => Regex.Match(url, @"/verification/(\d+)$") is { Success: true } m && !decided.ContainsKey(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
                    "n opening the next request", log);
                await ShortcutsReadyAsync(page);
            }
        }

        // Nothing waits any more: n goes back to the queue, which shows each request with its new state.
        await ConsolePage.WaitForUrlOrExplainAsync(page, url => url.EndsWith("/verification", StringComparison.Ordinal), "n going back to the queue", log);
        Assert.Equal(ids.Order(), decided.Keys.Order());
        await Assertions.Expect(page.GetByText("No request is waiting for you.")).ToBeVisibleAsync();

        await ConsolePage.AssertNotReachableAsync(page, ["Businesses", "Usage overview", "Revenue", "Administration"], ["/businesses", "/usage", "/admin"]);
        await ConsolePage.AssertRefusedAsync(page, "/usage/history/export.csv?range=7d");
        await ConsolePage.AssertRefusedAsync(page, "/hubs/usage/negotiate?negotiateVersion=1", post: true);
    }

    [Fact]
    public async Task SeniorReviewer_GivesTheSecondApprovalAndRevokesAMarker_AndCannotReachAccounts()
    {
        var requestId = await ApplyAsync("biz-bank", "Nordsee Sparkasse", "Bank");
        await using var reviewerContext = await browser.NewContextAsync(Address);
        var reviewer = await ConsolePage.SignInAsync(reviewerContext, "reviewer@demo.local");
        await reviewer.GotoAsync($"/verification/{requestId}");
        await ShortcutsReadyAsync(reviewer);
        await reviewer.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Dialog)).ToContainTextAsync("need two approvals");
        await reviewer.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("request-status")).ToHaveTextAsync("Awaiting 2nd approval");

        await using var context = await browser.NewContextAsync(Address);
        var senior = await ConsolePage.SignInAsync(context, "senior@demo.local");
        await senior.GotoAsync("/verification");
        await ConsolePage.WaitForInteractiveAsync(senior);
        var row = senior.Locator("tr.queue-row", new() { HasText = "Nordsee Sparkasse" });
        await Assertions.Expect(row).ToContainTextAsync("Awaiting 2nd approval");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await senior.WaitForURLAsync(new Regex($"/verification/{requestId}$"));
        await ShortcutsReadyAsync(senior);

        await senior.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(senior.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Lena Weber approved this request");
        await senior.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(senior.GetByTestId("request-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(senior.GetByTestId("verified-marker")).ToBeVisibleAsync();

        await senior.GetByTestId("revoke").ClickAsync();
        var dialog = senior.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("loses the verified marker");
        await dialog.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Reason is required");
        await dialog.Locator("textarea").First.FillAsync("The bank's licence was withdrawn by the regulator.");
        await dialog.GetByTestId("decision-confirm").ClickAsync();

        await Assertions.Expect(senior.GetByTestId("verified-marker")).ToHaveCountAsync(0);
        await Assertions.Expect(senior.GetByTestId("revoke")).ToHaveCountAsync(0);
        await Assertions.Expect(senior.GetByTestId("history")).ToContainTextAsync("licence was withdrawn");
        await ConsolePage.AssertNotReachableAsync(senior, ["Businesses", "Approvals", "Administration"], ["/businesses", "/approvals", "/admin"]);
        await ConsolePage.AssertRefusedAsync(senior, "/revenue/export.csv");
    }

    [Fact]
    public async Task Executive_WatchesTheOverviewMoveAndExportsHistory_AndCannotReachReviews()
    {
        var key = await App.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform", ["usage:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        using var platform = App.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        await using var context = await browser.NewContextAsync(Address);
        var page = await ConsolePage.SignInAsync(context, "exec@demo.local");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/usage$"));
        await ConsolePage.WaitForInteractiveAsync(page);
        var today = page.GetByTestId("kpi-messages-today").GetByTestId("kpi-value");
        await Assertions.Expect(today).ToHaveTextAsync(new Regex(@"^\s*[\d,]+\s*$"));
        var before = long.Parse(await today.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        await SendAsync(platform, ("text", 40_000), ("photo", 2_000));
        await Assertions.Expect(today).ToHaveTextAsync((before + 42_000).ToString("N0", CultureInfo.InvariantCulture));
        await SendAsync(platform, ("voice", 8_000));
        await Assertions.Expect(today).ToHaveTextAsync((before + 50_000).ToString("N0", CultureInfo.InvariantCulture));

        // A late batch for yesterday noon lands in the 7-day history; its export carries the hour once the writer has flushed.
        var noon = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(12), TimeSpan.Zero);
        await SendAsync(platform, noon, ("text", 30_000), ("photo", 3_000));
        var hour = string.Create(CultureInfo.InvariantCulture, $"point,All messages,{noon:yyyy-MM-dd'T'HH:mm:ss'Z'},{noon.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'Z'},");
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage history" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/usage/history"));
        await ConsolePage.WaitForInteractiveAsync(page);
        var lines = Array.Empty<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            if (lines.Length > 0)
            {
                await page.WaitForTimeoutAsync(1_000);
            }

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("history-export").ClickAsync());
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            lines = (await File.ReadAllTextAsync(await download.PathAsync(), Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        while (!lines.Contains(hour + "33000,") && DateTime.UtcNow < deadline);

        Assert.Equal("Row,Series,From (UTC),To (UTC),Messages,Change %", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(hour + "33000,", lines);
        Assert.Single(lines, line => line.StartsWith("total,All messages,", StringComparison.Ordinal));

        await ConsolePage.AssertNotReachableAsync(page, ["Verification queue", "Businesses", "Administration"], ["/verification", "/businesses", "/admin"]);

        // The signed-in executive cannot post counts: the API takes API keys only.
        var refused = await page.APIRequest.PostAsync("/api/v1/usage/volume", new() { DataObject = new { batchId = Guid.NewGuid(), samples = Array.Empty<object>() }, MaxRedirects = 0 });
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task Admin_CreatesAUserAndAnApiKey_EachSecretShownOnce_AndBothWork()
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await ConsolePage.SignInAsync(context, "admin@demo.local");
        await page.GotoAsync("/admin");
        await ConsolePage.WaitForInteractiveAsync(page);

        await page.GetByTestId("create-user").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=new-user-email]").FillAsync("nina.berg@demo.local");
        await dialog.Locator("input[data-testid=new-user-name]").FillAsync("Nina Berg");
        await dialog.GetByTestId("new-user-roles").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Executive") }).ClickAsync();
        await CloseListAsync(page);
        await dialog.GetByTestId("create-user-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("shown-once")).ToBeVisibleAsync();
        var password = (await page.GetByTestId("secret").InnerTextAsync()).Trim();
        Assert.True(password.Length >= 12, $"A generated password of at least 12 characters, got '{password}'.");
        await page.GetByTestId("secret-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret")).ToHaveCountAsync(0);
        var userRow = page.GetByTestId("users-table").Locator("tr", new() { HasText = "nina.berg@demo.local" });
        await Assertions.Expect(userRow).ToContainTextAsync("Executive");
        Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
        await page.GetByTestId("create-key").ClickAsync();
        await dialog.Locator("input[data-testid=new-key-name]").FillAsync("platform-ingest-eu");
        await dialog.GetByTestId("scope-usage:write").ClickAsync();
        await dialog.GetByTestId("create-key-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shown-once")).ToBeVisibleAsync();
        var apiKey = (await page.GetByTestId("secret").InnerTextAsync()).Trim();
        await page.GetByTestId("secret-done").ClickAsync();
        var keyRow = page.GetByTestId("keys-table").Locator("tr", new() { HasText = "platform-ingest-eu" });
        await Assertions.Expect(keyRow).ToContainTextAsync("usage:write");
        await Assertions.Expect(keyRow.GetByTestId("key-status")).ToHaveTextAsync("Active");
        Assert.DoesNotContain(apiKey, await page.ContentAsync(), StringComparison.Ordinal);

        // The key posts counts; the new user signs in with the password and lands on the executive's overview.
        using (var platform = App.CreateClient())
        {
            platform.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            await SendAsync(platform, ("text", 10));
        }

        await using var newcomerContext = await browser.NewContextAsync(Address);
        var newcomer = await newcomerContext.NewPageAsync();
        await newcomer.GotoAsync("/login");
        await newcomer.GetByLabel("E-mail").FillAsync("nina.berg@demo.local");
        await newcomer.GetByLabel("Password").FillAsync(password);
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(newcomer).ToHaveURLAsync(new Regex("/usage$"));

        await ConsolePage.AssertNotReachableAsync(page, ["Verification queue", "Reviewer statistics"], ["/verification", "/verification/stats"]);
    }

    private static async Task ShortcutsReadyAsync(IPage page)
    {
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-shortcuts=on]")).ToHaveCountAsync(1);
    }

    /// <summary>Presses Tab until the element with the test id has the focus (at most ten times).</summary>
    /// <summary>Esc closes an open list; on a busy machine the list may still be redrawing from the last pick, so Esc again until it has gone.</summary>
    private static async Task CloseListAsync(IPage page)
    {
        var options = page.GetByRole(AriaRole.Option);
        for (var attempt = 0; attempt < 10 && await options.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(options).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            }
            catch (PlaywrightException)
            {
                // Still open: press Esc again.
            }
        }

        await Assertions.Expect(options).ToHaveCountAsync(0);
    }

    private static async Task TabToAsync(IPage page, string testId, bool unlessFocused = false)
    {
        const string Focused = "id => document.activeElement?.closest(`[data-testid='${id}']`) !== null";
        if (unlessFocused && await page.EvaluateAsync<bool>(Focused, testId))
        {
            return;
        }

        for (var i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(Focused, testId))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {testId}.");
    }

    private static Task SendAsync(HttpClient platform, params (string Kind, long Count)[] counts) =>
        SendAsync(platform, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1), counts);

    private static async Task SendAsync(HttpClient platform, DateTimeOffset second, params (string Kind, long Count)[] counts)
    {
        var at = second.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var response = await platform.PostAsJsonAsync("/api/v1/usage/volume", new
        {
            batchId = Guid.NewGuid(),
            samples = counts.Select(c => new { at, country = "DE", kind = c.Kind, tier = "free", count = c.Count }),
        }, Ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<long> ApplyAsync(string externalId, string name, string category)
    {
        var key = await App.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform-" + externalId, ["verification:write"], Dashboard.Data.Audit.Actor.Console(), Ct);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        using var response = await client.PostAsJsonAsync("/api/v1/verification-requests", new
        {
            business = new
            {
                externalId,
                legalName = name + " GmbH",
                displayName = name,
                category,
                country = "DE",
                phoneNumber = "+4940" + (1_000_000 + Math.Abs(externalId.GetHashCode(StringComparison.Ordinal) % 8_999_999)).ToString(CultureInfo.InvariantCulture),
                website = "https://www." + externalId + ".de",
                email = "info@" + externalId + ".de",
                registrationNumber = "HRB 123456",
                employees = 12,
                annualTurnoverEur = 900_000,
            },
            documents = new[] { new { kind = "CommercialRegisterExtract", fileName = "hrb.pdf", sha256 = new string('d', 64), sizeBytes = 100_000 } },
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requestId").GetInt64();
    }
}
