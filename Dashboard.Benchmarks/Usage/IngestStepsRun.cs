using System.Diagnostics;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// Where the console's processor time per batch goes before the database, one step after another on one thread:
/// the minimal endpoint's parse-and-sum against the console's parse and checks, its per-minute sums and its journal
/// entry. Measured as processor time (not wall time), so that a busy neighbour inflates it less.
/// </summary>
internal static class IngestStepsRun
{
    public static void Run(int iterations, TextWriter output)
    {
        var steps = new UsageParseBenchmarks();
        steps.Setup();
        output.WriteLine($"Ingest steps: processor time per 1,000-sample batch, one thread, median of 5 runs of {iterations:N0} batches");
        output.WriteLine();
        output.WriteLine($"{"step",-56} {"µs/batch",9} {"x minimal",10}");
        var minimal = Measure(iterations, () => steps.MinimalParseAndSum());
        output.WriteLine($"{"minimal endpoint: parse and sum",-56} {minimal,9:F1} {1,10:F2}");
        foreach (var (name, step) in new (string, Func<long>)[]
        {
            ("console: parse and check", () => steps.ParseAndCheck()),
            ("console: parse, check and sum per minute", () => steps.ParseCheckAndAggregate()),
            ("console: journal entry of the minute sums", () => steps.EncodeJournal()),
        })
        {
            var cost = Measure(iterations, step);
            output.WriteLine($"{name,-56} {cost,9:F1} {cost / minimal,10:F2}");
        }
    }

    private static double Measure(int iterations, Func<long> step)
    {
        for (var i = 0; i < iterations; i++)
        {
            step();
        }

        var runs = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var run = 0; run < 5; run++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            for (var i = 0; i < iterations; i++)
            {
                step();
            }

            process.Refresh();
            runs.Add((process.TotalProcessorTime - before).TotalMicroseconds / iterations);
        }

        return Stats.Median(runs);
    }
}
