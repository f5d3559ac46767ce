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

    private const int CampaignMinutes = 15;

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

    /// <summary>
    /// The markets, by share of the platform's volume; shares add up to 1. Ten large markets that span every region
    /// (Asia-Pacific about 45 %, Latin America 22 %, Europe 15 %, North America and Middle East &amp; Africa 9 % each) and the
    /// time zones from UTC−6 to UTC+7. Each market is 15 rollup rows a minute and the history backfill writes 400 days of
    /// hours and 14 of minutes: 4.5 million rows with ten markets, which SQLite writes within the start-up budget on a
    /// small shared machine; thirty markets would be 13.6 million.
    /// </summary>
    public static IReadOnlyList<Market> DefaultMarkets { get; } = Normalise(
    [
        new("IN", 18, 5.5), new("BR", 8, -3), new("ID", 6, 7), new("US", 5, -5), new("MX", 4, -6),
        new("NG", 3, 1), new("DE", 3, 1), new("GB", 2.5, 0), new("TR", 2.5, 3), new("EG", 2, 2),
    ]);

    // Relative activity per local hour (0–23): quiet at night, a late-morning plateau, the evening peak.
    private static readonly double[] s_hourly = NormaliseMean(
    [
        0.40, 0.28, 0.20, 0.16, 0.15, 0.20, 0.35, 0.60, 0.85, 1.05, 1.15, 1.20,
        1.25, 1.20, 1.15, 1.15, 1.20, 1.30, 1.45, 1.60, 1.65, 1.50, 1.10, 0.70,
    ]);

    // Monday to Sunday.
    private static readonly double[] s_weekly = NormaliseMean([1.00, 1.00, 1.00, 1.02, 1.06, 0.98, 0.94]);

    // The share of each kind and tier together, in cell order (kind-major), for Minute.
    private static readonly double[] s_cellShares = [.. Kinds.SelectMany(k => TierShares.Select(t => k.Share * t.Share))];

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

    /// <summary>
    /// How many counters <see cref="Minute"/> fills: one per market, kind and tier, at index
    /// <c>(market * Kinds.Count + kind) * TierShares.Count + tier</c> (positions in <see cref="Markets"/>, <see cref="Kinds"/>, <see cref="TierShares"/>).
    /// </summary>
    public int CellCount => Markets.Count * s_cellShares.Length;

    /// <summary>Messages per second in one market at an instant, without the second-to-second noise.</summary>
    public double MarketRate(Market market, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(market);
        var unix = at.ToUnixTimeSeconds();
        var (start, lift) = Campaign(market, unix / 3600);
        var minute = (int)(unix % 3600 / 60);
        var campaign = minute >= start && minute < start + CampaignMinutes ? lift : 1;
        return AverageMessagesPerSecond * market.Share * Cycle(market, unix) * Growth(at) * campaign;
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

    /// <summary>
    /// The counts of one whole minute per market, kind and tier (see <see cref="CellCount"/> for the layout), as a
    /// backfill writes them: each market's minute (<see cref="MarketMinute"/>) split by the kind and tier shares, with a
    /// little noise that depends only on the seed and the minute. The rate does not change within a minute, so this is,
    /// within a fraction of a percent, the sum of the minute's 60 <see cref="Second"/>s, for a sixtieth of the work.
    /// </summary>
    public void Minute(DateTimeOffset minuteStart, Span<long> counts)
    {
        var unix = minuteStart.ToUnixTimeSeconds();
        if (unix % 60 != 0 || minuteStart.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"{minuteStart:O} is not the start of a minute.", nameof(minuteStart));
        }

        if (counts.Length < CellCount)
        {
            throw new ArgumentException($"A minute has {CellCount} counters.", nameof(counts));
        }

        var minute = unix / 60;
        var i = 0;
        foreach (var market in Markets)
        {
            var messages = MarketMinute(market, minuteStart);
            for (var cell = 0; cell < s_cellShares.Length; cell++)
            {
                var noise = 1 + (0.02 * (Unit(minute, market.Country, 200 + cell) - 0.5));
                counts[i++] = (long)Math.Round(messages * s_cellShares[cell] * noise);
            }
        }
    }

    /// <summary>
    /// The counts of one whole hour per market, kind and tier (layout as for <see cref="Minute"/>): each market's 60
    /// <see cref="MarketMinute"/>s added up, split by the kind and tier shares, with a little noise of the hour's own. What
    /// a backfill writes for an hour older than its minute rollups, for a sixtieth of the work of adding up 60 minutes.
    /// </summary>
    public void Hour(DateTimeOffset hourStart, Span<long> counts)
    {
        var unix = hourStart.ToUnixTimeSeconds();
        if (unix % 3600 != 0 || hourStart.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"{hourStart:O} is not the start of an hour.", nameof(hourStart));
        }

        if (counts.Length < CellCount)
        {
            throw new ArgumentException($"An hour has {CellCount} counters.", nameof(counts));
        }

        // MarketMinute 60 times over, with what does not change within the hour worked out once (growth changes by a
        // ten-millionth in an hour: it is taken at the middle).
        var hour = unix / 3600;
        var growth = Growth(hourStart.AddMinutes(30));
        var i = 0;
        foreach (var market in Markets)
        {
            var (start, lift) = Campaign(market, hour);
            var cycles = 0.0;
            for (var minute = 0; minute < 60; minute++)
            {
                cycles += Cycle(market, unix + (minute * 60) + 30) * (minute >= start && minute < start + CampaignMinutes ? lift : 1);
            }

            var messages = AverageMessagesPerSecond * market.Share * growth * cycles * 60;

            for (var cell = 0; cell < s_cellShares.Length; cell++)
            {
                var noise = 1 + (0.01 * (Unit(hour, market.Country, 300 + cell) - 0.5));
                counts[i++] = (long)Math.Round(messages * s_cellShares[cell] * noise);
            }
        }
    }

    /// <summary>Messages of one market over a minute (the rate at its middle, times 60), split later by kind and tier shares.</summary>
    public double MarketMinute(Market market, DateTimeOffset minuteStart) => MarketRate(market, minuteStart.AddSeconds(30)) * 60;

    // The daily cycle in the market's local time (between whole hours by the minute) times the weekly cycle.
    private static double Cycle(Market market, long unix)
    {
        var local = unix + (long)Math.Round(market.UtcOffsetHours * 3600);
        var minuteOfDay = (int)((((local / 60) % 1440) + 1440) % 1440);
        var h0 = minuteOfDay / 60;
        var h1 = (h0 + 1) % 24;
        var daily = s_hourly[h0] + ((s_hourly[h1] - s_hourly[h0]) * (minuteOfDay % 60 / 60.0));

        // 1 January 1970 was a Thursday (index 3 from Monday).
        var weekday = (int)((((Math.Floor(local / 86_400.0) + 3) % 7) + 7) % 7);
        return daily * s_weekly[weekday];
    }

    private double Growth(DateTimeOffset at) => Math.Pow(1.2, (at - _reference).TotalDays / 365.25);

    // A campaign lifts a market by 60–120 % for 15 minutes from a minute of the UTC hour; about one hour in 30 has one,
    // per market. An hour without one answers a start that no minute reaches.
    private (int Start, double Lift) Campaign(Market market, long hour) => Unit(hour, market.Country, 101) >= 1.0 / 30
        ? (-CampaignMinutes - 1, 1)
        : ((int)(Unit(hour, market.Country, 102) * 45), 1.6 + (0.6 * Unit(hour, market.Country, 103)));

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
