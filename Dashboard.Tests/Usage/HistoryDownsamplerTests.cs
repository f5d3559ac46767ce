using Dashboard.Data.Usage;
using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>Downsampling sums whole rollup buckets into at most a few hundred points per series, keeping every total exact.</summary>
public sealed class HistoryDownsamplerTests
{
    private const long Day = 86_400;
    private static readonly long s_from = HistoryWorld.At(2026, 6, 14, 12, 30).ToUnixTimeSeconds();

    [Fact]
    public void Sum_ADayOfMinutesIntoFiveMinutePoints_KeepsEachSeriesTotalAndBoundsThePoints()
    {
        var random = new Random(20260615);
        var minutes = new List<UsageSeriesPoint>();
        foreach (var kind in UsageKinds.All)
        {
            for (var minute = 0; minute < 1440; minute++)
            {
                if (random.Next(10) > 0)
                {
                    minutes.Add(new UsageSeriesPoint(s_from + (minute * 60), kind, random.NextInt64(0, 50_000_000_000)));
                }
            }
        }

        var step = HistoryPlanner.StepFor(UsageGranularity.Minute, Day);
        var sums = HistoryDownsampler.Sum(minutes, s_from, s_from + Day, step);

        Assert.Equal(300, step);
        Assert.Equal(UsageKinds.All.Order(StringComparer.Ordinal), sums.Keys.Order(StringComparer.Ordinal));
        foreach (var kind in UsageKinds.All)
        {
            Assert.Equal(288, sums[kind].Length);
            Assert.Equal(minutes.Where(m => m.Name == kind).Sum(m => m.MessageCount), sums[kind].Sum());

            // Each point is exactly its five minutes.
            for (var i = 0; i < 288; i++)
            {
                var start = s_from + (i * step);
                Assert.Equal(minutes.Where(m => m.Name == kind && m.BucketStart >= start && m.BucketStart < start + step).Sum(m => m.MessageCount), sums[kind][i]);
            }
        }
    }

    [Fact]
    public void Sum_FiveYearsOfDays_GivesWeeksWithAShorterLastPointAndTheExactTotal()
    {
        var from = HistoryWorld.At(2021, 6, 12).ToUnixTimeSeconds();
        var to = from + (1829 * Day);
        var days = Enumerable.Range(0, 1829).Select(d => new UsageSeriesPoint(from + (d * Day), "", 55_000_000_000L + d)).ToList();
        var step = HistoryPlanner.StepFor(UsageGranularity.Day, to - from);

        var sums = HistoryDownsampler.Sum(days, from, to, step)[""];

        Assert.Equal(7 * Day, step);
        Assert.Equal(262, sums.Length);
        Assert.True(sums.Length <= HistoryPlanner.MaxPoints);
        Assert.Equal(days.Sum(d => d.MessageCount), sums.Sum());
        Assert.Equal(days.TakeLast(2).Sum(d => d.MessageCount), sums[^1]);
    }

    [Fact]
    public void Sum_PointsOutsideTheRange_AreLeftOut_AndEmptyPointsAreZero()
    {
        UsageSeriesPoint[] points =
        [
            new(s_from - 60, "photo", 1_000),
            new(s_from, "photo", 7),
            new(s_from + 3599, "photo", 5),
            new(s_from + (3 * 3600), "photo", 11),
            new(s_from + (4 * 3600), "photo", 1_000),
        ];

        var sums = HistoryDownsampler.Sum(points, s_from, s_from + (4 * 3600), 3600);

        Assert.Equal([12L, 0, 0, 11], sums["photo"]);
    }

    [Fact]
    public void Sum_NoPoints_GivesNoSeries()
    {
        Assert.Empty(HistoryDownsampler.Sum([], s_from, s_from + Day, 300));
    }
}
