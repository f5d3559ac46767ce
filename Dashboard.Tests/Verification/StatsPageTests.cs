using Bunit;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Tests.Support;
using Dashboard.Verification;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Verification;

public sealed class StatsPageTests : IAsyncLifetime
{
    private readonly ConsoleBunitContext _context = new();
    private VerificationWorld _world = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await VerificationWorld.CreateAsync();
        await StatsScenario.SeedAsync(_world);

        // Monday 9 November 12:00: the last 7 days hold only sam's approval of D on Tuesday 3 November; the last 30 days hold all five decisions.
        _world.Time.SetUtcNow(StatsScenario.Monday.AddDays(7).AddHours(3));
        _context.Services.AddSingleton<IVerificationStore>(_world.Store);
        _context.Services.AddSingleton<TimeProvider>(_world.Time);
        _context.Services.AddSingleton<ReviewerStatistics>();
        _context.SignInAs(7, "reviewer@example.com", Roles.Reviewer);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public void Render_SeededWorld_ShowsTheKeyFiguresAndThePerReviewerTable()
    {
        var cut = Open("verification/stats");

        cut.WaitForAssertion(() => Assert.Equal("5", Kpi(cut, "kpi-decisions")));
        Assert.Equal("3 h 30 min", Kpi(cut, "kpi-handling"));
        Assert.Equal("67%", Kpi(cut, "kpi-approval"));
        Assert.Equal("1", Kpi(cut, "kpi-backlog"));
        Assert.Equal("1", Kpi(cut, "kpi-breaches"));
        Assert.Equal(
            [
                [StatsScenario.Rita, "3", "1", "1", "50%", "2 h 45 min"],
                [StatsScenario.Sam, "2", "1", "0", "100%", "5 h 0 min"],
            ],
            ReviewerRows(cut));
        Assert.Equal(["All reviewers", "5", "2", "1", "67%", "3 h 30 min"], Cells(cut.Find("[data-testid=reviewer-total]")));
        Assert.Contains("The last 30 days: 11 Oct to 9 Nov 2026", cut.Find("[data-testid=stats-period]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 request waits for a reviewer now, 1 of them past due.", cut.Find("[data-testid=backlog-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectSevenDays_PutsThePeriodInTheUrlAndNarrowsTheFigures()
    {
        var cut = Open("verification/stats");
        cut.WaitForAssertion(() => Assert.Equal("5", Kpi(cut, "kpi-decisions")));

        cut.FindAll("[data-testid=stats-range] .mud-toggle-item").Single(b => b.TextContent.Trim() == "7 days").Click();

        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-decisions")));
        Assert.Equal("http://localhost/verification/stats?days=7", _context.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal("5 h 0 min", Kpi(cut, "kpi-handling"));
        Assert.Equal("100%", Kpi(cut, "kpi-approval"));
        Assert.Equal([[StatsScenario.Sam, "1", "1", "0", "100%", "5 h 0 min"]], ReviewerRows(cut));
    }

    [Fact]
    public void Render_WithDaysInTheUrl_ReadsThePeriodOnLoad()
    {
        var cut = Open("verification/stats?days=7");

        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-decisions")));
        Assert.Contains("The last 7 days: 3 Nov to 9 Nov 2026", cut.Find("[data-testid=stats-period]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PeriodWithoutDecisions_ShowsTheEmptyStateAndStillTheBacklog()
    {
        _world.Time.Advance(TimeSpan.FromDays(14));

        var cut = Open("verification/stats?days=7");

        cut.WaitForAssertion(() => Assert.Contains("No decisions in this period.", cut.Find("[data-testid=stats-empty]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Pick a longer period", cut.Find("[data-testid=stats-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=reviewer-table]"));
        Assert.Equal("0", Kpi(cut, "kpi-decisions"));
        Assert.Equal("—", Kpi(cut, "kpi-handling"));
        Assert.Equal("—", Kpi(cut, "kpi-approval"));
        Assert.Equal("1", Kpi(cut, "kpi-backlog"));
        Assert.Equal(7, cut.FindAll("[data-testid=backlog-table] tbody tr").Count);
    }

    private IRenderedComponent<StatsPage> Open(string relativeUri)
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return _context.Render<StatsPage>();
    }

    private static string Kpi(IRenderedComponent<StatsPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}] [data-testid=kpi-value]").TextContent.Trim();

    private static List<List<string>> ReviewerRows(IRenderedComponent<StatsPage> cut) =>
        cut.FindAll("[data-testid=reviewer-row]").Select(Cells).ToList();

    private static List<string> Cells(AngleSharp.Dom.IElement row) =>
        row.Children.Select(c => c.TextContent.Trim()).ToList();
}
