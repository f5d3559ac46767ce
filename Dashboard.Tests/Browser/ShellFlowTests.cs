using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The console's frame in real Chromium: the navigation is docked on wide screens and folds away on request, lies over
/// the page on narrow ones only when opened (from the first paint, before any script has run), and the user menu opens
/// and closes as a menu should.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ShellFlowTests(BrowserFixture browser) : ConsoleInBrowserTest
{
    private const int DrawerWidth = 240;

    [Fact]
    public async Task Navigation_OnAWideScreen_IsDockedBesideThePageAndFoldsAwayOnRequest()
    {
        await using var context = await browser.NewContextAsync(Address, width: 1440, height: 900);
        var page = await ConsolePage.SignInAsync(context, "manager@demo.local");
        await ConsolePage.WaitForInteractiveAsync(page);
        var nav = MainNavigation(page);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the navigation" });

        await Assertions.Expect(nav).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveCountAsync(1);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.True(await PageLeftAsync(page) >= DrawerWidth, "the page starts right of the docked navigation");

        await toggle.ClickAsync();
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await WaitUntilAsync(async () => await PageLeftAsync(page) < 1, "the page takes the whole width");

        // Folded away, it stays so on the next page; the button brings it back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Business Console start page" }).ClickAsync();
        await ConsolePage.WaitForInteractiveAsync(page);
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await WaitUntilAsync(async () => await PageLeftAsync(page) >= DrawerWidth, "the page moves beside the navigation again");
    }

    [Fact]
    public async Task Navigation_OnANarrowScreen_IsClosedFromTheFirstPaintOpensOverThePageAndClosesOnNavigating()
    {
        await using var context = await browser.NewContextAsync(Address, width: 1024, height: 768);
        var page = await ConsolePage.SignInAsync(context, "manager@demo.local");

        // The page as the server sends it, with the console's script held back: no sliding drawer after the first paint.
        var staticPage = await context.NewPageAsync();
        await staticPage.RouteAsync(BlazorScript(), route => route.AbortAsync());
        await staticPage.GotoAsync("/businesses");
        await Assertions.Expect(staticPage.GetByRole(AriaRole.Heading, new() { Name = "Businesses", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(MainNavigation(staticPage)).ToBeHiddenAsync();
        Assert.True(await PageLeftAsync(staticPage) < 1, "the page takes the whole width");
        await staticPage.SetViewportSizeAsync(1440, 900);
        await Assertions.Expect(MainNavigation(staticPage)).ToBeVisibleAsync();
        await staticPage.CloseAsync();

        await page.GotoAsync("/businesses");
        await ConsolePage.WaitForInteractiveAsync(page);
        var nav = MainNavigation(page);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the navigation" });
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveCountAsync(1);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        // Opened, it lies over the page (which does not move) with a scrim; a click on the scrim closes it.
        await toggle.ClickAsync();
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.True(await PageLeftAsync(page) < 1, "the page stays where it is under the navigation");
        await page.Mouse.ClickAsync(800, 400);
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Businesses", Level = 1 })).ToBeVisibleAsync();

        // Choosing an entry goes there and folds the navigation away.
        await toggle.ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Tier catalogue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tiers$"));
        await Assertions.Expect(nav).ToBeHiddenAsync();
    }

    [Fact]
    public async Task UserMenu_OpensWithWhoIsSignedInAndTheirRolesAndClosesOnEscape()
    {
        await using var context = await browser.NewContextAsync(Address);
        var page = await ConsolePage.SignInAsync(context, "senior@demo.local");
        await ConsolePage.WaitForInteractiveAsync(page);
        var menu = page.GetByTestId("user-menu");
        var button = page.GetByTestId("user-button");

        await Assertions.Expect(menu).ToBeHiddenAsync();
        await button.ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToContainTextAsync("senior@demo.local");
        await Assertions.Expect(menu).ToContainTextAsync("Senior reviewer");
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();

        // It lies below the app bar, at its right end.
        var box = await menu.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y >= 48 && box.X + box.Width > 1440 - 40, $"the menu is at {box.X},{box.Y} ({box.Width} wide)");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
    }

    private static ILocator MainNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    private static Task<float> PageLeftAsync(IPage page) =>
        page.Locator("main.page").EvaluateAsync<float>("e => e.getBoundingClientRect().left");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    [GeneratedRegex("_framework/blazor\\.web.*\\.js")]
    private static partial Regex BlazorScript();
}
