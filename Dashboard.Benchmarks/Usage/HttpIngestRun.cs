using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Usage;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// HTTP ingest of 1,000-sample batches into the real console against the minimal endpoint, same clients and batches,
/// in turns (minimal, console, minimal, console, …) so that a noisy neighbour hits both alike; then checks the
/// console's totals through the read API, and in every rollup after a flush.
/// </summary>
internal static class HttpIngestRun
{
    /// <summary>What the run measured, for the summary.</summary>
    public sealed record Outcome(double MinimalRate, double ConsoleRate, double ScanRate, bool Exact)
    {
        /// <summary>The console against the minimal API that parses and sums (the baseline).</summary>
        public double Ratio => ConsoleRate / MinimalRate;

        /// <summary>The console against the count-only scan (a stricter ceiling, for information).</summary>
        public double ScanRatio => ConsoleRate / ScanRate;
    }

    /// <summary>One endpoint under load: its label, where it is, the key it needs, and what was measured.</summary>
    private sealed class Target(string name, string label, Uri address, string? key)
    {
        public string Name { get; } = name;

        public string Label { get; } = label;

        public Uri Address { get; } = address;

        public string? Key { get; } = key;

        public List<double> Rates { get; } = [];

        public long Counted { get; set; }
    }

    public static async Task<Outcome> RunAsync(UsageRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var batches = UsageBatches.Create(DateTimeOffset.UtcNow, 64, seed: 20_170_905);
        var load = new HttpLoad(batches, options.Clients);
        await using var parse = await MinimalEndpoint.StartAsync(MinimalMode.Parse, cancellationToken).ConfigureAwait(false);
        await using var scan = await MinimalEndpoint.StartAsync(MinimalMode.Scan, cancellationToken).ConfigureAwait(false);
        await using var console = new ConsoleUnderTest();
        console.Start();
        var writerKey = await console.CreateKeyAsync("benchmark-writer", ["usage:write"], cancellationToken).ConfigureAwait(false);
        var readerKey = await console.CreateKeyAsync("benchmark-reader", ["usage:read"], cancellationToken).ConfigureAwait(false);
        output.WriteLine($"HTTP ingest: {options.Clients} clients, {UsageBatches.SamplesPerBatch:N0}-sample batches ({batches.MaxLength / 1024.0:F0} KiB), " +
            $"{options.Rounds} rounds of {options.Seconds} s each after {options.WarmupSeconds} s of warm-up, endpoints in turns; " +
            $"minimal API {parse.Address}, count-only scan {scan.Address}, console {console.Address}");

        var parseTarget = new Target("minimal", "minimal API (parse and sum only)", parse.Address, null);
        var consoleTarget = new Target("console", "console (POST /api/v1/usage/volume)", console.Address, writerKey);
        var scanTarget = new Target("scan", "count-only scan (reads counts only)", scan.Address, null);
        var targets = new[] { parseTarget, consoleTarget, scanTarget }.Where(t => options.Endpoints.Contains(t.Name)).ToList();
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var measured = TimeSpan.FromSeconds(options.Seconds);
        foreach (var target in targets)
        {
            target.Counted += Check(await load.RunAsync(target.Address, target.Key, warmup, cancellationToken).ConfigureAwait(false), target.Name + " warm-up").Counted;
        }

        output.WriteLine();
        output.WriteLine($"{"round",-6} {"endpoint",-40} {"batches",8} {"samples/s",11} {"CPU",5} {"CPU ms/batch",13} {"GCs 0/1/2",10} {"batches/commit",16} {"ms/commit",10} {"flushing",9}");
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in targets)
            {
                var writer = console.Services.GetRequiredService<UsageWriter>();
                var before = writer.CommitCounts;
                var result = Check(await load.RunAsync(target.Address, target.Key, measured, cancellationToken).ConfigureAwait(false), target.Name);
                var after = writer.CommitCounts;
                target.Counted += result.Counted;
                target.Rates.Add(result.SamplesPerSecond);
                var row = Row(round, target.Label, result);
                if (target == consoleTarget)
                {
                    var commits = Math.Max(1, after.Commits - before.Commits);
                    row += $" {(after.Batches - before.Batches) / (double)commits,16:F1} {(after.Time - before.Time).TotalMilliseconds / commits,10:F2}" +
                        $" {(after.Flushing - before.Flushing) / result.Elapsed,9:P0}";
                }

                output.WriteLine(row);
            }
        }

        double Median(Target t) => t.Rates.Count == 0 ? double.NaN : Stats.Median(t.Rates);
        var (parseRate, consoleRate, scanRate) = (Median(parseTarget), Median(consoleTarget), Median(scanTarget));
        output.WriteLine($"median  minimal API {parseRate:N0} samples/s, console {consoleRate:N0} samples/s, count-only scan {scanRate:N0} samples/s; " +
            $"console / minimal API {consoleRate / parseRate:F2}, console / scan {consoleRate / scanRate:F2}");

        var exact = !targets.Contains(consoleTarget) ||
            await CheckTotalsAsync(console, readerKey, batches.Minute, consoleTarget.Counted, output, cancellationToken).ConfigureAwait(false);
        foreach (var (endpoint, target) in new[] { (parse, parseTarget), (scan, scanTarget) }.Where(p => targets.Contains(p.Item2)))
        {
            var endpointExact = endpoint.Total == target.Counted;
            output.WriteLine($"{target.Label}: {endpoint.Samples:N0} samples summed to {endpoint.Total:N0}, acknowledged {target.Counted:N0}: {(endpointExact ? "exact" : "MISMATCH")}");
            exact &= endpointExact;
        }

        return new Outcome(parseRate, consoleRate, scanRate, exact);
    }

    private static string Row(int round, string endpoint, LoadResult result) =>
        $"{round,-6} {endpoint,-40} {result.Batches,8:N0} {result.SamplesPerSecond,11:N0} {result.ProcessorShare,5:P0} {result.ProcessorMillisecondsPerBatch,13:F2} " +
        $"{$"{result.Collections.Gen0}/{result.Collections.Gen1}/{result.Collections.Gen2}",10}";

    private static LoadResult Check(LoadResult result, string phase)
    {
        if (result.Failures > 0)
        {
            throw new InvalidOperationException($"{phase}: {result.Failures} batches were not accepted; first answer {result.FirstFailure}");
        }

        return result;
    }

    /// <summary>Every acknowledged count, read back through the read API, and from each rollup after a flush.</summary>
    private static async Task<bool> CheckTotalsAsync(ConsoleUnderTest console, string readerKey, long minute, long expected, TextWriter output, CancellationToken cancellationToken)
    {
        using var reader = new HttpClient { BaseAddress = console.Address };
        reader.DefaultRequestHeaders.Add("X-Api-Key", readerKey);
        var from = DateTimeOffset.FromUnixTimeSeconds(minute);
        var url = $"/api/v1/usage/volume?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={from.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}";
        var read = (await reader.GetFromJsonAsync<JsonElement>(url, cancellationToken).ConfigureAwait(false)).GetProperty("total").GetInt64();

        var database = console.Services.GetRequiredService<Database>();
        var journalBefore = await JournalCountAsync(database, cancellationToken).ConfigureAwait(false);
        await console.Services.GetRequiredService<UsageWriter>().FlushAsync(cancellationToken).ConfigureAwait(false);
        var journalAfter = await JournalCountAsync(database, cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rollups = new Dictionary<UsageGranularity, long>();
        foreach (var granularity in new[] { UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day })
        {
            rollups[granularity] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COALESCE(SUM(MessageCount), 0) FROM {granularity.Table()} WHERE BucketStart = @Bucket;",
                new { Bucket = UsageBuckets.Floor(minute, granularity) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var exact = read == expected && rollups.Values.All(v => v == expected) && journalAfter == 0;
        output.WriteLine($"console totals: acknowledged {expected:N0}; read API {read:N0} (with {journalBefore:N0} batches still in the journal); after a flush " +
            $"minute {rollups[UsageGranularity.Minute]:N0}, hour {rollups[UsageGranularity.Hour]:N0}, day {rollups[UsageGranularity.Day]:N0}, journal {journalAfter}: " +
            (exact ? "exact" : "MISMATCH"));
        return exact;
    }

    private static async Task<long> JournalCountAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM UsageJournal;", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
