using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>
/// Downsampling on the server: a rollup series is summed into fewer, longer points before it reaches a chart. Each
/// rollup bucket is added whole to the point that holds its start, so every total stays exact; nothing is averaged or dropped.
/// </summary>
public static class HistoryDownsampler
{
    /// <summary>
    /// Sums the points that start in [<paramref name="from"/>, <paramref name="to"/>) into points of
    /// <paramref name="stepSeconds"/> counted from <paramref name="from"/>: per series name, ⌈(to − from) / step⌉ counts, zero
    /// where nothing was recorded. With <paramref name="from"/> on a rollup bucket boundary and the step a whole number of
    /// buckets (as <see cref="HistoryPlanner"/> plans them), no bucket straddles two points. Points outside the range are left out.
    /// </summary>
    public static Dictionary<string, long[]> Sum(IEnumerable<UsageSeriesPoint> points, long from, long to, long stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var count = (int)((to - from + stepSeconds - 1) / stepSeconds);
        var series = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (point.BucketStart < from || point.BucketStart >= to)
            {
                continue;
            }

            if (!series.TryGetValue(point.Name, out var counts))
            {
                series[point.Name] = counts = new long[count];
            }

            counts[(point.BucketStart - from) / stepSeconds] += point.MessageCount;
        }

        return series;
    }
}
