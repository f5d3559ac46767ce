using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Signing in and out through the real login form, in real Chromium against the real host on a loopback port.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginFlowTests(BrowserFixture browser) : ConsoleInBrowserTest
{
    [Fact]
    public async Task LoginForm_Reviewer_LandsOnQueueThenSignsOut()
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "reviewer@demo.local" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync("reviewer@demo.local");
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/verification$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verification queue" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        await ConsolePage.WaitForInteractiveAsync(page);
        await page.GetByTestId("user-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?signedOut=true"));
        await Assertions.Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();

        await page.GotoAsync("/verification");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task LoginForm_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail or password is not right");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task ThemeToggle_Admin_IsRememberedAcrossSignIns()
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "admin@demo.local");
        await ConsolePage.WaitForInteractiveAsync(page);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();

        await using var second = await browser.NewContextAsync(Address);
        var again = await second.NewPageAsync();
        await SignInAsync(again, "admin@demo.local");
        await Assertions.Expect(again.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
