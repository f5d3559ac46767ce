using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>Helpers for driving console pages in the browser.</summary>
public static class ConsolePage
{
    /// <summary>The folder named by DASHBOARD_SCREENSHOTS, or null when screenshots are off.</summary>
    public static string? ScreenshotDirectory => Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } directory ? directory : null;

    /// <summary>Waits until the page's circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("main.page[data-interactive=true]")).ToHaveCountAsync(1);

    /// <summary>
    /// Signs in through the login form in a new tab of the context and waits until the start page is reached; the fields
    /// are found by their ids, so that it works in every language.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("demo");
        await page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
        return page;
    }

    /// <summary>Collects what the page writes to its console and the errors it throws from now on, for a failure message.</summary>
    public static List<string> RecordLog(IPage page)
    {
        var log = new List<string>();
        page.Console += (_, message) => log.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => log.Add($"error: {error}");
        return log;
    }

    /// <summary>Waits until the page's address matches; on a timeout, fails with the address it is at and the page's log.</summary>
    public static async Task WaitForUrlOrExplainAsync(IPage page, Func<string, bool> url, string what, List<string> log)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{what} did not happen: the page is at {page.Url} ({e.Message}); it logged:\n{string.Join('\n', log)}");
        }
    }

    /// <summary>Waits until the page shows the theme the context asked for (it switches once the circuit has read the preference).</summary>
    public static Task WaitForThemeAsync(IPage page, ColorScheme scheme) =>
        page.WaitForFunctionAsync(
            """
            dark => {
                const rgb = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) || []).slice(0, 3).map(Number);
                if (rgb.length < 3) return false;
                const sum = rgb[0] + rgb[1] + rgb[2];
                return dark ? sum < 200 : sum > 600;
            }
            """,
            scheme == ColorScheme.Dark);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }

    /// <summary>
    /// With DASHBOARD_SCREENSHOTS set: the page at 1440×900 and at 1024×768 (the narrowest supported desktop), each saved
    /// as <c>{name}-{width}.png</c>; the viewport is put back afterwards.
    /// </summary>
    public static async Task ScreenshotWidthsAsync(IPage page, string name)
    {
        if (ScreenshotDirectory is null)
        {
            return;
        }

        var original = page.ViewportSize;
        foreach (var (width, height) in new[] { (1440, 900), (1024, 768) })
        {
            await page.SetViewportSizeAsync(width, height);

            // Two animation frames: the layout (drawer, tables) has settled at the new width.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-{width}.png"), FullPage = false });
        }

        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    /// <summary>The entries are not in the navigation, and each address shows the access-denied page.</summary>
    public static async Task AssertNotReachableAsync(IPage page, string[] navEntries, string[] paths)
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        foreach (var entry in navEntries)
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true })).ToHaveCountAsync(0);
        }

        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveTitleAsync("Access denied · Business Console");
        }
    }

    /// <summary>A call with the page's sign-in cookie is refused: 403, or the cookie scheme's redirect to the access-denied page.</summary>
    public static async Task AssertRefusedAsync(IPage page, string path, bool post = false)
    {
        var response = post
            ? await page.APIRequest.PostAsync(path, new() { MaxRedirects = 0 })
            : await page.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        var location = response.Headers.TryGetValue("location", out var value) ? value : "";
        Assert.True(response.Status == 403 || (response.Status == 302 && location.Contains("access-denied", StringComparison.Ordinal)),
            $"{path}: expected a refusal, got {response.Status} {location}");
    }
}
