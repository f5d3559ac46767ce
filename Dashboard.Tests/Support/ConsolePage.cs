using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>Helpers for driving console pages in the browser.</summary>
public static class ConsolePage
{
    /// <summary>Waits until the page's circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("main.page[data-interactive=true]")).ToHaveCountAsync(1);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS");
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }
}
