using Dashboard.Data.Identity;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using static Dashboard.Tests.Usage.HistoryWorld;

namespace Dashboard.Tests.Usage;

/// <summary>The history service over crafted rollups and daily business counts on a migrated SQLite file, the clock at <see cref="HistoryWorld.Now"/>.</summary>
public sealed class HistoryServiceTests : IAsyncLifetime
{
    private HistoryWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await CreateAsync();

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task LoadAsync_30DaysByKind_ComparesWithTheSameLengthBeforeAnd52WeeksBefore()
    {
        await Seed30DaysAsync();

        var report = await _world.ReportAsync(HistoryView.Parse("30d", null, null, "kind", "both"));

        // The range: 16 May to 14 Jun, in days; today and the days around it do not count.
        Assert.Equal(["Text", "Photo", "Video", "Voice", "Document"], report.Series.Select(s => s.Name));
        var text = report.Series[0];
        var photo = report.Series[1];
        Assert.Equal(30, text.Points.Count);
        Assert.Equal((100L, 25L, 125L), (text.Points[0], text.Points[15], text.Total));
        Assert.Equal((50L, 50L), (photo.Points[29], photo.Total));
        Assert.Equal(175, report.Total);

        // Previous period 16 Apr to 15 May; previous year 17 May 2025 to 15 Jun 2025.
        Assert.Equal(
            [
                ("text", 125L, (long?)100L, (long?)70L),
                ("photo", 50L, 0L, 70L),
                ("video", 0L, 0L, 0L),
                ("voice", 0L, 0L, 0L),
                ("document", 0L, 0L, 0L),
                (UsageHistoryService.AllKey, 175L, 100L, 140L),
            ],
            report.Comparison.Select(r => (r.Key, r.Current, r.PreviousPeriod, r.PreviousYear)));
        var all = report.Comparison[^1];
        Assert.Equal((75.0, 25.0), (all.PreviousPeriodChange, all.PreviousYearChange));
        Assert.Equal(25.0, report.Comparison[0].PreviousPeriodChange);
        Assert.Equal(-28.571, report.Comparison[1].PreviousYearChange!.Value, 3);
        Assert.Null(report.Comparison[1].PreviousPeriodChange);
        Assert.Null(report.PreviousPeriodLine);
    }

    [Fact]
    public async Task LoadAsync_30DaysUnsplit_DrawsThePreviousPeriodAsALineOfTheSamePoints()
    {
        await Seed30DaysAsync();

        var report = await _world.ReportAsync(HistoryView.Parse("30d", null, null, "none", "previous"));

        var series = Assert.Single(report.Series);
        Assert.Equal((UsageHistoryService.AllName, 175L), (series.Name, series.Total));
        var line = Assert.IsType<HistorySeries>(report.PreviousPeriodLine);
        Assert.Equal(30, line.Points.Count);
        Assert.Equal((40L, 60L, 100L), (line.Points[0], line.Points[29], line.Total));
        var row = Assert.Single(report.Comparison);
        Assert.Equal((175L, (long?)100L, (long?)null), (row.Current, row.PreviousPeriod, row.PreviousYear));
    }

    [Fact]
    public async Task LoadAsync_24HoursAgainstBoth_ShowsEveryMinuteButComparesWholeHours()
    {
        // The range is 14 Jun 12:30 to 15 Jun 12:30; the compared span 13:00 to 12:00, because the previous year is kept in hours.
        await _world.AddAsync(UsageGranularity.Minute,
            Cell(At(2026, 6, 14, 12, 40), 3), Cell(At(2026, 6, 14, 13, 0), 10), Cell(At(2026, 6, 15, 11, 59), 30), Cell(At(2026, 6, 15, 12, 25), 20),
            Cell(At(2026, 6, 13, 12, 45), 1_000), Cell(At(2026, 6, 13, 13, 30), 8), Cell(At(2026, 6, 14, 12, 10), 2_000));
        await _world.AddAsync(UsageGranularity.Hour,
            Cell(At(2025, 6, 15, 12), 7_000), Cell(At(2025, 6, 15, 13), 16), Cell(At(2025, 6, 16, 11), 4), Cell(At(2025, 6, 16, 12), 9_000));

        var report = await _world.ReportAsync(HistoryView.Parse("24h", null, null, "none", "both"));

        var series = Assert.Single(report.Series);
        Assert.Equal((288, 63L), (series.Points.Count, series.Total));
        Assert.Equal((3L, 10L, 20L), (series.Points[2], series.Points[6], series.Points[^1]));
        var row = Assert.Single(report.Comparison);
        Assert.Equal((40L, (long?)8L, (long?)20L), (row.Current, row.PreviousPeriod, row.PreviousYear));
        Assert.Equal((400.0, 100.0), (row.PreviousPeriodChange, row.PreviousYearChange));

        // The dashed line is the whole previous 24 hours in the same five-minute points.
        Assert.Equal(3_008, report.PreviousPeriodLine!.Total);
        Assert.Equal(1_000, report.PreviousPeriodLine.Points[3]);
    }

    [Fact]
    public async Task LoadAsync_7DaysByRegion_MapsCountriesToTheConfiguredRegionsInOrder()
    {
        await _world.AddAsync(UsageGranularity.Hour,
            Cell(At(2026, 6, 9), 10, "DE"), Cell(At(2026, 6, 10), 5, "FR"), Cell(At(2026, 6, 11), 7, "US"), Cell(At(2026, 6, 12), 3, "BR"),
            Cell(At(2026, 6, 8, 11), 900, "JP"));

        var report = await _world.ReportAsync(HistoryView.Parse("7d", null, null, "region", "none"));

        Assert.Equal(
            [("Europe", 15L), ("North America", 7L), ("Latin America", 3L), ("Middle East & Africa", 0L), ("Asia-Pacific", 0L)],
            report.Series.Select(s => (s.Name, s.Total)));
        Assert.Equal(168, report.Series[0].Points.Count);
        Assert.Empty(report.Comparison);
    }

    [Fact]
    public async Task LoadAsync_ByTier_NamesTiersAsTheCatalogueDoesAndKeepsUnknownCodes()
    {
        await _world.AddAsync(UsageGranularity.Day,
            Cell(At(2026, 6, 1), 10, tier: "enterprise"), Cell(At(2026, 6, 2), 20, tier: "free"), Cell(At(2026, 6, 3), 4, tier: "legacy"));

        var report = await _world.ReportAsync(HistoryView.Parse("30d", null, null, "tier", "previous"));

        Assert.Equal([("free", "Free", 20L), ("business", "Business", 0L), ("enterprise", "Enterprise", 10L), ("legacy", "legacy", 4L)],
            report.Series.Select(s => (s.Key, s.Name, s.Total)));
        Assert.Equal(34, report.Comparison[^1].Current);
    }

    [Fact]
    public async Task LoadAsync_TopBusinesses_RanksTheRangesWholeDaysByMessages()
    {
        // 25 businesses on the range's first and last day (16 May and 14 Jun); business 13 and 14 tie.
        var ids = new List<long>();
        for (var i = 1; i <= 25; i++)
        {
            var id = await _world.AddBusinessAsync($"Business {i:00}", i % 2 == 0 ? "FR" : "DE");
            ids.Add(id);
            var messages = i == 14 ? 130 : i * 10;
            await _world.AddBusinessDayAsync(id, new DateOnly(2026, 5, 16), i, messages);
            await _world.AddBusinessDayAsync(id, new DateOnly(2026, 6, 14), 1, 1);
        }

        // Days outside the range: the day before it and today (left out of a 30-day range).
        await _world.AddBusinessDayAsync(ids[0], new DateOnly(2026, 5, 15), 1, 1_000_000);
        await _world.AddBusinessDayAsync(ids[1], new DateOnly(2026, 6, 15), 1, 1_000_000);

        var report = await _world.ReportAsync(HistoryView.Parse("30d", null, null, "none", "none"));

        Assert.Equal(UsageHistoryService.TopBusinessCount, report.TopBusinesses.Count);
        Assert.Equal(["Business 25", "Business 24", "Business 23"], report.TopBusinesses.Take(3).Select(b => b.BusinessName));
        Assert.Equal((251L, 26L, 2L, "DE"), (report.TopBusinesses[0].Messages, report.TopBusinesses[0].Conversations, report.TopBusinesses[0].Days, report.TopBusinesses[0].Country));
        Assert.Equal(["Business 13", "Business 14"], report.TopBusinesses.Where(b => b.Messages == 131).Select(b => b.BusinessName));
        Assert.Equal("Business 06", report.TopBusinesses[^1].BusinessName);
        Assert.Equal((new DateOnly(2026, 5, 16), new DateOnly(2026, 6, 14)), (report.Plan.FirstBusinessDay, report.Plan.LastBusinessDay));
    }

    [Fact]
    public async Task LoadAsync_UsageRecordedOnlyRecently_SaysEarlierPeriodsAreOnlyPartlyCovered()
    {
        await _world.AddAsync(UsageGranularity.Day, Cell(At(2026, 3, 1), 5), Cell(At(2026, 6, 1), 7));

        var report = await _world.ReportAsync(HistoryView.Parse("365d", null, null, "none", "both"));

        Assert.Equal(new DateOnly(2026, 3, 1), report.FirstRecordedDay);
        Assert.True(report.RecordedOnlyAfter(report.Plan.From));
        Assert.All(report.Plan.Periods, p => Assert.True(report.RecordedOnlyAfter(p.From)));
        Assert.False(report.RecordedOnlyAfter(At(2026, 3, 1)));
        Assert.Equal(12, report.Total);
    }

    [Fact]
    public async Task LoadAsync_NothingRecorded_GivesZeroSeriesAndNoBusinesses()
    {
        var report = await _world.ReportAsync(HistoryView.Default);

        Assert.Equal(0, report.Total);
        Assert.Equal(168, Assert.Single(report.Series).Points.Count);
        Assert.Empty(report.TopBusinesses);
        Assert.Null(report.FirstRecordedDay);
        Assert.False(report.RecordedOnlyAfter(report.Plan.From));
        Assert.All(report.Comparison, r => Assert.Null(r.PreviousPeriodChange));
    }

    [Fact]
    public async Task LoadAsync_Reviewer_IsRefusedByTheService()
    {
        var reviewer = await _world.Admin.AddUserAsync("rudi@example.test", Roles.Reviewer);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            _world.History.LoadAsync(AdminTestServices.PrincipalOf(reviewer), HistoryView.Default, Ct));
    }

    [Fact]
    public async Task Write_Csv_HoldsEveryPointTotalsAndComparisons()
    {
        await Seed30DaysAsync();
        var report = await _world.ReportAsync(HistoryView.Parse("30d", null, null, "kind", "both"));

        var lines = HistoryCsv.Write(report).Split("\r\n");

        Assert.Equal("Row,Series,From (UTC),To (UTC),Messages,Change %", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(1 + (5 * 30) + 6 + (3 * 6) + 1, lines.Length);
        Assert.Equal("point,Text,2026-05-16T00:00:00Z,2026-05-17T00:00:00Z,100,", lines[1]);
        Assert.Contains("point,Photo,2026-06-14T00:00:00Z,2026-06-15T00:00:00Z,50,", lines);
        Assert.Contains("total,All messages,2026-05-16T00:00:00Z,2026-06-15T00:00:00Z,175,", lines);
        Assert.Contains("compared,All messages,2026-05-16T00:00:00Z,2026-06-15T00:00:00Z,175,", lines);
        Assert.Contains("previous period,Text,2026-04-16T00:00:00Z,2026-05-16T00:00:00Z,100,25.00", lines);
        Assert.Contains("previous period,Photo,2026-04-16T00:00:00Z,2026-05-16T00:00:00Z,0,", lines);
        Assert.Contains("previous year,Photo,2025-05-17T00:00:00Z,2025-06-16T00:00:00Z,70,-28.57", lines);
        Assert.Contains("previous year,All messages,2025-05-17T00:00:00Z,2025-06-16T00:00:00Z,140,25.00", lines);
        Assert.Equal("usage-history-30d-by-kind-2026-06-15.csv", HistoryCsv.FileName(report));
    }

    [Theory]
    [InlineData("Business, Plus", "\"Business, Plus\"")]
    [InlineData("Say \"hi\"", "\"Say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("Europe", "Europe")]
    public void Field_Text_IsQuotedAsRfc4180AndNeverRunAsAFormula(string value, string expected)
    {
        Assert.Equal(expected, HistoryCsv.Field(value));
    }

    /// <summary>Day rollups around the 30-day range of 16 May to 14 Jun 2026, its previous period and its previous year.</summary>
    private Task Seed30DaysAsync() => _world.AddAsync(UsageGranularity.Day,
        // The range: text 125, photo 50; today and the day before the range's previous period stay out.
        Cell(At(2026, 5, 16), 100), Cell(At(2026, 5, 31), 25, "FR"), Cell(At(2026, 6, 14), 50, "US", UsageKinds.Photo), Cell(At(2026, 6, 15), 1_000),
        // The previous period: 40 + 60.
        Cell(At(2026, 4, 16), 40), Cell(At(2026, 5, 15), 60), Cell(At(2026, 4, 15), 9_999),
        // The previous year: 70 + 70, and the days on either side.
        Cell(At(2025, 5, 17), 70), Cell(At(2025, 6, 15), 70, kind: UsageKinds.Photo), Cell(At(2025, 5, 16), 4_444), Cell(At(2025, 6, 16), 5_555));
}
