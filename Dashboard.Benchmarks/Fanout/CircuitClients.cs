using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>
/// The client side of the circuit run (<c>--fanout-circuits --url … --email … --password … --pages 50 --per-context 10</c>):
/// headless Chromium opens the overview, one circuit per page, signed in as an executive (each browser context signs
/// in once, through the login form's POST, so that no other page opens a circuit). A page counts as live once its
/// circuit is interactive and its live clock has moved on. Answers <c>warm</c> after one page, then on <c>go</c> opens the
/// rest and answers <c>ready</c>; closes everything on <c>stop</c>.
/// </summary>
internal static partial class CircuitClients
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is missing.");
        var url = Arg("--url");
        var email = Arg("--email");
        var password = Arg("--password");
        var pages = int.Parse(Arg("--pages"), CultureInfo.InvariantCulture);
        var perContext = int.Parse(Arg("--per-context"), CultureInfo.InvariantCulture);
        try
        {
            if (!File.Exists(ChromiumPath))
            {
                throw new FileNotFoundException($"Chromium is not installed at {ChromiumPath}: install it with 'apt-get install chromium'.");
            }

            using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            }).ConfigureAwait(false);

            var warm = await SignedInContextAsync(browser, url, email, password).ConfigureAwait(false);
            await OpenLiveAsync(warm).ConfigureAwait(false);
            ClientProcess.Answer("warm");
            if (await ClientProcess.CommandAsync().ConfigureAwait(false) != "go")
            {
                return 0;
            }

            var started = DateTime.UtcNow;
            for (var opened = 0; opened < pages; opened += perContext)
            {
                var context = await SignedInContextAsync(browser, url, email, password).ConfigureAwait(false);
                // A few at a time: a shared machine under load opens dozens at once too slowly for any timeout.
                await Parallel.ForEachAsync(Enumerable.Range(0, Math.Min(perContext, pages - opened)), new ParallelOptions { MaxDegreeOfParallelism = 3 },
                    async (_, _) => await OpenLiveAsync(context).ConfigureAwait(false)).ConfigureAwait(false);
            }

            ClientProcess.Answer("ready", pages, (long)(DateTime.UtcNow - started).TotalMilliseconds);
            while (await ClientProcess.CommandAsync().ConfigureAwait(false) is { } command && command != "stop")
            {
            }

            return 0;
        }
        catch (Exception e)
        {
            ClientProcess.Answer("error", e.GetType().Name, e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    /// <summary>A new browser context signed in through the login form (its GET for the antiforgery token, then its POST).</summary>
    private static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, string url, string email, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        }).ConfigureAwait(false);
        context.SetDefaultTimeout(300_000);
        var loginPage = await context.APIRequest.GetAsync("/login?returnUrl=%2Fusage").ConfigureAwait(false);
        var token = AntiforgeryField().Match(await loginPage.TextAsync().ConfigureAwait(false));
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        var form = context.APIRequest.CreateFormData();
        form.Set("_handler", "login");
        form.Set(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value));
        form.Set("Input.Email", email);
        form.Set("Input.Password", password);
        var signedIn = await context.APIRequest.PostAsync("/login?returnUrl=%2Fusage", new APIRequestContextOptions { Form = form, MaxRedirects = 0 }).ConfigureAwait(false);
        if (signedIn.Status != (int)HttpStatusCode.Redirect || signedIn.Headers.GetValueOrDefault("location", "").Contains("/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {signedIn.Status}.");
        }

        return context;
    }

    /// <summary>Opens the overview in a new page and waits until its circuit is interactive and its live clock has moved on.</summary>
    private static async Task OpenLiveAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync("/usage").ConfigureAwait(false);
        await page.Locator("main.page[data-interactive=true]").WaitForAsync().ConfigureAwait(false);
        var clock = page.GetByTestId("usage-clock");
        var shown = (await clock.TextContentAsync().ConfigureAwait(false) ?? "").Trim();
        await page.WaitForFunctionAsync(
            "shown => { const t = document.querySelector('[data-testid=usage-clock]')?.textContent?.trim() ?? ''; return t.startsWith('Live') && t !== shown; }",
            shown).ConfigureAwait(false);
    }

    [GeneratedRegex("<input[^>]*name=\"(?<name>__RequestVerificationToken)\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
