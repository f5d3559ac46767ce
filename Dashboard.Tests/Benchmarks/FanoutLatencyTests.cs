using Dashboard.Benchmarks.Fanout;

namespace Dashboard.Tests.Benchmarks;

/// <summary>
/// The maths behind the fan-out figures in the README: nearest-rank percentiles, and which tick counts as the one that
/// carried a batch to a client (the first of its second whose total includes the batch), and what counts as lost.
/// </summary>
public sealed class FanoutLatencyTests
{
    [Fact]
    public void Percentile_OfOneToHundred_IsTheNearestRank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        Assert.Equal(50, FanoutLatency.Percentile(sorted, 50));
        Assert.Equal(95, FanoutLatency.Percentile(sorted, 95));
        Assert.Equal(99, FanoutLatency.Percentile(sorted, 99));
        Assert.Equal(100, FanoutLatency.Percentile(sorted, 100));
        Assert.Equal(1, FanoutLatency.Percentile(sorted, 0));
    }

    [Fact]
    public void Percentile_OfFewSamples_NeverInterpolatesBelowTheWorstNeeded()
    {
        double[] sorted = [10, 20, 30, 400];

        // p99 of four samples is the slowest: one sample in four is above the 75th percentile.
        Assert.Equal(400, FanoutLatency.Percentile(sorted, 99));
        Assert.Equal(20, FanoutLatency.Percentile(sorted, 50));
        Assert.True(double.IsNaN(FanoutLatency.Percentile([], 99)));
    }

    [Fact]
    public void Summary_OfLatencies_ReportsPercentilesAndMaximum()
    {
        var summary = LatencySummary.Of([5, 1, 4, 2, 3]);

        Assert.Equal((5, 3.0, 5.0, 5.0, 5.0), (summary.Samples, summary.P50, summary.P95, summary.P99, summary.Max));
    }

    [Fact]
    public void Match_TakesEachClientsFirstTickThatCarriesTheBatch_AndCountsTheRestAsLost()
    {
        var ms = TimeSpan.TicksPerMillisecond;
        Marker[] markers = [new(100, 1_000_001, 0), new(101, 1_000_002, 1000 * ms)];
        Receipt[] receipts =
        [
            // Client 0: second 100 first without the batch (cut before it was counted), then with it, then again; second 101 once.
            new(0, 100, 0, 5 * ms),
            new(0, 100, 1_000_001, 40 * ms),
            new(0, 100, 1_000_001, 30 * ms),
            new(0, 101, 1_000_002, 1_060 * ms),
            new(0, 99, 1_000_001, 1 * ms),

            // Client 1: only second 100 arrived, and it did not carry the batch.
            new(1, 100, 17, 20 * ms),
        ];

        var (delivered, lost) = FanoutLatency.Match(markers, clients: 2, receipts);

        Assert.Equal(2, lost);
        Assert.Equal([(100L, 30L), (101L, 60L)], delivered.Select(d => (d.Marker.Second, (d.ReceivedTicks - d.Marker.AckedTicks) / ms)).ToArray());
    }
}
