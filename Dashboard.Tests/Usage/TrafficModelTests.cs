using Dashboard.Usage.Simulation;

namespace Dashboard.Tests.Usage;

public sealed class TrafficModelTests
{
    private static readonly DateTimeOffset s_reference = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TotalRate_AveragedOverAWeek_IsAbout636000MessagesASecond()
    {
        var model = new TrafficModel(7, s_reference);

        var average = Enumerable.Range(0, 7 * 24 * 12).Average(i => model.TotalRate(s_reference.AddMinutes(5 * i + 2.5)));

        Assert.InRange(average, 636_000 * 0.97, 636_000 * 1.04);
    }

    [Fact]
    public void Second_PhotosAreAbout8PercentOfMessages_AndEveryMarketKindAndTierIsReported()
    {
        var model = new TrafficModel(7, s_reference);
        long total = 0, photos = 0;
        var cells = new HashSet<(string, string, string)>();

        model.Second(s_reference.AddHours(12), (country, kind, tier, count) =>
        {
            total += count;
            photos += kind == "photo" ? count : 0;
            cells.Add((country, kind, tier));
        });

        Assert.InRange(photos / (double)total, 0.078, 0.086);
        Assert.Equal(model.Markets.Count * 5 * 3, cells.Count);
    }

    [Fact]
    public void MarketRate_FollowsTheLocalDay_QuietAtNightBusyInTheEvening()
    {
        var model = new TrafficModel(7, s_reference);
        var germany = model.Markets.Single(m => m.Country == "DE");
        var india = model.Markets.Single(m => m.Country == "IN");

        // 03:00 and 19:30 in Berlin (UTC+1); the same instants are 07:30 and 00:00 in India (UTC+5:30).
        var night = model.MarketRate(germany, s_reference.AddHours(2));
        var evening = model.MarketRate(germany, s_reference.AddHours(18.5));

        Assert.True(evening > night * 5, $"evening {evening:N0}/s, night {night:N0}/s");
        Assert.True(model.MarketRate(india, s_reference.AddHours(2)) > model.MarketRate(india, s_reference.AddHours(18.5)));
    }

    [Fact]
    public void TotalRate_GrowsTwentyPercentAYear()
    {
        var model = new TrafficModel(7, s_reference);

        var now = Enumerable.Range(0, 7 * 24).Sum(h => model.TotalRate(s_reference.AddHours(h + 0.5)));
        var yearAgo = Enumerable.Range(0, 7 * 24).Sum(h => model.TotalRate(s_reference.AddDays(-7 * 52).AddHours(h + 0.5)));

        Assert.InRange(now / yearAgo, 1.17, 1.23);
    }

    [Fact]
    public void Minute_IsWithinAFractionOfAPercentOfItsSixtySeconds_CellByCell()
    {
        var model = new TrafficModel(7, s_reference);
        var minute = s_reference.AddHours(40).AddMinutes(17);
        var seconds = new Dictionary<(string, string, string), long>();
        for (var s = 0; s < 60; s++)
        {
            model.Second(minute.AddSeconds(s), (country, kind, tier, count) => seconds[(country, kind, tier)] = seconds.GetValueOrDefault((country, kind, tier)) + count);
        }

        var counts = new long[model.CellCount];
        model.Minute(minute, counts);

        var i = 0;
        foreach (var market in model.Markets)
        {
            foreach (var (kind, _) in TrafficModel.Kinds)
            {
                foreach (var (tier, _) in TrafficModel.TierShares)
                {
                    var fromSeconds = seconds[(market.Country, kind, tier)];
                    Assert.InRange(counts[i++], fromSeconds * 0.985, fromSeconds * 1.015);
                }
            }
        }
    }

    [Fact]
    public void Hour_IsWithinAFractionOfAPercentOfItsSixtyMinutes_AndBothRepeat()
    {
        var model = new TrafficModel(7, s_reference);
        var hour = s_reference.AddHours(-1000);
        var minutes = new long[model.CellCount];
        var counts = new long[model.CellCount];
        long sumOfMinutes = 0;
        for (var m = 0; m < 60; m++)
        {
            model.Minute(hour.AddMinutes(m), counts);
            sumOfMinutes += counts.Sum();
        }

        model.Hour(hour, counts);
        new TrafficModel(7, s_reference).Hour(hour, minutes);

        Assert.InRange(counts.Sum(), sumOfMinutes * 0.997, sumOfMinutes * 1.003);
        Assert.Equal(counts, minutes);
        Assert.Throws<ArgumentException>(() => model.Hour(hour.AddMinutes(1), counts));
        Assert.Throws<ArgumentException>(() => model.Minute(hour.AddSeconds(1), counts));
    }

    [Fact]
    public void Second_SameSeedAndSecond_GiveTheSameCounts_OtherSeedsDiffer()
    {
        static long Sum(int seed, DateTimeOffset at)
        {
            long sum = 0;
            new TrafficModel(seed, s_reference).Second(at, (_, _, _, c) => sum += c);
            return sum;
        }

        var at = s_reference.AddHours(30).AddSeconds(17);

        Assert.Equal(Sum(7, at), Sum(7, at));
        Assert.NotEqual(Sum(7, at), Sum(8, at));
        Assert.NotEqual(Sum(7, at), Sum(7, at.AddSeconds(1)));
    }
}
