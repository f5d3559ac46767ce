using Dashboard.Data.Usage;
using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>The history's rule for ranges, rollups, point lengths and compared periods, at a fixed instant with the default retention.</summary>
public sealed class HistoryPlannerTests
{
    private static readonly DateTimeOffset s_now = HistoryWorld.Now;
    private static readonly HistoryRetention s_retention = HistoryRetention.Of(new UsageOptions());

    [Theory]
    [InlineData("24h", UsageGranularity.Minute, 300, 288, "2026-06-14T12:30", "2026-06-15T12:30")]
    [InlineData("7d", UsageGranularity.Hour, 3600, 168, "2026-06-08T12:00", "2026-06-15T12:00")]
    [InlineData("30d", UsageGranularity.Day, 86400, 30, "2026-05-16T00:00", "2026-06-15T00:00")]
    [InlineData("90d", UsageGranularity.Day, 86400, 90, "2026-03-17T00:00", "2026-06-15T00:00")]
    [InlineData("365d", UsageGranularity.Day, 86400, 365, "2025-06-15T00:00", "2026-06-15T00:00")]
    public void Plan_Preset_ReadsItsRollupUpToTheLastCompletePoint(string range, UsageGranularity source, long step, int points, string from, string to)
    {
        var plan = Plan(HistoryView.Parse(range, null, null, null, "none"));

        Assert.Equal((source, step, points), (plan.Source, plan.StepSeconds, plan.PointCount));
        Assert.Equal((At(from), At(to)), (plan.From, plan.To));
        Assert.Equal(points, plan.BucketStarts.Count());
        Assert.Equal(plan.To, plan.BucketEnd(plan.BucketStarts.Last()));
    }

    [Theory]
    [InlineData("2026-06-10", "2026-06-10", UsageGranularity.Minute, 300, 288, "2026-06-11T00:00")]
    [InlineData("2026-05-20", "2026-05-20", UsageGranularity.Hour, 3600, 24, "2026-05-21T00:00")]
    [InlineData("2026-06-01", "2026-06-14", UsageGranularity.Hour, 3600, 336, "2026-06-15T00:00")]
    [InlineData("2026-05-01", "2026-05-31", UsageGranularity.Day, 86400, 31, "2026-06-01T00:00")]
    [InlineData("2026-06-01", "2026-06-15", UsageGranularity.Day, 86400, 14, "2026-06-15T00:00")]
    [InlineData("2026-06-15", "2026-06-15", UsageGranularity.Minute, 120, 377, "2026-06-15T12:34")]
    [InlineData("2021-06-12", "2026-06-14", UsageGranularity.Day, 7 * 86400, 262, "2026-06-15T00:00")]
    public void Plan_CustomDates_ChoosesTheRollupByLengthAndRetention(string from, string to, UsageGranularity source, long step, int points, string end)
    {
        var plan = Plan(HistoryView.Parse("custom", from, to, null, null));

        Assert.Equal((source, step, points), (plan.Source, plan.StepSeconds, plan.PointCount));
        Assert.Equal((At(from + "T00:00"), At(end)), (plan.From, plan.To));
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(At(end).AddTicks(-1).UtcDateTime)),
            (plan.FirstBusinessDay, plan.LastBusinessDay));
    }

    [Fact]
    public void Plan_RangeNotAWholeNumberOfPoints_EndsWithAShorterPoint()
    {
        var plan = Plan(HistoryView.Parse("custom", "2021-06-12", "2026-06-14", null, null));
        var last = plan.BucketStarts.Last();

        Assert.Equal(At("2026-06-13T00:00"), last);
        Assert.Equal(At("2026-06-15T00:00"), plan.BucketEnd(last));
        Assert.Equal(At("2026-06-06T00:00"), plan.BucketEnd(plan.BucketStarts.SkipLast(1).Last()) - TimeSpan.FromDays(7));
    }

    [Fact]
    public void StepFor_EveryLengthUpToTheDayRetention_GivesAtMostMaxPointsOfWholeBuckets()
    {
        foreach (var source in new[] { UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day })
        {
            for (var length = source.Seconds(); length <= 1830L * 86_400; length += source == UsageGranularity.Minute ? 3_607 * 60 : source.Seconds() * 7)
            {
                var step = HistoryPlanner.StepFor(source, length);
                Assert.Equal(0, step % source.Seconds());
                Assert.True((length + step - 1) / step <= HistoryPlanner.MaxPoints, $"{source} over {length} s: {step} s steps give too many points.");
            }
        }

        Assert.Equal(60, HistoryPlanner.StepFor(UsageGranularity.Minute, 6 * 3600));
        Assert.Equal(86_400, HistoryPlanner.StepFor(UsageGranularity.Day, 400L * 86_400));
        Assert.Equal(2 * 86_400, HistoryPlanner.StepFor(UsageGranularity.Day, 401L * 86_400));
    }

    [Fact]
    public void Plan_ShorterMinuteRetention_Reads24HoursFromHoursAlignedToTheHour()
    {
        var retention = HistoryRetention.Of(new UsageOptions { MinuteRetentionDays = 1 });

        var plan = HistoryPlanner.Plan(HistoryView.Parse("24h", null, null, null, "none"), s_now, retention);

        Assert.Equal((UsageGranularity.Hour, 3600L, 24), (plan.Source, plan.StepSeconds, plan.PointCount));
        Assert.Equal((At("2026-06-14T12:00"), At("2026-06-15T12:00")), (plan.From, plan.To));
    }

    [Fact]
    public void Plan_24HoursAgainstBoth_ComparesWholeHoursBecauseTheYearIsKeptInHours()
    {
        var plan = Plan(HistoryView.Parse("24h", null, null, null, "both"));

        Assert.Equal(UsageGranularity.Hour, plan.ComparedUnit);
        Assert.False(plan.ComparesWholeRange);
        Assert.Equal((At("2026-06-14T13:00"), At("2026-06-15T12:00")), (plan.ComparedFrom, plan.ComparedTo));
        var previous = plan.Period(HistoryPeriodKind.PreviousPeriod)!;
        var year = plan.Period(HistoryPeriodKind.PreviousYear)!;
        Assert.Equal((At("2026-06-13T13:00"), At("2026-06-14T12:00"), TimeSpan.FromDays(1)), (previous.From, previous.To, previous.Shift));
        Assert.Equal((At("2025-06-15T13:00"), At("2025-06-16T12:00"), TimeSpan.FromDays(364)), (year.From, year.To, year.Shift));
        Assert.True(previous.IsAvailable && year.IsAvailable);
    }

    [Fact]
    public void Plan_24HoursAgainstThePreviousPeriodOnly_ComparesTheWholeRangeInMinutes()
    {
        var plan = Plan(HistoryView.Parse("24h", null, null, null, "previous"));

        Assert.Equal(UsageGranularity.Minute, plan.ComparedUnit);
        Assert.True(plan.ComparesWholeRange);
        var previous = Assert.Single(plan.Periods);
        Assert.Equal((HistoryPeriodKind.PreviousPeriod, At("2026-06-13T12:30"), At("2026-06-14T12:30")), (previous.Kind, previous.From, previous.To));
    }

    [Theory]
    [InlineData("7d", "2026-06-01T12:00", "2026-06-08T12:00", "2025-06-09T12:00", "2025-06-16T12:00")]
    [InlineData("30d", "2026-04-16T00:00", "2026-05-16T00:00", "2025-05-17T00:00", "2025-06-16T00:00")]
    [InlineData("90d", "2025-12-17T00:00", "2026-03-17T00:00", "2025-03-18T00:00", "2025-06-16T00:00")]
    [InlineData("365d", "2024-06-15T00:00", "2025-06-15T00:00", "2024-06-16T00:00", "2025-06-16T00:00")]
    public void Plan_LongerPresets_CompareTheWholeRangeWithTheSameLengthBeforeAnd52WeeksBefore(
        string range, string previousFrom, string previousTo, string yearFrom, string yearTo)
    {
        var plan = Plan(HistoryView.Parse(range, null, null, null, "both"));

        Assert.True(plan.ComparesWholeRange);
        Assert.Equal([HistoryPeriodKind.PreviousPeriod, HistoryPeriodKind.PreviousYear], plan.Periods.Select(p => p.Kind));
        Assert.Equal((At(previousFrom), At(previousTo)), (plan.Periods[0].From, plan.Periods[0].To));
        Assert.Equal((At(yearFrom), At(yearTo)), (plan.Periods[1].From, plan.Periods[1].To));
        Assert.All(plan.Periods, p => Assert.True(p.IsAvailable));
    }

    [Fact]
    public void Plan_NoComparison_HasNoPeriods()
    {
        var plan = Plan(HistoryView.Parse("30d", null, null, null, "none"));

        Assert.Empty(plan.Periods);
        Assert.Null(plan.ComparedUnit);
    }

    [Fact]
    public void Plan_RangeNearTheEndOfRetention_SaysEarlierPeriodsAreNoLongerKept()
    {
        var plan = Plan(HistoryView.Parse("custom", "2021-07-01", "2021-07-31", null, "both"));

        Assert.Equal(UsageGranularity.Day, plan.Source);
        Assert.All(plan.Periods, p => Assert.False(p.IsAvailable));
        Assert.All(plan.Periods, p => Assert.Contains("1830 days", p.Unavailable, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "from", "Choose the first day")]
    [InlineData("2026-06-01", null, "to", "Choose the last day")]
    [InlineData("2021-06-11", "2021-06-30", "from", "kept for 1830 days: the first day can be 12 Jun 2021 at the earliest")]
    [InlineData("2026-06-10", "2026-06-16", "to", "today (15 Jun 2026) at the latest")]
    [InlineData("2026-06-16", "2026-06-16", "from", "cannot be in the future")]
    [InlineData("2026-06-10", "2026-06-09", "to", "cannot be before the first")]
    public void Problems_CustomDatesOutOfBounds_NameTheParameter(string? from, string? to, string parameter, string message)
    {
        var problems = HistoryPlanner.Problems(HistoryView.Parse("custom", from, to, null, null), s_now, s_retention);

        Assert.Contains(message, Assert.Single(problems[parameter]), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Plan(HistoryView.Parse("custom", from, to, null, null)));
    }

    [Fact]
    public void Problems_OldestAndNewestDays_AreAccepted()
    {
        Assert.Empty(HistoryPlanner.Problems(HistoryView.Parse("custom", "2021-06-12", "2026-06-15", null, null), s_now, s_retention));
        Assert.Equal(new DateOnly(2021, 6, 12), HistoryPlanner.OldestDay(s_now, s_retention));
    }

    [Fact]
    public void Parse_UnknownValues_MeanTheDefaults_AndDatesCountOnlyForACustomRange()
    {
        Assert.Equal(HistoryView.Default, HistoryView.Parse("3d", "2026-01-01", "2026-01-02", "country", "never"));
        Assert.Equal(new HistoryView(HistoryRange.Custom, new DateOnly(2026, 1, 1), null, UsageGroupBy.Tier, HistoryComparison.PreviousYear),
            HistoryView.Parse("CUSTOM", "2026-01-01", "1/2/2026", "tier", "year"));
    }

    [Fact]
    public void TryParse_UnknownValues_NameEachParameter()
    {
        Assert.Null(HistoryView.TryParse("3d", null, null, "country", "never", out var errors));
        Assert.Equal(["compare", "range", "split"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(HistoryView.TryParse("custom", "yesterday", "2026-01-02", null, null, out errors));
        Assert.Equal(["from"], errors.Keys);
        Assert.NotNull(HistoryView.TryParse(null, null, null, null, null, out errors));
    }

    [Fact]
    public void ToQueryString_RoundTripsThroughParse()
    {
        var view = new HistoryView(HistoryRange.Custom, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), UsageGroupBy.Region, HistoryComparison.PreviousPeriod);

        Assert.Equal("range=custom&from=2026-05-01&to=2026-05-31&split=region&compare=previous", view.ToQueryString());
        Assert.Equal("range=7d&split=none&compare=both", HistoryView.Default.ToQueryString());
        Assert.Equal(view, HistoryView.Parse("custom", "2026-05-01", "2026-05-31", "region", "previous"));
    }

    private static HistoryPlan Plan(HistoryView view) => HistoryPlanner.Plan(view, s_now, s_retention);

    private static DateTimeOffset At(string iso) =>
        DateTimeOffset.ParseExact(iso, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
