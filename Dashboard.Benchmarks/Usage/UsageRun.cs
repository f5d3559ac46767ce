namespace Dashboard.Benchmarks.Usage;

/// <summary>The knobs of <c>--usage</c>, read from the command line (<c>--clients 8 --seconds 10 …</c>).</summary>
internal sealed record UsageRunOptions
{
    public int Clients { get; init; } = 8;

    public int Seconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 20;

    public int Rounds { get; init; } = 3;

    public int StoreBatches { get; init; } = 1000;

    public int StoreRounds { get; init; } = 3;

    public int HistoryRuns { get; init; } = 5;

    /// <summary>The HTTP endpoints to measure: minimal (the minimal API), console, scan (all by default; one alone is for profiling).</summary>
    public IReadOnlySet<string> Endpoints { get; init; } = new HashSet<string>(["minimal", "console", "scan"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The parts to run: steps, http, store, history (all by default).</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(["steps", "http", "store", "history"], StringComparer.OrdinalIgnoreCase);

    public static UsageRunOptions Parse(string[] args)
    {
        int Int(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
        var defaults = new UsageRunOptions();
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var endpoints = args.SkipWhile(a => a != "--endpoints").Skip(1).FirstOrDefault();
        return new UsageRunOptions
        {
            Clients = Int("--clients", defaults.Clients),
            Seconds = Int("--seconds", defaults.Seconds),
            WarmupSeconds = Int("--warmup", defaults.WarmupSeconds),
            Rounds = Int("--rounds", defaults.Rounds),
            StoreBatches = Int("--store-batches", defaults.StoreBatches),
            StoreRounds = Int("--store-rounds", defaults.StoreRounds),
            HistoryRuns = Int("--history-runs", defaults.HistoryRuns),
            Endpoints = endpoints is null ? defaults.Endpoints : new HashSet<string>(endpoints.Split(','), StringComparer.OrdinalIgnoreCase),
            Parts = only is null ? defaults.Parts : new HashSet<string>(only.Split(','), StringComparer.OrdinalIgnoreCase),
        };
    }
}

/// <summary>
/// <c>--usage</c>: HTTP ingest against a minimal endpoint, the usage store against a plain INSERT, and a year of history
/// from the day rollup against the minute table — each pair measured in the same run, then a summary against the goals.
/// </summary>
internal static class UsageRun
{
    public static async Task<int> RunAsync(UsageRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"{Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
        var summary = new List<(string Goal, string Measured, bool Met)>();
        if (options.Parts.Contains("steps"))
        {
            output.WriteLine();
            IngestStepsRun.Run(2000, output);
        }

        if (options.Parts.Contains("http"))
        {
            output.WriteLine();
            var http = await HttpIngestRun.RunAsync(options, output, cancellationToken).ConfigureAwait(false);
            summary.Add(("HTTP ingest >= 200,000 samples/s", $"{http.ConsoleRate:N0} samples/s", http.ConsoleRate >= 200_000));
            summary.Add(("HTTP ingest >= 0.5 x minimal API", $"{http.Ratio:F2} x ({http.MinimalRate:N0} samples/s)", http.Ratio >= 0.5));
            output.WriteLine($"(for information: console / count-only scan {http.ScanRatio:F2} x, scan {http.ScanRate:N0} samples/s)");
            summary.Add(("totals exact afterwards", http.Exact ? "exact" : "MISMATCH", http.Exact));
        }

        if (options.Parts.Contains("store"))
        {
            output.WriteLine();
            await using var store = await StoreIngestRun.CreateAsync(cancellationToken).ConfigureAwait(false);
            var (plain, stored) = await store.RunAsync(options.StoreBatches, options.StoreRounds, output, cancellationToken).ConfigureAwait(false);
            summary.Add(("store ingest >= 0.5 x plain INSERT", $"{stored / plain:F2} x ({stored:N0} vs {plain:N0} rows/s)", stored / plain >= 0.5));
        }

        if (options.Parts.Contains("history"))
        {
            output.WriteLine();
            var dataset = await HistoryDataset.OpenAsync(output, cancellationToken).ConfigureAwait(false);
            var (day, minutes) = await new HistoryRun(dataset).RunAsync(options.HistoryRuns, output, cancellationToken).ConfigureAwait(false);
            summary.Add(("365-day history < 50 ms", $"{day:F2} ms", day < 50));
            summary.Add(("365-day history >= 50 x faster than minutes", $"{minutes / day:N0} x ({minutes:N0} ms from minutes)", minutes / day >= 50));
        }

        output.WriteLine();
        output.WriteLine($"load average at end: {LoadAverage()}");
        output.WriteLine($"{"goal",-46} {"measured",-44} met");
        foreach (var (goal, measured, met) in summary)
        {
            output.WriteLine($"{goal,-46} {measured,-44} {(met ? "yes" : "NO")}");
        }

        return summary.All(s => s.Met) ? 0 : 1;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), so that a reader can tell a quiet run from a noisy one.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
