namespace Dashboard.Benchmarks.Fanout;

/// <summary>A batch the sender posted: the second its one sample lies in, its count (unique in the run), and when the console acknowledged it (UTC ticks).</summary>
internal readonly record struct Marker(long Second, long Count, long AckedTicks)
{
    /// <summary>When the marker's second ended (UTC ticks): the ticker sends that second's tick from then on.</summary>
    public long SecondEndTicks => DateTimeOffset.FromUnixTimeSeconds(Second + 1).UtcTicks;
}

/// <summary>A tick one client received: its second, its total, and when it arrived (UTC ticks).</summary>
internal readonly record struct Receipt(int Client, long Second, long Total, long ReceivedTicks);

/// <summary>Percentiles of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(int Samples, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, FanoutLatency.Percentile(sorted, 50), FanoutLatency.Percentile(sorted, 95),
            FanoutLatency.Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms ({Samples:N0} samples)";
}

/// <summary>Which tick carried which batch to which client, and the percentile maths of the fan-out run.</summary>
internal static class FanoutLatency
{
    /// <summary>The nearest-rank percentile (<paramref name="percent"/> of 100) of ascending <paramref name="sorted"/> values; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>
    /// For every client and marker: the arrival of the first tick of the marker's second whose total includes the
    /// marker's count, or a loss when that client never received one.
    /// </summary>
    public static (List<(Marker Marker, long ReceivedTicks)> Delivered, int Lost) Match(IReadOnlyList<Marker> markers, int clients, IEnumerable<Receipt> receipts)
    {
        var bySecond = markers.ToDictionary(m => m.Second);
        var first = new Dictionary<(int Client, long Second), long>();
        foreach (var receipt in receipts)
        {
            if (bySecond.TryGetValue(receipt.Second, out var marker) && receipt.Total >= marker.Count
                && (!first.TryGetValue((receipt.Client, receipt.Second), out var seen) || receipt.ReceivedTicks < seen))
            {
                first[(receipt.Client, receipt.Second)] = receipt.ReceivedTicks;
            }
        }

        var delivered = new List<(Marker, long)>(markers.Count * clients);
        var lost = 0;
        for (var client = 0; client < clients; client++)
        {
            foreach (var marker in markers)
            {
                if (first.TryGetValue((client, marker.Second), out var received))
                {
                    delivered.Add((marker, received));
                }
                else
                {
                    lost++;
                }
            }
        }

        return (delivered, lost);
    }
}
