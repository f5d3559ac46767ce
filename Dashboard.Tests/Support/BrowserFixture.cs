using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>One headless Debian Chromium for the browser tests, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    /// <summary>Why no browser is available, or null when one is.</summary>
    public string? MissingReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            MissingReason = $"Chromium is not installed at {ChromiumPath}: install it with 'apt-get install chromium' to run the browser tests.";
            return;
        }

        // Expectations wait as long as the pages do (see NewContextAsync): on a busy machine a page can take seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context (own cookies) with a desktop viewport and the given colour scheme (the console follows
    /// it for users who keep the system theme); skips or fails the test when there is no browser.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress, ColorScheme colorScheme = ColorScheme.Light, int width = 1440, int height = 900) =>
        NewContextAsync(baseAddress, "en-GB", colorScheme, width, height);

    /// <summary>A fresh browser context whose languages (Accept-Language, navigator.language) are <paramref name="locale"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale, ColorScheme colorScheme = ColorScheme.Light, int width = 1440, int height = 900)
    {
        RequiredTools.SkipOrFailWhenMissing(MissingReason);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            AcceptDownloads = true,
            Locale = locale,
            TimezoneId = "UTC",
        });
        // Generous: a whole test run shares two cores with many consoles, simulators and browsers at once.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
