using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>The console's language in real Chromium: the user's choice, kept on the user, else the browser's languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageFlowTests(BrowserFixture browser) : ConsoleInBrowserTest
{
    [Fact]
    public async Task LanguageSwitch_ToGerman_IsRememberedForTheUserInAnotherBrowser()
    {
        await using (var first = await browser.NewContextAsync(Address, "en-US"))
        {
            var page = await first.NewPageAsync();
            await SignInAsync(page, "reviewer@demo.local");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verification queue" })).ToBeVisibleAsync();

            await ConsolePage.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("language-en")).ToHaveAttributeAsync("aria-current", "true");
            await page.GetByTestId("language-de").ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verifizierungsanfragen" })).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/verification$"));
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Prüferstatistik" })).ToBeVisibleAsync();
            await ConsolePage.ScreenshotAsync(page, "language-queue-de");

            await ConsolePage.WaitForInteractiveAsync(page);
            await page.GetByTestId("user-button").ClickAsync();
            await Assertions.Expect(page.GetByTestId("sign-out")).ToContainTextAsync("Abmelden");
            await page.GetByTestId("sign-out").ClickAsync();
            await Assertions.Expect(page.GetByText("Sie haben sich abgemeldet.")).ToBeVisibleAsync();
        }

        // Another browser, whose languages are English, with none of the first one's cookies.
        await using var second = await browser.NewContextAsync(Address, "en-US");
        var again = await second.NewPageAsync();
        await again.GotoAsync("/login");
        await Assertions.Expect(again.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await SignInAsync(again, "reviewer@demo.local");

        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Verifizierungsanfragen" })).ToBeVisibleAsync();
        await Assertions.Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "de");
    }

    [Fact]
    public async Task BrowserLanguage_GermanAndNoChoice_ShowsGerman()
    {
        await using var context = await browser.NewContextAsync(Address, "de-DE");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await SignInAsync(page, "senior@demo.local");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verifizierungsanfragen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Nächste Anfrage" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BrowserLanguage_EnglishAndNoChoice_ShowsEnglish()
    {
        await using var context = await browser.NewContextAsync(Address, "en-US");
        var page = await context.NewPageAsync();

        await SignInAsync(page, "senior@demo.local");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verification queue" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reviewer statistics" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CultureEndpoint_UnknownLanguageOrForeignReturnUrl_IsRefusedOrKeptOnSite()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

        var unknown = await client.GetAsync(new Uri("/culture?lang=fr&returnUrl=/", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);
        var foreign = await client.GetAsync(new Uri("/culture?lang=de&returnUrl=https://evil.example/", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
        Assert.Contains(foreign.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dde%7Cuic%3Dde", StringComparison.Ordinal));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }

        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("demo");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/verification$"));
    }
}
