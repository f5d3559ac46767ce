using System.Diagnostics;
using Dapper;
using Dashboard.Data.Usage;
using Dashboard.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// A year of history by day and kind, as the history page asks for it (<see cref="UsageQueries.SeriesAsync"/> on the
/// day rollup), and the year's totals by kind through the read API's path (<see cref="UsageQueries.VolumeAsync"/>),
/// against aggregating the minute table over the same year.
/// </summary>
internal sealed class HistoryRun(HistoryDataset dataset)
{
    // The minute rollup summed per day and kind in the database: the cheapest way to answer from minutes.
    private const string MinuteAggregationSql = """
        SELECT BucketStart - (BucketStart % 86400) AS BucketStart, Kind AS Name, SUM(MessageCount) AS MessageCount
        FROM UsageMinute
        WHERE BucketStart >= @From AND BucketStart < @To
        GROUP BY BucketStart - (BucketStart % 86400), Kind
        ORDER BY 1, 2;
        """;

    private readonly UsageQueries _queries = new(new SqliteUsageStore(dataset.Database), new UsageRegions(Options.Create(new UsageOptions())));

    public Task<IReadOnlyList<UsageSeriesPoint>> YearByDayAsync(CancellationToken cancellationToken) =>
        _queries.SeriesAsync(UsageGranularity.Day, HistoryDataset.From, HistoryDataset.Now, UsageGroupBy.Kind, cancellationToken);

    public Task<UsageVolume> YearTotalsAsync(CancellationToken cancellationToken) =>
        _queries.VolumeAsync(HistoryDataset.From, HistoryDataset.Now, UsageGroupBy.Kind, cancellationToken);

    public async Task<List<UsageSeriesPoint>> YearFromMinutesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataset.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<UsageSeriesPoint>(new CommandDefinition(MinuteAggregationSql,
            new { From = HistoryDataset.From.ToUnixTimeSeconds(), To = HistoryDataset.Now.ToUnixTimeSeconds() },
            commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>Medians of <paramref name="runs"/> timed calls each after one warm-up call, in turns; answers the day query's and the minute aggregation's medians in ms.</summary>
    public async Task<(double Day, double Minutes)> RunAsync(int runs, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"History: {HistoryDataset.Days} days by day and kind, {HistoryDataset.From:yyyy-MM-dd} to {HistoryDataset.Now:yyyy-MM-dd}; " +
            $"{HistoryDataset.MinuteRows:N0} minute rows ({HistoryDataset.CellsPerMinute} a minute); medians of {runs} runs after a warm-up");
        var byDay = await YearByDayAsync(cancellationToken).ConfigureAwait(false);
        var totals = await YearTotalsAsync(cancellationToken).ConfigureAwait(false);
        var fromMinutes = await YearFromMinutesAsync(cancellationToken).ConfigureAwait(false);

        var day = new List<double>();
        var volume = new List<double>();
        var minutes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            day.Add(await TimeAsync(() => YearByDayAsync(cancellationToken)).ConfigureAwait(false));
            volume.Add(await TimeAsync(() => YearTotalsAsync(cancellationToken)).ConfigureAwait(false));
            minutes.Add(await TimeAsync(() => YearFromMinutesAsync(cancellationToken)).ConfigureAwait(false));
        }

        var same = byDay.Count == fromMinutes.Count && byDay.Zip(fromMinutes).All(p => p.First == p.Second)
            && totals.Total == fromMinutes.Sum(p => p.MessageCount);
        var (dayMs, volumeMs, minuteMs) = (Stats.Median(day), Stats.Median(volume), Stats.Median(minutes));
        output.WriteLine();
        output.WriteLine($"{"query",-62} {"points",7} {"median ms",10} {"max ms",9}");
        output.WriteLine($"{"history page: SeriesAsync(Day, 365 d, by kind), day rollup",-62} {byDay.Count,7:N0} {dayMs,10:F2} {day.Max(),9:F2}");
        output.WriteLine($"{"read API: VolumeAsync(365 d, by kind), day rollup",-62} {totals.Groups.Count,7:N0} {volumeMs,10:F2} {volume.Max(),9:F2}");
        output.WriteLine($"{"the same year aggregated from the minute table",-62} {fromMinutes.Count,7:N0} {minuteMs,10:F2} {minutes.Max(),9:F2}");
        output.WriteLine($"minutes / day rollup {minuteMs / dayMs:N0}x; same points and total from both: {(same ? "yes" : "NO")}");
        return (dayMs, minuteMs);
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> query)
    {
        var stopwatch = Stopwatch.StartNew();
        await query().ConfigureAwait(false);
        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
