using Bunit;
using Dashboard.Data.Identity;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Usage.HistoryWorld;

namespace Dashboard.Tests.Usage;

/// <summary>The usage history page over the real services and crafted rollups on a migrated SQLite file, the clock at <see cref="HistoryWorld.Now"/>.</summary>
public sealed class HistoryPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private HistoryWorld _world = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await CreateAsync();

        // 16 May to 14 Jun: 100 text and 50 photo messages in Germany, 30 text in the US; the previous period 80; a year ago 200.
        await _world.AddAsync(UsageGranularity.Day,
            Cell(At(2026, 5, 16), 100), Cell(At(2026, 6, 14), 50, kind: UsageKinds.Photo), Cell(At(2026, 6, 1), 30, "US"),
            Cell(At(2026, 5, 1), 80), Cell(At(2025, 6, 1), 200));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Render_ViewInTheUrl_ShowsItsChartTotalsAndComparison()
    {
        var cut = await OpenAsync("usage/history?range=30d&split=kind&compare=both");

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=history-total-row]").Count));
        Assert.Equal("30 d", Selected(cut, "history-range"));
        Assert.Equal("Kind", Selected(cut, "history-split"));
        Assert.StartsWith("16 May 2026 – 14 Jun 2026 (UTC) · 30 points of 1 day", cut.Find("[data-testid=history-period]").TextContent.Trim(), StringComparison.Ordinal);

        // The chart's text alternative: every series' total and share, and all messages.
        Assert.Equal(["Text", "130", "72.2 %", "100", "16 May 2026 00:00"], Cells(cut.FindAll("[data-testid=history-total-row]")[0]));
        Assert.Equal(["Photo", "50", "27.8 %", "50", "14 Jun 2026 00:00"], Cells(cut.FindAll("[data-testid=history-total-row]")[1]));
        Assert.Equal(["Video", "0", "0.0 %", "—", ""], Cells(cut.FindAll("[data-testid=history-total-row]")[2]));
        Assert.Equal("180", cut.Find("[data-testid=history-total]").TextContent.Trim());
        var chart = cut.Find("[data-testid=history-chart]");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.StartsWith("Line chart of messages per 1 day by kind, 16 May 2026 – 14 Jun 2026 (UTC)", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("Each point is one bucket of the day rollup.", cut.Find("[data-testid=history-caption]").TextContent, StringComparison.Ordinal);

        var all = cut.FindAll("[data-testid=history-comparison-row]")[^1];
        Assert.Equal(["All messages", "180", "80", "+125.0 %", "200", "\u221210.0 % *"], Cells(all));
        Assert.Contains("* Usage is recorded from 1 Jun 2025 on: this period is only partly covered",
            cut.Find("[data-testid=history-comparison-caption]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/usage/history/export.csv?range=30d&split=kind&compare=both", cut.Find("[data-testid=history-export]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectRegion_PutsTheSplitInTheUrlAndShowsRegions()
    {
        var cut = await OpenAsync("usage/history?range=30d&split=kind&compare=both");
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=history-total-row]").Count));

        cut.FindAll("[data-testid=history-split] .mud-toggle-item").Single(b => b.TextContent.Trim() == "Region").Click();

        Assert.Equal("http://localhost/usage/history?range=30d&split=region&compare=both", _context.Services.GetRequiredService<NavigationManager>().Uri);
        cut.WaitForAssertion(() => Assert.Equal("Europe", Cells(cut.FindAll("[data-testid=history-total-row]")[0])[0]));
        Assert.Equal(["Europe", "150"], Cells(cut.FindAll("[data-testid=history-total-row]")[0]).Take(2));
        Assert.Equal(["North America", "30"], Cells(cut.FindAll("[data-testid=history-total-row]")[1]).Take(2));
        Assert.Equal("Region", Selected(cut, "history-split"));
    }

    [Fact]
    public async Task NavigateBack_ShowsTheEarlierViewAgain()
    {
        var cut = await OpenAsync("usage/history?range=30d&split=kind&compare=none");
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=history-total-row]").Count));
        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        cut.FindAll("[data-testid=history-range] .mud-toggle-item").Single(b => b.TextContent.Trim() == "7 d").Click();
        cut.WaitForAssertion(() => Assert.Equal("7 d", Selected(cut, "history-range")));
        Assert.Equal("http://localhost/usage/history?range=7d&split=kind&compare=none", navigation.Uri);

        // What the browser's back button does: the earlier URL arrives again.
        navigation.NavigateTo("usage/history?range=30d&split=kind&compare=none");

        cut.WaitForAssertion(() => Assert.Equal("30 d", Selected(cut, "history-range")));
        cut.WaitForAssertion(() => Assert.StartsWith("16 May 2026", cut.Find("[data-testid=history-period]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=history-comparison]"));
    }

    [Fact]
    public async Task SelectCustom_StartsWithTheDaysShownAndKeepsThemInTheUrl()
    {
        var cut = await OpenAsync("usage/history?range=30d&split=none&compare=previous");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-total-row]")));

        cut.FindAll("[data-testid=history-range] .mud-toggle-item").Single(b => b.TextContent.Trim() == "Custom").Click();

        Assert.Equal("http://localhost/usage/history?range=custom&from=2026-05-16&to=2026-06-14&split=none&compare=previous",
            _context.Services.GetRequiredService<NavigationManager>().Uri);
        cut.WaitForAssertion(() => Assert.Equal("Custom", Selected(cut, "history-range")));
        Assert.NotEmpty(cut.FindAll("[data-testid=history-from]"));
        Assert.Contains("A custom range covers whole UTC days", cut.Find("[data-testid=history-caption]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_24Hours_ExplainsTheDownsamplingAndTheWholeHoursCompared()
    {
        var cut = await OpenAsync("usage/history?range=24h&compare=both");

        cut.WaitForAssertion(() => Assert.Contains("Each point sums 5 buckets of the minute rollup into 5 minutes, so every total stays exact.",
            cut.Find("[data-testid=history-caption]").TextContent, StringComparison.Ordinal));
        Assert.Contains("The comparison covers the range's whole hours only", cut.Find("[data-testid=history-comparison-caption]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No messages were recorded in this range.", cut.Find("[data-testid=history-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/usage/volume", cut.Find("[data-testid=history-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_CustomDatesOutOfOrder_SaysWhatIsWrongAndReadsNothing()
    {
        var cut = await OpenAsync("usage/history?range=custom&from=2026-06-10&to=2026-06-01");

        cut.WaitForAssertion(() => Assert.Contains("The last day cannot be before the first.", cut.Find("[data-testid=history-problems]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=history-chart]"));
        Assert.Empty(cut.FindAll("[data-testid=history-loading]"));
    }

    [Fact]
    public async Task Render_TopBusinesses_LinkToTheBusinessOnlyForThoseWhoMayOpenIt()
    {
        var bank = await _world.AddBusinessAsync("Nordbank, Filiale Mitte");
        await _world.AddBusinessDayAsync(bank, new DateOnly(2026, 6, 1), 12, 3_400);
        var executive = await OpenAsync("usage/history?range=30d");
        executive.WaitForAssertion(() => Assert.Single(executive.FindAll("[data-testid=history-top-row]")));
        Assert.Equal(["1", "Nordbank, Filiale Mitte", "DE", "3,400", "12", "1"], Cells(executive.Find("[data-testid=history-top-row]")));
        Assert.Empty(executive.FindAll("[data-testid=history-top-row] a"));
        Assert.Contains("Whole UTC days 16 May 2026 – 14 Jun 2026", executive.Find("[data-testid=history-top-caption]").TextContent, StringComparison.Ordinal);

        await using var adminContext = new BunitContext();
        var admin = AdminTestServices.PrincipalOf(await _world.Admin.AddUserAsync("ada@example.test", Roles.Admin));
        _world.AddTo(adminContext, admin);
        adminContext.Services.GetRequiredService<NavigationManager>().NavigateTo("usage/history?range=30d");
        var cut = adminContext.Render<HistoryPage>();

        cut.WaitForAssertion(() => Assert.Equal($"/businesses/{bank}", cut.Find("[data-testid=history-top-row] a").GetAttribute("href")));
    }

    [Fact]
    public async Task Render_InGerman_ShowsGermanWordsNumbersAndDates_WhileTheUrlStaysInvariant()
    {
        using var german = new Dashboard.Tests.Tiers.GermanCulture();

        var cut = await OpenAsync("usage/history?range=30d&split=kind&compare=both");

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=history-total-row]").Count));
        Assert.Equal("Nutzungsverlauf", cut.Find("h1").TextContent.Trim());
        Assert.Equal("30 T", Selected(cut, "history-range"));
        Assert.Equal("Art", Selected(cut, "history-split"));
        Assert.StartsWith("16. Mai 2026 – 14. Juni 2026 (UTC) · 30 Punkte zu je 1 Tag", cut.Find("[data-testid=history-period]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["Text", "130", "72,2 %", "100", "16. Mai 2026 00:00"], Cells(cut.FindAll("[data-testid=history-total-row]")[0]));
        Assert.Equal(["Foto", "50", "27,8 %", "50", "14. Juni 2026 00:00"], Cells(cut.FindAll("[data-testid=history-total-row]")[1]));
        Assert.Equal(["Alle Nachrichten", "180", "80", "+125,0 %", "200", "\u221210,0 % *"], Cells(cut.FindAll("[data-testid=history-comparison-row]")[^1]));
        Assert.StartsWith("Liniendiagramm der Nachrichten pro 1 Tag nach Art", cut.Find("[data-testid=history-chart]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("Jeder Punkt ist ein Intervall des Tagesaggregats.", cut.Find("[data-testid=history-caption]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/usage/history/export.csv?range=30d&split=kind&compare=both", cut.Find("[data-testid=history-export]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("All messages", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Compared with earlier", cut.Markup, StringComparison.Ordinal);
    }

    private async Task<IRenderedComponent<HistoryPage>> OpenAsync(string relativeUri)
    {
        _world.AddTo(_context, await _world.ExecutiveAsync());
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return _context.Render<HistoryPage>();
    }

    private static string Selected(IRenderedComponent<HistoryPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}] .mud-toggle-item-selected").TextContent.Trim();

    private static List<string> Cells(AngleSharp.Dom.IElement row) =>
        row.Children.Select(c => c.TextContent.Trim()).ToList();
}
