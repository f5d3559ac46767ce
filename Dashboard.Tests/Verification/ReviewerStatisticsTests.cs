using Dashboard.Data.Verification;
using Dashboard.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Verification;

public sealed class ReviewerStatisticsTests
{
    private static readonly DateTimeOffset s_monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void Median_OddCount_IsTheMiddleValue()
    {
        Assert.Equal(Hours(2), ReviewerStatistics.Median([Hours(3), Hours(1), Hours(2)]));
        Assert.Equal(Hours(7), ReviewerStatistics.Median([Hours(7)]));
    }

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheTwoMiddleValues()
    {
        Assert.Equal(Hours(2.5), ReviewerStatistics.Median([Hours(4), Hours(1), Hours(3), Hours(2)]));
        Assert.Equal(new TimeSpan(1, 0, 30), ReviewerStatistics.Median([TimeSpan.FromHours(1), new TimeSpan(1, 1, 0)]));
    }

    [Fact]
    public void Median_NoValues_IsNull()
    {
        Assert.Null(ReviewerStatistics.Median([]));
        Assert.Equal("—", StatisticsFormat.Duration(null));
    }

    [Theory]
    [InlineData(2, 1, "67%")]
    [InlineData(1, 0, "100%")]
    [InlineData(0, 3, "0%")]
    [InlineData(1, 7, "13%")]
    public void ApprovalRate_WithDecisions_IsApprovedOverApprovedAndRejected(int approved, int rejected, string shown) =>
        Assert.Equal(shown, StatisticsFormat.Rate(ReviewerStatistics.ApprovalRate(approved, rejected)));

    [Fact]
    public void ApprovalRate_NothingApprovedOrRejected_IsNullAndShowsADash()
    {
        Assert.Null(ReviewerStatistics.ApprovalRate(0, 0));
        Assert.Equal("—", StatisticsFormat.Rate(null));

        // A reviewer who only asked for information and escalated: decisions, but no rate and no handling time.
        var time = new FakeTimeProvider(s_monday.AddHours(12));
        var report = ReviewerStatistics.Compute(StatisticsPeriod.Ending(time.GetUtcNow(), 7), [new ReviewerDay(s_monday, 4, "Ida", 3, 0, 0)], [], []);

        var ida = Assert.Single(report.Reviewers);
        Assert.Equal(3, ida.Decisions);
        Assert.Null(ida.ApprovalRate);
        Assert.Null(ida.MedianHandlingTime);
        Assert.Null(report.ApprovalRate);
        Assert.Equal("—", StatisticsFormat.Rate(report.ApprovalRate));
    }

    [Theory]
    [InlineData(0, "0 h 0 min")]
    [InlineData(45, "0 h 45 min")]
    [InlineData(125, "2 h 5 min")]
    [InlineData(52 * 60, "52 h 0 min")]
    public void Duration_Minutes_ReadsAsHoursAndMinutes(int minutes, string shown) =>
        Assert.Equal(shown, StatisticsFormat.Duration(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Duration_Seconds_RoundToTheNearestMinute()
    {
        Assert.Equal("2 h 0 min", StatisticsFormat.Duration(new TimeSpan(1, 59, 30)));
        Assert.Equal("1 h 59 min", StatisticsFormat.Duration(new TimeSpan(1, 59, 29)));
    }

    [Fact]
    public void Ending_SevenDays_CoversWholeUtcDaysUpToTheEndOfToday()
    {
        var period = StatisticsPeriod.Ending(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(1)), 7);

        Assert.Equal(new DateOnly(2026, 10, 27), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 2), period.LastDay);
        Assert.Equal(7, period.Dates.Count);
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), period.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), period.EndOf(new DateOnly(2026, 10, 31)));
        Assert.Equal(period.Now, period.EndOf(period.LastDay));
    }

    [Fact]
    public void Compute_DecisionsOfSeveralReviewers_AreGroupedPerReviewerPerDayBusiestFirst()
    {
        var time = new FakeTimeProvider(s_monday.AddDays(2).AddHours(15));
        var period = StatisticsPeriod.Ending(time.GetUtcNow(), 7);
        ReviewerDay[] decisions =
        [
            new(s_monday.AddDays(-7), 1, "Anna", 50, 0, 0), // before the period
            new(s_monday, 1, "Anna", 3, 1, 1),
            new(s_monday, 2, "Ben", 4, 2, 0),
            new(s_monday.AddDays(1), 2, "Ben", 1, 0, 1),
            new(s_monday.AddDays(2), 1, "Anna", 5, 3, 0),
        ];

        var report = ReviewerStatistics.Compute(period, decisions, [], []);

        Assert.Equal(["Anna", "Ben"], report.Reviewers.Select(r => r.Reviewer));
        Assert.Equal([0, 0, 0, 0, 3, 0, 5], report.Reviewers[0].DecisionsPerDay);
        Assert.Equal([0, 0, 0, 0, 4, 1, 0], report.Reviewers[1].DecisionsPerDay);
        Assert.Equal(8, report.Reviewers[0].Decisions);
        Assert.Equal(5, report.Reviewers[1].Decisions);
        Assert.Equal(13, report.Decisions);
        Assert.Equal(7, report.DecisionsOn(period.IndexOf(DateOnly.FromDateTime(s_monday.UtcDateTime))));
        Assert.True(report.HasDecisions);
    }

    [Fact]
    public void Compute_DecidedRequests_GiveHandlingTimesAndApprovalRatesPerReviewerAndOverall()
    {
        var time = new FakeTimeProvider(s_monday.AddDays(1).AddHours(12));
        var period = StatisticsPeriod.Ending(time.GetUtcNow(), 7);
        var submitted = s_monday.AddHours(8);
        DecidedRequest[] decided =
        [
            new(1, submitted, submitted.AddHours(1), VerificationStatus.Approved),
            new(1, submitted, submitted.AddHours(3), VerificationStatus.Rejected),
            new(1, submitted, submitted.AddHours(2).AddMinutes(20), VerificationStatus.Approved),
            new(2, submitted, submitted.AddHours(10), VerificationStatus.Rejected),
            new(2, submitted.AddDays(-30), period.From.AddTicks(-1), VerificationStatus.Approved), // decided before the period
        ];
        ReviewerDay[] decisions = [new(s_monday, 1, "Anna", 3, 2, 1), new(s_monday, 2, "Ben", 1, 0, 1)];

        var report = ReviewerStatistics.Compute(period, decisions, decided, []);

        var anna = report.Reviewers.Single(r => r.Reviewer == "Anna");
        Assert.Equal((2, 1), (anna.Approved, anna.Rejected));
        Assert.Equal("2 h 20 min", StatisticsFormat.Duration(anna.MedianHandlingTime));
        Assert.Equal("67%", StatisticsFormat.Rate(anna.ApprovalRate));
        var ben = report.Reviewers.Single(r => r.Reviewer == "Ben");
        Assert.Equal("10 h 0 min", StatisticsFormat.Duration(ben.MedianHandlingTime));
        Assert.Equal("0%", StatisticsFormat.Rate(ben.ApprovalRate));
        Assert.Equal((2, 2), (report.Approved, report.Rejected));
        Assert.Equal("2 h 40 min", StatisticsFormat.Duration(report.MedianHandlingTime)); // 1 h, 2 h 20, 3 h, 10 h
        Assert.Equal("50%", StatisticsFormat.Rate(report.ApprovalRate));
    }

    [Fact]
    public void Backlog_RequestsOpenedAndDecidedAtKnownTimes_CountsOpenAndPastDueAtTheEndOfEachDay()
    {
        var time = new FakeTimeProvider(s_monday.AddDays(3).AddHours(9)); // Thursday 09:00
        var period = StatisticsPeriod.Ending(time.GetUtcNow(), 4); // Monday to Thursday
        RequestSpan[] spans =
        [
            // Opened Monday 10:00, due Wednesday 10:00, decided Tuesday 16:00.
            new(s_monday.AddHours(10), s_monday.AddDays(2).AddHours(10), s_monday.AddDays(1).AddHours(16), VerificationStatus.Approved),

            // Opened Monday 12:00, due Wednesday 12:00, still open.
            new(s_monday.AddHours(12), s_monday.AddDays(2).AddHours(12), null, VerificationStatus.InReview),

            // Opened Tuesday 08:00, due Thursday 08:00, decided Thursday 08:30: past due at the end of no day, but open past due before 08:30.
            new(s_monday.AddDays(1).AddHours(8), s_monday.AddDays(3).AddHours(8), s_monday.AddDays(3).AddHours(8.5), VerificationStatus.Rejected),

            // Opened Wednesday 23:00, due Friday: open at Wednesday's end and now.
            new(s_monday.AddDays(2).AddHours(23), s_monday.AddDays(4).AddHours(23), null, VerificationStatus.Pending),

            // Waiting for the business: not reviewers' backlog.
            new(s_monday.AddHours(9), s_monday.AddDays(2).AddHours(9), null, VerificationStatus.NeedsInfo),

            // Revoked: its decision time is the revocation, so it is left out.
            new(s_monday.AddDays(-20), s_monday.AddDays(-18), s_monday.AddDays(2), VerificationStatus.Revoked),
        ];

        var backlog = ReviewerStatistics.Backlog(period, spans);

        Assert.Equal(
            [("Mon", 2, 0), ("Tue", 2, 0), ("Wed", 3, 1), ("Thu", 2, 1)],
            backlog.Select(p => (p.Day.ToString("ddd", System.Globalization.CultureInfo.InvariantCulture), p.Open, p.PastDue)));
        Assert.Equal(time.GetUtcNow(), backlog[^1].At);
        Assert.Equal(s_monday.AddDays(1), backlog[0].At);
    }

    [Fact]
    public void IsBacklogAt_DecidedExactlyThen_IsNoLongerOpen()
    {
        var span = new RequestSpan(s_monday, s_monday.AddDays(2), s_monday.AddHours(5), VerificationStatus.Approved);

        Assert.False(ReviewerStatistics.IsBacklogAt(span, s_monday.AddMinutes(-1)));
        Assert.True(ReviewerStatistics.IsBacklogAt(span, s_monday));
        Assert.True(ReviewerStatistics.IsBacklogAt(span, s_monday.AddHours(5).AddTicks(-1)));
        Assert.False(ReviewerStatistics.IsBacklogAt(span, s_monday.AddHours(5)));
    }

    [Fact]
    public async Task LoadAsync_ThroughTheStore_MatchesTheDecisionsMadeInTheWorkflow()
    {
        await using var world = await VerificationWorld.CreateAsync();
        await StatsScenario.SeedAsync(world);
        world.Time.SetUtcNow(StatsScenario.Monday.AddDays(4).AddHours(3)); // Friday 12:00
        var statistics = new ReviewerStatistics(world.Store, world.Time);

        var report = await statistics.LoadAsync(7, TestContext.Current.CancellationToken);

        Assert.Equal(5, report.Decisions);
        Assert.Equal([StatsScenario.Rita, StatsScenario.Sam], report.Reviewers.Select(r => r.Reviewer));
        var rita = report.Reviewers[0];
        var sam = report.Reviewers[1];
        var monday = report.Period.IndexOf(DateOnly.FromDateTime(StatsScenario.Monday.UtcDateTime));
        Assert.Equal(3, rita.DecisionsPerDay[monday]);
        Assert.Equal([1, 1], sam.DecisionsPerDay.Skip(monday).Take(2));
        Assert.Equal((1, 1, "2 h 45 min", "50%"), (rita.Approved, rita.Rejected, StatisticsFormat.Duration(rita.MedianHandlingTime), StatisticsFormat.Rate(rita.ApprovalRate)));
        Assert.Equal((1, 0, "5 h 0 min", "100%"), (sam.Approved, sam.Rejected, StatisticsFormat.Duration(sam.MedianHandlingTime), StatisticsFormat.Rate(sam.ApprovalRate)));
        Assert.Equal("3 h 30 min", StatisticsFormat.Duration(report.MedianHandlingTime));
        Assert.Equal("67%", StatisticsFormat.Rate(report.ApprovalRate));

        // Monday ends with nothing waiting (C waits for its business); E waits from Tuesday and is past due from Thursday 10:00.
        Assert.Equal(
            [(0, 0), (0, 0), (0, 0), (1, 0), (1, 0), (1, 1), (1, 1)],
            report.Backlog.Select(p => (p.Open, p.PastDue)));
        Assert.Equal((1, 1), (report.Current.Open, report.Current.PastDue));
        var open = await world.Store.CountByStatusAsync(TestContext.Current.CancellationToken);
        Assert.Equal(VerificationStatus.Open.Sum(s => open.GetValueOrDefault(s)), report.Current.Open);
        Assert.Equal(await world.Store.CountOverdueAsync(world.Time.GetUtcNow(), TestContext.Current.CancellationToken), report.Current.PastDue);
    }
}
