using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The account manager's day: finds a business, schedules an upgrade with a big discount that waits until an admin
/// approves it, sees it in the timeline — and cannot reach reviews, administration or live usage.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TierChangeFlowTests(BrowserFixture browser) : ConsoleInBrowserTest(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" })
{
    [Fact]
    public async Task Manager_SchedulesUpgradeWith30PercentOff_ItWaitsForApproval_AdminApproves()
    {
        await ApplyAsync("biz-sonne", "Brauhaus Sonne");
        var today = DateTime.UtcNow.Date;
        var startsOn = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var discountEnds = today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await using var managerContext = await browser.NewContextAsync(Address);
        var manager = await SignInAsync(managerContext, "manager@demo.local");
        await manager.GotoAsync("/businesses");
        await ConsolePage.WaitForInteractiveAsync(manager);
        await manager.GetByLabel("Search businesses").FillAsync("Brauhaus");

        // The search lands in the URL after a short pause; clicking before that would be undone by it.
        await manager.WaitForURLAsync(new Regex("q=Brauhaus"));
        await manager.GetByRole(AriaRole.Link, new() { Name = "Brauhaus Sonne" }).ClickAsync();
        await manager.WaitForURLAsync(new Regex(@"/businesses/\d+$"));
        await Assertions.Expect(manager.GetByTestId("current-tier")).ToHaveTextAsync("Free v1");
        await ConsolePage.WaitForInteractiveAsync(manager);

        await manager.GetByTestId("change-tier").ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("change-current")).ToContainTextAsync("Now on Free v1");
        await dialog.GetByTestId("change-tier-select").ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Enterprise") }).ClickAsync();
        await dialog.Locator("input[data-testid=change-starts-on]").FillAsync(startsOn);
        await dialog.Locator("input[data-testid=change-starts-on]").PressAsync("Tab");
        await dialog.Locator("input[data-testid=change-discount]").FillAsync("30");
        await dialog.Locator("input[data-testid=change-discount]").PressAsync("Tab");
        await dialog.Locator("input[data-testid=change-discount-ends]").FillAsync(discountEnds);
        await dialog.Locator("input[data-testid=change-discount-ends]").PressAsync("Tab");
        await dialog.Locator("textarea[data-testid=change-reason]").FillAsync("Needs API access for the new online shop; introductory discount");
        await dialog.Locator("textarea[data-testid=change-reason]").PressAsync("Tab");

        await Assertions.Expect(dialog.GetByTestId("change-direction")).ToHaveTextAsync("Upgrade");
        await Assertions.Expect(dialog.GetByTestId("change-approval")).ToContainTextAsync("30 % below the list price");
        await Assertions.Expect(dialog.GetByTestId("change-submit")).ToHaveTextAsync(new Regex("Submit for approval", RegexOptions.IgnoreCase));
        await ConsolePage.ScreenshotAsync(manager, "tier-change-dialog");
        await dialog.GetByTestId("change-submit").ClickAsync();

        await Assertions.Expect(manager.GetByTestId("change-message")).ToContainTextAsync("waits for approval");
        var waiting = manager.Locator("[data-testid=timeline-row][data-status=PendingApproval]");
        await Assertions.Expect(waiting).ToContainTextAsync("Enterprise v1");
        await Assertions.Expect(waiting).ToContainTextAsync("30 % off");
        await Assertions.Expect(waiting).ToContainTextAsync("Another account manager or an admin approves.");
        await Assertions.Expect(waiting.GetByTestId("approve-change")).ToHaveCountAsync(0);
        await Assertions.Expect(manager.GetByTestId("current-tier")).ToHaveTextAsync("Free v1");

        await using var adminContext = await browser.NewContextAsync(Address);
        var admin = await SignInAsync(adminContext, "admin@demo.local");
        await admin.GotoAsync("/approvals");
        await ConsolePage.WaitForInteractiveAsync(admin);
        var row = admin.Locator("[data-testid=approval-row]", new() { HasText = "Brauhaus Sonne" });
        await Assertions.Expect(row).ToContainTextAsync("Free → Enterprise v1");
        await row.GetByTestId("approve-change").ClickAsync();
        await admin.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("approval-message")).ToContainTextAsync($"moves to Enterprise on {startsOn}");
        await Assertions.Expect(admin.GetByTestId("approvals-empty")).ToBeVisibleAsync();

        await manager.ReloadAsync();
        await ConsolePage.WaitForInteractiveAsync(manager);
        var scheduled = manager.Locator("[data-testid=timeline-row][data-status=Scheduled]");
        await Assertions.Expect(scheduled).ToContainTextAsync("Enterprise v1");
        await Assertions.Expect(scheduled).ToContainTextAsync(startsOn);
        await Assertions.Expect(scheduled).ToContainTextAsync("Approved by Alex Morgan");
        await Assertions.Expect(manager.Locator("[data-testid=timeline-row][data-status=Active]")).ToContainTextAsync(startsOn);
        await ConsolePage.ScreenshotAsync(manager, "tier-change-scheduled");

        // What an account manager may not reach: reviews, administration, live usage.
        await ConsolePage.AssertNotReachableAsync(manager, ["Verification queue", "Usage overview", "Administration"], ["/verification", "/usage", "/admin"]);
        await ConsolePage.AssertRefusedAsync(manager, "/usage/history/export.csv?range=7d");
        await ConsolePage.AssertRefusedAsync(manager, "/hubs/usage/negotiate?negotiateVersion=1", post: true);
    }

    private async Task ApplyAsync(string externalId, string name)
    {
        var key = await App.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform-" + externalId, ["verification:write"], Dashboard.Data.Audit.Actor.Console(), CancellationToken.None);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        using var response = await client.PostAsJsonAsync("/api/v1/verification-requests", new
        {
            business = new
            {
                externalId, legalName = name + " GmbH", displayName = name, category = "Restaurant", country = "DE", phoneNumber = "+4989555123",
                website = "https://www." + externalId + ".de", email = "info@" + externalId + ".de", registrationNumber = "HRB 998877",
                employees = 14, annualTurnoverEur = 1_200_000,
            },
            documents = new[] { new { kind = "CommercialRegisterExtract", fileName = "hrb.pdf", sha256 = new string('e', 64), sizeBytes = 100_000 } },
        });
        response.EnsureSuccessStatusCode();
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
