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
    public sealed record Outcome(double MinimalRate, double ConsoleRate, bool Exact)
    {
        public double Ratio => ConsoleRate / MinimalRate;
    }

    public static async Task<Outcome> RunAsync(UsageRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var batches = UsageBatches.Create(DateTimeOffset.UtcNow, 64, seed: 20_170_905);
        var load = new HttpLoad(batches, options.Clients);
        await using var minimal = await MinimalEndpoint.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var console = new ConsoleUnderTest();
        console.Start();
        var writerKey = await console.CreateKeyAsync("benchmark-writer", ["usage:write"], cancellationToken).ConfigureAwait(false);
        var readerKey = await console.CreateKeyAsync("benchmark-reader", ["usage:read"], cancellationToken).ConfigureAwait(false);
        output.WriteLine($"HTTP ingest: {options.Clients} clients, {UsageBatches.SamplesPerBatch:N0}-sample batches ({batches.MaxLength / 1024.0:F0} KiB), " +
            $"{options.Rounds} rounds of {options.Seconds} s each after {options.WarmupSeconds} s of warm-up; minimal endpoint {minimal.Address}, console {console.Address}");

        long consoleCounted = 0, minimalCounted = 0;
        var (runMinimal, runConsole) = (options.Endpoints.Contains("minimal"), options.Endpoints.Contains("console"));
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var measured = TimeSpan.FromSeconds(options.Seconds);
        if (runConsole)
        {
            consoleCounted += Check(await load.RunAsync(console.Address, writerKey, warmup, cancellationToken).ConfigureAwait(false), "console warm-up").Counted;
        }

        if (runMinimal)
        {
            minimalCounted += Check(await load.RunAsync(minimal.Address, null, warmup, cancellationToken).ConfigureAwait(false), "minimal warm-up").Counted;
        }

        output.WriteLine();
        output.WriteLine($"{"round",-6} {"endpoint",-40} {"batches",8} {"samples/s",11} {"CPU",5} {"CPU ms/batch",13} {"GCs 0/1/2",10} {"batches/commit",16} {"ms/commit",10} {"flushing",9}");
        var minimalRates = new List<double>();
        var consoleRates = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            if (runMinimal)
            {
                var m = Check(await load.RunAsync(minimal.Address, null, measured, cancellationToken).ConfigureAwait(false), "minimal");
                minimalCounted += m.Counted;
                minimalRates.Add(m.SamplesPerSecond);
                output.WriteLine(Row(round, "minimal (parse and sum only)", m));
            }

            if (runConsole)
            {
                var writer = console.Services.GetRequiredService<UsageWriter>();
                var before = writer.CommitCounts;
                var c = Check(await load.RunAsync(console.Address, writerKey, measured, cancellationToken).ConfigureAwait(false), "console");
                var after = writer.CommitCounts;
                consoleCounted += c.Counted;
                consoleRates.Add(c.SamplesPerSecond);
                var commits = Math.Max(1, after.Commits - before.Commits);
                output.WriteLine(Row(round, "console (POST /api/v1/usage/volume)", c) +
                    $" {(after.Batches - before.Batches) / (double)commits,16:F1} {(after.Time - before.Time).TotalMilliseconds / commits,10:F2}" +
                    $" {(after.Flushing - before.Flushing) / c.Elapsed,9:P0}");
            }
        }

        var minimalRate = Stats.Median(minimalRates);
        var consoleRate = Stats.Median(consoleRates);
        output.WriteLine($"median  minimal {minimalRate:N0} samples/s, console {consoleRate:N0} samples/s, console / minimal {consoleRate / minimalRate:F2}");

        var exact = await CheckTotalsAsync(console, readerKey, batches.Minute, consoleCounted, output, cancellationToken).ConfigureAwait(false);
        var minimalExact = minimal.Total == minimalCounted;
        output.WriteLine($"minimal endpoint: {minimal.Samples:N0} samples summed to {minimal.Total:N0}, acknowledged {minimalCounted:N0}: {(minimalExact ? "exact" : "MISMATCH")}");
        return new Outcome(minimalRate, consoleRate, exact && minimalExact);
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
