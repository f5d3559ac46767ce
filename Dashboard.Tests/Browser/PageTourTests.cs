using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every role opens each of its pages in Chromium: the page shows its heading, goes live, and raises no
/// error. With DASHBOARD_SCREENSHOTS set to a folder, each page is saved there to be looked at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTourTests(BrowserFixture browser) : ConsoleInBrowserTest
{
    [Theory]
    [InlineData("reviewer@demo.local", "/verification", "Verification queue")]
    [InlineData("senior@demo.local", "/verification/stats", "Reviewer statistics")]
    [InlineData("manager@demo.local", "/businesses", "Businesses")]
    [InlineData("admin@demo.local", "/tiers", "Tier catalogue")]
    [InlineData("exec@demo.local", "/usage", "Programme overview")]
    [InlineData("exec@demo.local", "/usage/history", "Usage history")]
    [InlineData("admin@demo.local", "/usage/history", "Usage history")]
    [InlineData("exec@demo.local", "/revenue", "Revenue")]
    [InlineData("manager@demo.local", "/revenue", "Revenue")]
    [InlineData("admin@demo.local", "/admin", "Administration")]
    [InlineData("admin@demo.local", "/audit", "Audit log")]
    [InlineData("reviewer@demo.local", "/audit", "Audit log")]
    public async Task Page_ForItsRole_RendersLiveWithoutErrors(string email, string path, string heading)
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync(path);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex($"· Business Console$"));
        await Assertions.Expect(page.Locator("#blazor-error-ui:visible")).ToHaveCountAsync(0);
        await ConsolePage.ScreenshotAsync(page, $"{email.Split('@')[0]}{path.Replace('/', '-')}");
        Assert.Empty(errors);
    }
}
