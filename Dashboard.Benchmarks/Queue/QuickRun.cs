using System.Diagnostics;
using Dapper;
using Dashboard.Data.Verification;

namespace Dashboard.Benchmarks.Queue;

/// <summary>
/// A timed run without BenchmarkDotNet, for a first look in about a minute: each view's first page and page 1,000,
/// a few warm-up calls, then the median of the timed ones.
/// </summary>
internal static class QuickRun
{
    public static async Task<int> RunAsync(int runs, bool explain, TextWriter output, CancellationToken cancellationToken)
    {
        var dataset = await QueueDataset.OpenAsync(QueueDataset.DefaultRequests, QueueDataset.DefaultBusinesses, output, cancellationToken).ConfigureAwait(false);
        var store = QueueCases.Store(dataset);
        if (explain)
        {
            await ExplainAsync(dataset, output, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine();
        output.WriteLine($"{"view",-62} {"rows",9} {"page 1 ms",10} {"page 1000 ms",13} {"ratio",6}");
        foreach (var (name, query) in QueueCases.All.Concat(QueueCases.Others))
        {
            var (first, deep, total) = await MeasureAsync(store, query, runs, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{name,-62} {total,9:N0} {first,10:F2} {deep,13:F2} {deep / first,6:F2}");
        }

        return 0;
    }

    /// <summary>SQLite's plan for the count and the page of each view, as the store composes them.</summary>
    private static async Task ExplainAsync(QueueDataset dataset, TextWriter output, CancellationToken cancellationToken)
    {
        var texts = QueueSql.Texts(dataset.Database).ToDictionary(t => t.Key, t => t.Value);
        await using var connection = await dataset.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, query) in QueueCases.All.Concat(QueueCases.Others))
        {
            var (filters, parameters) = QueueSql.Bind(query, QueueDataset.Now);
            output.WriteLine();
            output.WriteLine(name);
            foreach (var key in new[] { QueueSql.CountKey(filters), QueueSql.PageKey(filters, query.Sort, query.Descending) })
            {
                output.WriteLine($"  {key}");
                var plan = await connection.QueryAsync<(long Id, long Parent, long Unused, string Detail)>(
                    new CommandDefinition("EXPLAIN QUERY PLAN " + texts[key], parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var depth = new Dictionary<long, int> { [0] = 0 };
                foreach (var step in plan)
                {
                    depth[step.Id] = depth.GetValueOrDefault(step.Parent) + 1;
                    output.WriteLine(new string(' ', 2 + (2 * depth[step.Id])) + step.Detail);
                }
            }
        }
    }

    /// <summary>Medians of the first page and page 1,000, measured in turns so that a noisy neighbour hits both alike.</summary>
    private static async Task<(double First, double Deep, int Total)> MeasureAsync(VerificationStore store, QueueQuery query, int runs, CancellationToken cancellationToken)
    {
        var deepQuery = QueueCases.Deep(query);
        var total = 0;
        for (var i = 0; i < 3; i++)
        {
            total = (await store.QueueAsync(query, cancellationToken).ConfigureAwait(false)).Total;
            await store.QueueAsync(deepQuery, cancellationToken).ConfigureAwait(false);
        }

        var first = new double[runs];
        var deep = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await store.QueueAsync(query, cancellationToken).ConfigureAwait(false);
            first[i] = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            await store.QueueAsync(deepQuery, cancellationToken).ConfigureAwait(false);
            deep[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        return (Median(first), Median(deep), total);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
