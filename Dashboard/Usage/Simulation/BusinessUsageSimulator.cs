using Dashboard.Data.Usage;

namespace Dashboard.Usage.Simulation;

/// <summary>
/// Keeps the demo's per-business daily usage current while the simulator runs, so that usage against limits and active
/// businesses stay filled: each complete UTC day after the latest stored one (at most the last 30) gets a row for every
/// business with usage in its last 7 stored days, scaled from those days with the demo's weekly pattern and a little
/// noise that depends only on the seed, the business and the day. Without per-business usage (no demo data) it writes nothing.
/// </summary>
public sealed partial class BusinessUsageSimulator(IUsageStore store, ILogger<BusinessUsageSimulator> logger)
{
    /// <summary>The most days written at once, as many as the demo data seeds.</summary>
    public const int MaxDays = 30;

    private const int RecentDays = 7;
    private const long Day = 86_400;

    /// <summary>Writes every complete day before <paramref name="now"/> that follows the latest stored day; answers how many rows were added.</summary>
    public async Task<int> CatchUpAsync(int seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = UsageBuckets.Floor(now.ToUnixTimeSeconds(), UsageGranularity.Day);
        if (await store.LatestBusinessDayAsync(cancellationToken) is not { } latest || latest >= today - Day)
        {
            return 0;
        }

        var recent = await store.BusinessDaysAsync(latest - ((RecentDays - 1) * Day), latest + Day, cancellationToken);
        var history = recent.GroupBy(d => d.BusinessId).ToDictionary(g => g.Key, g => new Queue<BusinessUsageDay>(g.OrderBy(d => d.Day)));
        var first = Math.Max(latest + Day, today - (MaxDays * Day));
        var added = 0;
        for (var day = first; day < today; day += Day)
        {
            var rows = new List<BusinessUsageDay>(history.Count);
            foreach (var (business, days) in history)
            {
                var next = Next(seed, business, day, days);
                rows.Add(next);
                days.Enqueue(next);
                if (days.Count > RecentDays)
                {
                    days.Dequeue();
                }
            }

            added += await store.AddBusinessDaysAsync(rows, cancellationToken);
        }

        if (added > 0)
        {
            LogAdded(added, DateTimeOffset.FromUnixTimeSeconds(first), DateTimeOffset.FromUnixTimeSeconds(today - Day));
        }

        return added;
    }

    private static BusinessUsageDay Next(int seed, long business, long day, IReadOnlyCollection<BusinessUsageDay> recent)
    {
        // The business's typical weekday, from its recent days with weekends taken out, and its messages per conversation.
        var typical = recent.Average(d => d.Conversations / Weekly(d.Day));
        var conversations = recent.Sum(d => d.Conversations);
        var perConversation = conversations == 0 ? 0 : (double)recent.Sum(d => d.Messages) / conversations;
        var today = (long)Math.Round(typical * Weekly(day) * (0.8 + (0.4 * Unit(seed, business, day))));
        return new BusinessUsageDay(business, day, today, (long)Math.Round(today * perConversation));
    }

    // As in the demo data: weekends carry a little over half a weekday's conversations.
    private static double Weekly(long day) => DateTimeOffset.FromUnixTimeSeconds(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55 : 1.0;

    // A number in [0, 1) that depends only on the seed, the business and the day (SplitMix64).
    private static double Unit(int seed, long business, long day)
    {
        var x = unchecked(((ulong)business * 0x9E3779B97F4A7C15UL) ^ ((ulong)day * 0xBF58476D1CE4E5B9UL) ^ (ulong)seed);
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated {Rows:N0} per-business usage days from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}")]
    private partial void LogAdded(int rows, DateTimeOffset from, DateTimeOffset to);
}
