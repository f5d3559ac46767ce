using Bunit;
using Dashboard.Data;
using Dashboard.Data.Businesses;
using Dashboard.Data.Demo;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Tiers;

/// <summary>The revenue page over the real services and a migrated SQLite file, as an executive sees it.</summary>
public sealed class RevenuePageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(s_now);
    private AdminTestServices _services = null!;
    private UserAccount _executive = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        _executive = await _services.AddUserAsync("eva@example.test", Roles.Executive);
        _context.Services.AddSingleton<TimeProvider>(_time);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Render_MonthsInTheUrl_ShowsKpisAndMovementsOfThatRange()
    {
        await SeedDemoAsync();
        var expected = await ExpectedAsync(6);

        var cut = Open("revenue?months=6");

        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll("[data-testid=movement-row]").Count));
        Assert.Equal(RevenueFormat.Euros(expected.MrrCents), Kpi(cut, "kpi-mrr"));
        Assert.Equal(RevenueFormat.Number(expected.PayingBusinesses), Kpi(cut, "kpi-paying"));
        Assert.Equal(RevenueFormat.Euros(expected.MrrCents * 12), Kpi(cut, "kpi-arr"));
        Assert.Equal(RevenueFormat.Delta(expected.NetNewMrrCents), Kpi(cut, "kpi-net-new"));
        Assert.Equal(7, cut.FindAll("[data-testid=mrr-row]").Count);
        Assert.StartsWith("Dec 2025 to Jun 2026", cut.Find("[data-testid=revenue-period]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("/revenue/export.csv?months=6", cut.Find("[data-testid=revenue-export]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("6 months", cut.Find("[data-testid=revenue-range] .mud-toggle-item-selected").TextContent.Trim());

        // Newest month first; each row's counts and amounts are the computed movements of that month.
        var june = expected.Current;
        Assert.Equal(
            [
                "Jun 2026 (to date)",
                RevenueFormat.Number(june.Movements.New.Count), RevenueFormat.Delta(june.Movements.New.DeltaCents),
                RevenueFormat.Number(june.Movements.Upgrade.Count), RevenueFormat.Delta(june.Movements.Upgrade.DeltaCents),
                RevenueFormat.Number(june.Movements.Downgrade.Count), RevenueFormat.Delta(june.Movements.Downgrade.DeltaCents),
                RevenueFormat.Number(june.Movements.Churn.Count), RevenueFormat.Delta(june.Movements.Churn.DeltaCents),
                RevenueFormat.Delta(june.NetNewMrrCents),
            ],
            Cells(cut.FindAll("[data-testid=movement-row]")[0]));
        Assert.Equal("Dec 2025", Cells(cut.FindAll("[data-testid=movement-row]")[^1])[0]);
    }

    [Fact]
    public async Task Render_OnDemoData_MrrNowEqualsTheProgrammeSummary()
    {
        await SeedDemoAsync();
        var summary = await _services.Get<IBusinessStore>().SummaryAsync(s_now, Ct);

        var cut = Open("revenue");

        cut.WaitForAssertion(() => Assert.Equal(RevenueFormat.Euros(summary.MonthlyRecurringRevenueCents), Kpi(cut, "kpi-mrr")));
        Assert.Equal(RevenueFormat.Number(summary.PayingBusinesses), Kpi(cut, "kpi-paying"));
    }

    [Theory]
    [InlineData("revenue")]
    [InlineData("revenue?months=5")]
    public async Task Render_NoOrUnknownRange_ShowsTwelveMonths(string uri)
    {
        await SeedDemoAsync();

        var cut = Open(uri);

        cut.WaitForAssertion(() => Assert.Equal(13, cut.FindAll("[data-testid=movement-row]").Count));
        Assert.EndsWith("/revenue/export.csv?months=12", cut.Find("[data-testid=revenue-export]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectTwentyFourMonths_PutsTheRangeInTheUrlAndShowsIt()
    {
        await SeedDemoAsync();
        var cut = Open("revenue");
        cut.WaitForAssertion(() => Assert.Equal(13, cut.FindAll("[data-testid=movement-row]").Count));

        cut.FindAll("[data-testid=revenue-range] .mud-toggle-item").Single(b => b.TextContent.Trim() == "24 months").Click();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=movement-row]").Count));
        Assert.Equal("http://localhost/revenue?months=24", _context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Render_NoSubscriptions_ShowsTheEmptyState()
    {
        var cut = Open("revenue");

        cut.WaitForAssertion(() => Assert.Contains("No subscriptions in this period.", cut.Find("[data-testid=revenue-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=kpis]"));
        Assert.Empty(cut.FindAll("[data-testid=movements-table]"));
    }

    [Fact]
    public void Render_WhileTheStoreReads_ShowsLoadingThenTheFigures()
    {
        var store = new GatedStore();
        _context.Services.AddSingleton<IRevenueStore>(store);

        var cut = Open("revenue");

        cut.WaitForAssertion(() => Assert.Contains("Loading revenue", cut.Find("[data-testid=revenue-loading]").TextContent, StringComparison.Ordinal));
        store.Open([new SubscriptionPeriod { Id = 1, BusinessId = 1, EffectiveFrom = s_now.AddMonths(-2), MonthlyPriceCents = 49_900, TierCode = "business", TierName = "Business", TierSortOrder = 2 }]);
        cut.WaitForAssertion(() => Assert.Equal("€499", Kpi(cut, "kpi-mrr")));
        Assert.Empty(cut.FindAll("[data-testid=revenue-loading]"));
    }

    [Fact]
    public void Render_Chart_HasRoundStepsFromZero()
    {
        var store = new GatedStore();
        _context.Services.AddSingleton<IRevenueStore>(store);
        store.Open(
        [
            new SubscriptionPeriod { Id = 1, BusinessId = 1, EffectiveFrom = s_now.AddMonths(-4), MonthlyPriceCents = 49_900, TierCode = "business", TierName = "Business", TierSortOrder = 2 },
            new SubscriptionPeriod { Id = 2, BusinessId = 2, EffectiveFrom = s_now.AddMonths(-1), MonthlyPriceCents = 1_990_000, TierCode = "enterprise", TierName = "Enterprise", TierSortOrder = 3 },
        ]);

        var cut = Open("revenue");

        // The tallest bar is €20,399: the axis goes up in steps of €5,000 rather than in fifths of the tallest bar
        // (the chart draws its axis once it knows its size in the browser; here its settings are what can be read).
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpis]")));
        var chart = cut.FindComponent<MudBlazor.MudChart<double>>().Instance;
        Assert.Equal(5_000, Assert.IsType<MudBlazor.StackedBarChartOptions>(chart.ChartOptions).YAxisTicks);
    }

    [Fact]
    public async Task Render_InGerman_ShowsGermanWordsAndEurosTheGermanWay()
    {
        using var german = new GermanCulture();
        await SeedDemoAsync();
        var expected = await ExpectedAsync(6);

        var cut = Open("revenue?months=6");

        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll("[data-testid=movement-row]").Count));
        Assert.Equal("Umsatz", cut.Find("h1").TextContent.Trim());
        Assert.Equal("6 Monate", cut.Find("[data-testid=revenue-range] .mud-toggle-item-selected").TextContent.Trim());
        Assert.Equal("CSV exportieren", cut.Find("[data-testid=revenue-export]").TextContent.Trim());
        Assert.Matches(@"^Dez\.? 2025 bis Juni? 2026: jeder Monat zum Monatsende \(UTC\)", cut.Find("[data-testid=revenue-period]").TextContent.Trim());
        var mrr = Kpi(cut, "kpi-mrr");
        Assert.Matches(@"^\d{1,3}(\.\d{3})* €$", mrr);
        Assert.Equal(Math.Round(expected.MrrCents / 100m, MidpointRounding.AwayFromZero), decimal.Parse(mrr.TrimEnd('€', ' ').Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("(bis heute)", Cells(cut.FindAll("[data-testid=movement-row]")[0])[0], StringComparison.Ordinal);
        Assert.Contains("Bewegungen pro Monat", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Paying businesses", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Movements per month", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Reviewer_IsRefusedByTheService()
    {
        var reviewer = await _services.AddUserAsync("rudi@example.test", Roles.Reviewer);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            _services.Get<RevenueService>().LoadAsync(AdminTestServices.PrincipalOf(reviewer), 12, Ct));
    }

    private IRenderedComponent<RevenuePage> Open(string relativeUri)
    {
        _services.AddTo(_context, AdminTestServices.PrincipalOf(_executive));
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return _context.Render<RevenuePage>();
    }

    private Task SeedDemoAsync() =>
        new DemoDataSeeder(_services.Get<Database>(), _time).SeedAsync(new DemoSeedOptions { BusinessCount = 200 }, Ct);

    private async Task<RevenueReport> ExpectedAsync(int months)
    {
        var range = RevenueRange.Ending(s_now, months);
        return RevenueCalculator.Compute(range, await _services.Get<IRevenueStore>().PeriodsAsync(range.Since, range.Until, Ct));
    }

    private static string Kpi(IRenderedComponent<RevenuePage> cut, string testId) =>
        cut.Find($"[data-testid={testId}] [data-testid=kpi-value]").TextContent.Trim();

    private static List<string> Cells(AngleSharp.Dom.IElement row) =>
        row.Children.Select(c => c.TextContent.Trim()).ToList();

    /// <summary>A store whose read waits until the test lets it answer.</summary>
    private sealed class GatedStore : IRevenueStore
    {
        private readonly TaskCompletionSource<IReadOnlyList<SubscriptionPeriod>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open(IReadOnlyList<SubscriptionPeriod> periods) => _answer.SetResult(periods);

        public Task<IReadOnlyList<SubscriptionPeriod>> PeriodsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
            _answer.Task.WaitAsync(cancellationToken);
    }
}
