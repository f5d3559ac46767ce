using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Data.Verification;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Every page of the console, as the roles that can open it, with the dialogs of the key pages: in light and dark
/// theme, axe-core finds no serious or critical violation; each page, in a 1024 px wide window, has its title and one h1
/// and neither it nor its tables scroll sideways. With
/// DASHBOARD_SCREENSHOTS set to a folder, each stop is saved there at 1440×900 and 1024×768.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, AccessibilityTests.Host host) : IClassFixture<AccessibilityTests.Host>
{
    /// <summary>One console for all the visits: a small demo data set, a month of simulated history, one request of our own.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public ConsoleAppFactory App { get; } = new(new Dictionary<string, string?>
        {
            ["Demo:BusinessCount"] = "200",
            ["Usage:Simulator:Enabled"] = "true",
            ["Usage:Simulator:BackfillDays"] = "35",
            ["Usage:Simulator:BackfillMinuteDays"] = "1",
        });

        public Uri Address { get; private set; } = default!;

        private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);

        /// <summary>The reviewer's request; its business is the one every role visits.</summary>
        public long RequestId { get; private set; }

        /// <summary>The request a role visits: the senior reviewer has one of their own.</summary>
        public long RequestFor(string role) => _requests.GetValueOrDefault(role, RequestId);

        public long BusinessId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Address = App.StartKestrel();
            var key = await App.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform-a11y", ["verification:write"], Dashboard.Data.Audit.Actor.Console(), CancellationToken.None);
            using var client = App.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
            // One request per role that reviews, so that a visit never finds the request held by another role's visit
            // (a closed page releases its claim only once the server has noticed it closed).
            foreach (var (reviewer, suffix, phone) in new[] { ("reviewer", "", "+4940777123"), ("senior", "-senior", "+4940777124") })
            {
                using var response = await client.PostAsJsonAsync("/api/v1/verification-requests", new
                {
                    business = new
                    {
                        externalId = "biz-a11y" + suffix, legalName = "Hafenbistro Lotte GmbH", displayName = "Hafenbistro Lotte", category = "Restaurant", country = "DE",
                        phoneNumber = phone, website = "https://www.hafenbistro-lotte.de", email = "info@hafenbistro-lotte.de", registrationNumber = "HRB 445566",
                        employees = 9, annualTurnoverEur = 700_000,
                    },
                    documents = new[] { new { kind = "CommercialRegisterExtract", fileName = "hrb.pdf", sha256 = new string('a', 64), sizeBytes = 100_000 } },
                });
                response.EnsureSuccessStatusCode();
                _requests[reviewer] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetInt64();
            }

            RequestId = _requests["reviewer"];
            BusinessId = (await App.Services.GetRequiredService<IVerificationStore>().GetAsync(RequestId, CancellationToken.None))!.BusinessId;
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>A page to visit (<c>{request}</c>, <c>{business}</c> filled in), its title, and optionally a dialog to open on it.</summary>
    private sealed record Stop(string Name, string Path, string Title, string? Opens = null);

    private static readonly Dictionary<string, Stop[]> s_stops = new()
    {
        ["anonymous"] =
        [
            new("login", "/login", "Sign in · Business Console"),
        ],
        ["reviewer"] =
        [
            new("queue", "/verification", "Verification queue · Business Console"),
            new("request", "/verification/{request}", "Hafenbistro Lotte · Verification · Business Console"),
            new("request-decision", "/verification/{request}", "Hafenbistro Lotte · Verification · Business Console", "decision"),
            new("request-shortcuts", "/verification/{request}", "Hafenbistro Lotte · Verification · Business Console", "shortcuts"),
            new("stats", "/verification/stats", "Reviewer statistics · Business Console"),
            new("audit", "/audit", "Audit log · Business Console"),
            new("access-denied", "/admin", "Access denied · Business Console"),
            new("not-found", "/no-such-page", "Not found · Business Console"),
        ],
        ["senior"] =
        [
            new("senior-queue", "/verification", "Verification queue · Business Console"),
            new("senior-request", "/verification/{request}", "Hafenbistro Lotte · Verification · Business Console"),
            new("senior-request-decision", "/verification/{request}", "Hafenbistro Lotte · Verification · Business Console", "decision"),
        ],
        ["manager"] =
        [
            new("businesses", "/businesses", "Businesses · Business Console"),
            new("business", "/businesses/{business}", "Hafenbistro Lotte · Businesses · Business Console"),
            new("business-change-tier", "/businesses/{business}", "Hafenbistro Lotte · Businesses · Business Console", "change-tier"),
            new("approvals", "/approvals", "Approvals · Business Console"),
            new("tiers", "/tiers", "Tier catalogue · Business Console"),
            new("revenue", "/revenue", "Revenue · Business Console"),
        ],
        ["exec"] =
        [
            new("overview", "/usage", "Usage overview · Business Console"),
            new("history", "/usage/history", "Usage history · Business Console"),
            new("wall", "/usage/wall", "Live usage · Business Console"),
        ],
        ["admin"] =
        [
            new("admin-users", "/admin", "Administration · Business Console"),
            new("admin-create-user", "/admin", "Administration · Business Console", "create-user"),
            new("admin-keys", "/admin", "Administration · Business Console", "keys"),
            new("admin-create-key", "/admin", "Administration · Business Console", "create-key"),
        ],
    };

    public static TheoryData<string, string> RolesAndThemes()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in s_stops.Keys)
        {
            data.Add(role, "light");
            data.Add(role, "dark");
        }

        return data;
    }

    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in s_stops.Keys)
        {
            data.Add(role, "en-GB");
            data.Add(role, "de-DE");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndThemes))]
    public async Task Pages_ForRoleAndTheme_HaveNoSeriousAxeViolations(string role, string theme)
    {
        Axe.SkipOrFailWhenMissing();
        var scheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        var found = new List<string>();

        await VisitAsync(role, scheme, async (page, stop) =>
        {
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{stop.Name}: {v}"));
            await ConsolePage.ScreenshotWidthsAsync(page, $"{role}-{stop.Name}-{theme}");
        });

        Assert.True(found.Count == 0, $"Serious or critical accessibility violations for {role} in the {theme} theme:\n" + string.Join('\n', found));
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Pages_ForRoleAt1024Wide_HaveTheirTitleOneH1AndNoSidewaysScrolling(string role, string language)
    {
        var wrong = new List<string>();

        // German words are longer: both languages must fit.
        await VisitAsync(role, ColorScheme.Light, width: 1024, height: 768, locale: language, check: async (page, stop) =>
        {
            var title = await page.TitleAsync();
            if (language == "en-GB" && title != stop.Title)
            {
                wrong.Add($"{stop.Name}: title '{title}', expected '{stop.Title}'");
            }

            var headings = await page.Locator("h1").CountAsync();
            if (headings != 1)
            {
                wrong.Add($"{stop.Name}: {headings} h1 elements");
            }

            // Neither the page nor a table in it scrolls sideways on a 1024 px screen.
            var wide = await page.EvaluateAsync<string[]>(
                """
                () => {
                    const wide = [];
                    const root = document.scrollingElement;
                    if (root.scrollWidth > root.clientWidth + 1) wide.push(`the page is ${root.scrollWidth} px wide`);
                    for (const box of document.querySelectorAll('.mud-table-container')) {
                        if (box.scrollWidth > box.clientWidth + 1) {
                            const name = box.closest('[data-testid]')?.getAttribute('data-testid') ?? 'a table';
                            wide.push(`${name} is ${box.scrollWidth} px wide in ${box.clientWidth} px`);
                        }
                    }
                    return wide;
                }
                """);
            wrong.AddRange(wide.Select(w => $"{stop.Name}: {w}"));
        });

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Theory]
    [MemberData(nameof(RolesAndThemes))]
    public async Task Pages_ForRoleAndTheme_InGerman_ShowNoEnglishWordsOfTheConsole(string role, string theme)
    {
        var scheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        var found = new List<string>();

        // A browser whose language is German: every page, dialog and title follows it, screen-reader text included.
        await VisitAsync(role, scheme, locale: "de-DE", check: async (page, stop) =>
        {
            var text = await page.EvaluateAsync<string>("() => document.title + '\\n' + document.body.innerText");
            found.AddRange(s_englishTexts.Value
                .Where(english => text.Contains(english.Text, StringComparison.Ordinal))
                .Select(english => $"{stop.Name}: \"{english.Text}\" ({english.Source})"));
            await ConsolePage.ScreenshotWidthsAsync(page, $"{role}-{stop.Name}-{theme}-de");
        });

        Assert.True(found.Count == 0, $"English text on German pages for {role}:\n" + string.Join('\n', found.Distinct()));
    }

    /// <summary>
    /// The console's English texts that German readers must never see: every phrase of the English resources whose German
    /// file says it otherwise, split at placeholders, from 12 characters and two words up (shorter ones, like names of
    /// countries or "Status", are often the same in both languages).
    /// </summary>
    private static readonly Lazy<IReadOnlyList<(string Text, string Source)>> s_englishTexts = new(() =>
    {
        var texts = new List<(string, string)>();
        foreach (var english in Directory.EnumerateFiles(SourceFiles.DashboardProject(), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.EndsWith(".de.resx", StringComparison.Ordinal)))
        {
            var germanFile = Path.ChangeExtension(english, null) + ".de.resx";
            if (!File.Exists(germanFile))
            {
                continue;
            }

            var german = Entries(germanFile);
            foreach (var (key, value) in Entries(english))
            {
                var translated = german.GetValueOrDefault(key, "");
                foreach (var part in Regex.Split(value, @"\{[^}]*\}").Select(p => p.Trim(' ', ',', ';', ':', '.', '(', ')', '–')))
                {
                    if (part.Length >= 12 && part.Contains(' ', StringComparison.Ordinal) && !translated.Contains(part, StringComparison.Ordinal))
                    {
                        texts.Add((part, $"{Path.GetFileName(english)} {key}"));
                    }
                }
            }
        }

        return texts;
    });

    private static Dictionary<string, string> Entries(string path) =>
        System.Xml.Linq.XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private async Task VisitAsync(string role, ColorScheme scheme, Func<IPage, Stop, Task> check, int width = 1440, int height = 900, string locale = "en-GB")
    {
        await using var context = await browser.NewContextAsync(host.Address, locale, scheme, width, height);
        var page = role == "anonymous" ? await context.NewPageAsync() : await ConsolePage.SignInAsync(context, role + "@demo.local");
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        foreach (var stop in s_stops[role])
        {
            var path = stop.Path
                .Replace("{request}", host.RequestFor(role).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{business}", host.BusinessId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            if (role != "anonymous")
            {
                await ConsolePage.WaitForInteractiveAsync(page);

                // The wall display is light on dark unless its user chose the light theme.
                await ConsolePage.WaitForThemeAsync(page, path == "/usage/wall" ? ColorScheme.Dark : scheme);
            }

            // The title follows the data the page loads (a request's or business's name).
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex("· Business Console$"));
            if (stop.Title.Count(c => c == '·') > 1 && locale.StartsWith("en", StringComparison.Ordinal))
            {
                await Assertions.Expect(page).ToHaveTitleAsync(stop.Title);
            }

            await OpenAsync(page, stop.Opens);
            await check(page, stop);
        }

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>Opens the stop's dialog (or tab) the way a user does, and waits until it shows.</summary>
    private static async Task OpenAsync(IPage page, string? opens)
    {
        switch (opens)
        {
            case null:
                return;
            case "decision":
                await page.GetByTestId("approve").ClickAsync();
                break;
            case "shortcuts":
                await Assertions.Expect(page.Locator("[data-shortcuts=on]")).ToHaveCountAsync(1);
                await page.Keyboard.PressAsync("?");
                break;
            case "change-tier":
                await page.GetByTestId("change-tier").ClickAsync();
                break;
            case "create-user":
                await page.GetByTestId("create-user").ClickAsync();
                break;
            case "keys":
                await page.GetByRole(AriaRole.Tab).Nth(1).ClickAsync();
                await Assertions.Expect(page.GetByTestId("keys-table")).ToBeVisibleAsync();
                return;
            case "create-key":
                await page.GetByRole(AriaRole.Tab).Nth(1).ClickAsync();
                await page.GetByTestId("create-key").ClickAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(opens), opens, "No such dialog.");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        // Dialogs fade in: checked once fully shown.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-dialog')].every(d => getComputedStyle(d).opacity === '1')");
    }
}
