using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Reviewers deciding requests in real Chromium against the real host: four eyes, and a stale decision.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationFlowTests(BrowserFixture browser) : ConsoleInBrowserTest(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" })
{
    [Fact]
    public async Task FourEyes_ReviewerApprovesBank_SeniorCompletesIt()
    {
        var requestId = await ApplyAsync("biz-bank", "Hanse Privatbank", "Bank");
        await using var reviewerContext = await browser.NewContextAsync(Address);
        var reviewer = await SignInAsync(reviewerContext, "reviewer@demo.local");

        await reviewer.GotoAsync($"/verification/{requestId}");
        await ConsolePage.WaitForInteractiveAsync(reviewer);
        await Assertions.Expect(reviewer.GetByTestId("claim-note")).ToContainTextAsync("You hold this request");
        await Assertions.Expect(reviewer.Locator("[data-shortcuts=on]")).ToHaveCountAsync(1);
        await reviewer.Keyboard.PressAsync("a");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Dialog)).ToContainTextAsync("need two approvals");
        await reviewer.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("request-status")).ToHaveTextAsync("Awaiting 2nd approval");

        await using var seniorContext = await browser.NewContextAsync(Address);
        var senior = await SignInAsync(seniorContext, "senior@demo.local");
        await senior.GotoAsync($"/verification/{requestId}");
        await ConsolePage.WaitForInteractiveAsync(senior);
        await senior.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(senior.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Lena Weber approved this request");
        await senior.GetByTestId("decision-confirm").ClickAsync();

        await Assertions.Expect(senior.GetByTestId("request-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(senior.GetByTestId("verified-marker")).ToBeVisibleAsync();
        await Assertions.Expect(senior.GetByTestId("history")).ToContainTextAsync("First approval");
        // The reviewer's page follows live: the request is approved there too.
        await Assertions.Expect(reviewer.GetByTestId("request-status")).ToHaveTextAsync("Approved");
    }

    [Fact]
    public async Task StaleDecision_ChangedInAnotherTab_IsRefusedWithAMessage()
    {
        var requestId = await ApplyAsync("biz-shop", "Eckladen Moser", "LocalShop");
        await using var context = await browser.NewContextAsync(Address);
        var first = await SignInAsync(context, "reviewer@demo.local");
        await first.GotoAsync($"/verification/{requestId}");
        await ConsolePage.WaitForInteractiveAsync(first);
        var second = await context.NewPageAsync();
        await second.GotoAsync($"/verification/{requestId}");
        await ConsolePage.WaitForInteractiveAsync(second);

        // The second tab opens the approval while the first escalates the request.
        await second.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await first.GetByTestId("escalate").ClickAsync();
        await first.GetByRole(AriaRole.Dialog).Locator("textarea").First.FillAsync("The shop sells branded goods; please check the brand licence.");
        await first.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(first.GetByTestId("request-status")).ToHaveTextAsync("Escalated");
        await second.GetByTestId("decision-confirm").ClickAsync();

        await Assertions.Expect(second.GetByTestId("decision-error")).ToContainTextAsync("changed since you opened it");
        await Assertions.Expect(second.GetByTestId("request-status")).ToHaveTextAsync("Escalated");
    }

    [Fact]
    public async Task Queue_ClaimElsewhere_ShowsOnAnOpenQueueWithoutReload()
    {
        var requestId = await ApplyAsync("biz-live", "Kiosk am Markt", "LocalShop");
        await using var watcherContext = await browser.NewContextAsync(Address);
        var watcher = await SignInAsync(watcherContext, "senior@demo.local");
        await watcher.GotoAsync("/verification");
        await ConsolePage.WaitForInteractiveAsync(watcher);
        var row = watcher.Locator("tr.queue-row", new() { HasText = "Kiosk am Markt" });
        await Assertions.Expect(row).ToContainTextAsync("Pending");

        await using var reviewerContext = await browser.NewContextAsync(Address);
        var reviewer = await SignInAsync(reviewerContext, "reviewer@demo.local");
        await reviewer.GotoAsync($"/verification/{requestId}");
        await ConsolePage.WaitForInteractiveAsync(reviewer);

        // The watcher's queue follows by itself: the claim, the holder and who has the request open.
        await Assertions.Expect(row).ToContainTextAsync("In review", new() { Timeout = 3000 });
        await Assertions.Expect(row).ToContainTextAsync("Lena Weber", new() { Timeout = 3000 });
        await Assertions.Expect(row.GetByLabel(new Regex("Open now: Lena Weber"))).ToHaveCountAsync(1, new() { Timeout = 3000 });
    }

    private async Task<long> ApplyAsync(string externalId, string name, string category)
    {
        var key = await App.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform-" + externalId, ["verification:write"], Dashboard.Data.Audit.Actor.Console(), CancellationToken.None);
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
                phoneNumber = "+4940" + Math.Abs(externalId.GetHashCode(StringComparison.Ordinal) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                website = "https://www." + externalId + ".de",
                email = "info@" + externalId + ".de",
                registrationNumber = "HRB 123456",
            },
            documents = new[] { new { kind = "CommercialRegisterExtract", fileName = "hrb.pdf", sha256 = new string('d', 64), sizeBytes = 100_000 } },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetInt64();
    }

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
