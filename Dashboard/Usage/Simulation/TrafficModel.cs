namespace Dashboard.Usage.Simulation;

/// <summary>A market the simulated platform serves: its share of the volume and its offset from UTC, for the daily cycle.</summary>
public sealed record Market(string Country, double Share, double UtcOffsetHours);

/// <summary>
/// The platform's traffic as a function of time, at the scale of the programme: about 55 billion messages a day
/// (636,000 a second on average), photos about 8 % of them. Each market follows a daily cycle in its own time zone and a
/// weekly cycle, the whole grows 20 % a year, and campaigns now and then lift one market for a quarter of an hour.
/// Everything is a pure function of the time and the seed, so that a backfill and a live run agree, and tests repeat.
/// </summary>
public sealed class TrafficModel
{
    /// <summary>Messages per second on average over a week, at the reference time.</summary>
    public const double AverageMessagesPerSecond = 636_000;

    public static IReadOnlyList<(string Kind, double Share)> Kinds { get; } =
    [
        ("text", 0.835),
        ("photo", 0.082),
        ("voice", 0.040),
        ("video", 0.030),
        ("document", 0.013),
    ];

    public static IReadOnlyList<(string Tier, double Share)> TierShares { get; } =
    [
        ("free", 0.62),
        ("business", 0.24),
        ("enterprise", 0.14),
    ];

    /// <summary>The markets, by share of the platform's volume; shares add up to 1.</summary>
    public static IReadOnlyList<Market> DefaultMarkets { get; } = Normalise(
    [
        new("IN", 18, 5.5), new("BR", 8, -3), new("ID", 6, 7), new("US", 5, -5), new("MX", 4, -6), new("PK", 3, 5),
        new("NG", 3, 1), new("DE", 3, 1), new("GB", 2.5, 0), new("IT", 2.5, 1), new("ES", 2.5, 1), new("TR", 2.5, 3),
        new("FR", 2.2, 1), new("EG", 2, 2), new("BD", 2, 6), new("AR", 2, -3), new("CO", 2, -5), new("ZA", 1.8, 2),
        new("PH", 1.6, 8), new("VN", 1.5, 7), new("SA", 1.5, 3), new("PL", 1.4, 1), new("MY", 1.2, 8), new("KE", 1.2, 3),
        new("NL", 1, 1), new("AE", 1, 4), new("AT", 0.6, 1), new("CH", 0.6, 1), new("AU", 0.8, 10), new("JP", 0.5, 9),
    ]);

    // Relative activity per local hour (0–23): quiet at night, a late-morning plateau, the evening peak.
    private static readonly double[] s_hourly = NormaliseMean(
    [
        0.40, 0.28, 0.20, 0.16, 0.15, 0.20, 0.35, 0.60, 0.85, 1.05, 1.15, 1.20,
        1.25, 1.20, 1.15, 1.15, 1.20, 1.30, 1.45, 1.60, 1.65, 1.50, 1.10, 0.70,
    ]);

    // Monday to Sunday.
    private static readonly double[] s_weekly = NormaliseMean([1.00, 1.00, 1.00, 1.02, 1.06, 0.98, 0.94]);

    private readonly int _seed;
    private readonly DateTimeOffset _reference;

    /// <param name="seed">Decides the campaigns and the second-to-second noise.</param>
    /// <param name="reference">The time at which the platform carries <see cref="AverageMessagesPerSecond"/> on average; it grows 20 % a year from there.</param>
    /// <param name="markets">The markets; <see cref="DefaultMarkets"/> when null.</param>
    public TrafficModel(int seed, DateTimeOffset reference, IReadOnlyList<Market>? markets = null)
    {
        _seed = seed;
        _reference = reference;
        Markets = markets ?? DefaultMarkets;
    }

    public IReadOnlyList<Market> Markets { get; }

    /// <summary>Messages per second in one market at an instant, without the second-to-second noise.</summary>
    public double MarketRate(Market market, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(market);
        var local = at.UtcDateTime.AddHours(market.UtcOffsetHours);
        var hour = local.Hour + (local.Minute / 60.0);
        var h0 = (int)Math.Floor(hour) % 24;
        var h1 = (h0 + 1) % 24;
        var daily = s_hourly[h0] + ((s_hourly[h1] - s_hourly[h0]) * (hour - Math.Floor(hour)));
        var weekly = s_weekly[((int)local.DayOfWeek + 6) % 7];
        var growth = Math.Pow(1.2, (at - _reference).TotalDays / 365.25);
        return AverageMessagesPerSecond * market.Share * daily * weekly * growth * Campaign(market, at);
    }

    /// <summary>Messages per second on the whole platform at an instant, without noise.</summary>
    public double TotalRate(DateTimeOffset at) => Markets.Sum(m => MarketRate(m, at));

    /// <summary>
    /// The counts of one whole second, per market, kind and tier, with a little noise that depends only on the seed and
    /// the second: what the platform's counters would report for it.
    /// </summary>
    public void Second(DateTimeOffset second, Action<string, string, string, long> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        var unix = second.ToUnixTimeSeconds();
        foreach (var market in Markets)
        {
            var rate = MarketRate(market, second);
            for (var k = 0; k < Kinds.Count; k++)
            {
                for (var t = 0; t < TierShares.Count; t++)
                {
                    var noise = 1 + (0.06 * (Unit(unix, market.Country, k * 8 + t) - 0.5));
                    var count = (long)Math.Round(rate * Kinds[k].Share * TierShares[t].Share * noise);
                    if (count > 0)
                    {
                        emit(market.Country, Kinds[k].Kind, TierShares[t].Tier, count);
                    }
                }
            }
        }
    }

    /// <summary>Messages of one market over a minute (the rate at its middle, times 60), split later by kind and tier shares.</summary>
    public double MarketMinute(Market market, DateTimeOffset minuteStart) => MarketRate(market, minuteStart.AddSeconds(30)) * 60;

    // A campaign lifts a market by 60–120 % for 15 minutes; about one hour in 30 has one, per market.
    private double Campaign(Market market, DateTimeOffset at)
    {
        var hour = at.ToUnixTimeSeconds() / 3600;
        if (Unit(hour, market.Country, 101) >= 1.0 / 30)
        {
            return 1;
        }

        var start = (int)(Unit(hour, market.Country, 102) * 45);
        var minute = at.UtcDateTime.Minute;
        return minute >= start && minute < start + 15 ? 1.6 + (0.6 * Unit(hour, market.Country, 103)) : 1;
    }

    // A number in [0, 1) that depends only on the seed and the arguments (SplitMix64 over their combination).
    private double Unit(long a, string country, int salt)
    {
        var x = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)(country[0] << 8 | country[1]) * 0xBF58476D1CE4E5B9UL ^ (ulong)salt * 0x94D049BB133111EBUL ^ (ulong)_seed);
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static Market[] Normalise(Market[] markets)
    {
        var total = markets.Sum(m => m.Share);
        return markets.Select(m => m with { Share = m.Share / total }).ToArray();
    }

    private static double[] NormaliseMean(double[] values)
    {
        var mean = values.Average();
        return values.Select(v => v / mean).ToArray();
    }
}
