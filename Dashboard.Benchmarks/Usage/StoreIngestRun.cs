using System.Diagnostics;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Data.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// What an acknowledged batch costs in the database, against the limit: the usage store's write path (the batch id and
/// journal entry committed per batch, and the journal merged into the minute, hour and day rollups as the writer does)
/// against a plain batched INSERT of the same rows into an unindexed table, one transaction per batch with a prepared
/// command. Both run on one SQLite file with the console's schema and connection settings, in turns.
/// </summary>
internal sealed class StoreIngestRun : IAsyncDisposable
{
    /// <summary>The writer merges the journal every 2 s or when 1,000 entries wait; at 200 batches a second that is every 400 batches.</summary>
    public const int FlushEvery = 400;

    private const string CreatePlainSql = """
        CREATE TABLE IF NOT EXISTS PlainUsage (At INTEGER NOT NULL, Country TEXT NOT NULL, Kind TEXT NOT NULL, Tier TEXT NOT NULL, MessageCount INTEGER NOT NULL);
        """;

    private const string InsertPlainSql = "INSERT INTO PlainUsage (At, Country, Kind, Tier, MessageCount) VALUES (@At, @Country, @Kind, @Tier, @MessageCount);";

    private readonly string _directory;
    private readonly UsageBatches _batches;
    private readonly List<UsageCell>[] _cells;

    private StoreIngestRun(string directory, SqliteDatabase database, UsageBatches batches)
    {
        _directory = directory;
        Database = database;
        Store = new SqliteUsageStore(database);
        _batches = batches;

        // Ingest sums a batch per minute before it reaches the store (measured with HTTP ingest); here the store is measured.
        _cells = [.. batches.Samples.Select(UsageBatches.MinuteCells)];
    }

    public SqliteDatabase Database { get; }

    public SqliteUsageStore Store { get; }

    /// <summary>A fresh, migrated SQLite file under the benchmark folder.</summary>
    public static async Task<StoreIngestRun> CreateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", "store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new SqliteDatabase("Data Source=" + Path.Combine(directory, "store.db"), new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(CreatePlainSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return new StoreIngestRun(directory, database, UsageBatches.Create(DateTimeOffset.UtcNow, 64, seed: 20_170_905));
    }

    /// <summary>Rounds of the plain INSERT and the store in turns; answers the medians in rows (samples) per second.</summary>
    public async Task<(double Plain, double Store)> RunAsync(int batches, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Store ingest: {batches:N0} batches of {UsageBatches.SamplesPerBatch:N0} rows per round, {rounds} rounds in turns; the journal is " +
            $"merged every {FlushEvery} batches and at the end of each round (counted in the store's time)");
        await PlainAsync(batches / 10, cancellationToken).ConfigureAwait(false);
        await StoreAsync(batches / 10, 1, cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        output.WriteLine($"{"round",-6} {"path",-70} {"rows/s",11} {"ms/batch",9} {"CPU ms/batch",13}");
        var plainRates = new List<double>();
        var storeRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var plain = await PlainAsync(batches, cancellationToken).ConfigureAwait(false);
            plainRates.Add(Rate(batches, plain.Elapsed));
            output.WriteLine(Row(round, "plain INSERT into an unindexed table, a transaction per batch", batches, plain));
            var store = await StoreAsync(batches, 1, cancellationToken).ConfigureAwait(false);
            storeRates.Add(Rate(batches, store.Elapsed));
            output.WriteLine(Row(round, "usage store: batch id + journal, a transaction per batch; merges", batches, store));
            var grouped = await StoreAsync(batches, 8, cancellationToken).ConfigureAwait(false);
            output.WriteLine(Row(round, "usage store as concurrent senders share it: 8 batches a transaction", batches, grouped));
        }

        var (plainRate, storeRate) = (Stats.Median(plainRates), Stats.Median(storeRates));
        output.WriteLine($"median  plain {plainRate:N0} rows/s, store (a transaction per batch) {storeRate:N0} rows/s, store / plain {storeRate / plainRate:F2}");
        return (plainRate, storeRate);
    }

    private static double Rate(int batches, TimeSpan elapsed) => batches * (double)UsageBatches.SamplesPerBatch / elapsed.TotalSeconds;

    private static string Row(int round, string path, int batches, (TimeSpan Elapsed, TimeSpan Processor) run) =>
        $"{round,-6} {path,-70} {Rate(batches, run.Elapsed),11:N0} {run.Elapsed.TotalMilliseconds / batches,9:F3} {run.Processor.TotalMilliseconds / batches,13:F3}";

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Each batch's rows in one transaction through one prepared command whose parameters are set again per row.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Processor)> PlainAsync(int batches, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = InsertPlainSql;
        var at = command.Parameters.Add("@At", SqliteType.Integer);
        var country = command.Parameters.Add("@Country", SqliteType.Text);
        var kind = command.Parameters.Add("@Kind", SqliteType.Text);
        var tier = command.Parameters.Add("@Tier", SqliteType.Text);
        var count = command.Parameters.Add("@MessageCount", SqliteType.Integer);
        command.Prepare();
        var processor = ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            foreach (var sample in _batches.Samples[b % _batches.Count])
            {
                at.Value = sample.Second;
                country.Value = sample.Country;
                kind.Value = sample.Kind;
                tier.Value = sample.Tier;
                count.Value = sample.Count;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return (stopwatch.Elapsed, ProcessorTime() - processor);
    }

    /// <summary>
    /// Batches journaled <paramref name="group"/> to a transaction (1: no group commit), the journal merged into the
    /// rollups as the writer does.
    /// </summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Processor)> StoreAsync(int batches, int group, CancellationToken cancellationToken)
    {
        var processor = ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        for (var b = 0; b < batches; b += group)
        {
            var transaction = Enumerable.Range(b, Math.Min(group, batches - b))
                .Select(i => new UsageBatch(Guid.NewGuid(), DateTimeOffset.UtcNow, UsageBatches.SamplesPerBatch, "benchmark", _cells[i % _cells.Length]))
                .ToList();
            await Store.AppendAsync(transaction, cancellationToken).ConfigureAwait(false);
            if ((b + transaction.Count) / FlushEvery > b / FlushEvery)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return (stopwatch.Elapsed, ProcessorTime() - processor);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (await Store.FlushJournalAsync(UsageStore.MaxFlushEntries, cancellationToken).ConfigureAwait(false) == UsageStore.MaxFlushEntries)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }

        return ValueTask.CompletedTask;
    }
}
