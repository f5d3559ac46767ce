using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Queue;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Data.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// A SQLite file with the real schema and a year of usage at every granularity: 365 days of minute rollups (5 kinds ×
/// 3 tiers × 2 countries = 30 rows a minute, about 15.8 million rows — far beyond the console's minute retention, so
/// that the minute table can be aggregated over the same year) and the matching hour and day rollups. Made once, then
/// reused while its marker row names the same generator version.
/// </summary>
internal sealed class HistoryDataset
{
    /// <summary>Raise when the generated rows change, so that old files are made again.</summary>
    public const int GeneratorVersion = 1;

    public const int Days = 365;

    /// <summary>The dataset's "now", a midnight: the year ends here.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private const int Seed = 20_170_905;

    // In the rollups' key order (ordinal), so that every row is appended at the end of its table.
    private static readonly string[] s_countries = ["DE", "US"];
    private static readonly string[] s_kinds = [.. UsageKinds.All.Order(StringComparer.Ordinal)];
    private static readonly string[] s_tiers = [.. UsageBatches.Tiers.Order(StringComparer.Ordinal)];

    private HistoryDataset(SqliteDatabase database, TimeSpan? generatedIn)
    {
        Database = database;
        GeneratedIn = generatedIn;
    }

    public SqliteDatabase Database { get; }

    /// <summary>How long making the rows took, or null when an existing file was reused.</summary>
    public TimeSpan? GeneratedIn { get; }

    public static DateTimeOffset From => Now.AddDays(-Days);

    public static int CellsPerMinute => s_countries.Length * s_kinds.Length * s_tiers.Length;

    public static long MinuteRows => (long)Days * 1440 * CellsPerMinute;

    /// <summary>Opens the dataset, making it first when the file is missing or was made differently.</summary>
    public static async Task<HistoryDataset> OpenAsync(TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(QueueDataset.DefaultFolder);
        var path = Path.Combine(QueueDataset.DefaultFolder, $"usage-history-{Days}d.db");
        var database = new SqliteDatabase("Data Source=" + path, new DatabaseOptions());
        TimeSpan? generatedIn = null;
        if (!IsCurrent(path))
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                File.Delete(file);
            }

            log.WriteLine($"Generating {Days} days of usage rollups ({MinuteRows:N0} minute rows) in {path} ...");
            var stopwatch = Stopwatch.StartNew();
            await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken).ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            Generate(database.ConnectionString, log);
            generatedIn = stopwatch.Elapsed;
            log.WriteLine($"Generated in {generatedIn.Value.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB).");
        }
        else
        {
            await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken).ConfigureAwait(false);
            log.WriteLine($"Reusing {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB).");
        }

        return new HistoryDataset(database, generatedIn);
    }

    private static bool IsCurrent(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT GeneratorVersion, Days FROM UsageHistoryDataset;";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt32(0) == GeneratorVersion && reader.GetInt32(1) == Days;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>One transaction; minutes in key order through one prepared command, hours and days summed on the way.</summary>
    private static void Generate(string connectionString, TextWriter log)
    {
        var random = new Random(Seed);
        var from = From.ToUnixTimeSeconds();
        var hours = new long[Days * 24, CellsPerMinute];
        var days = new long[Days, CellsPerMinute];
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        using (var transaction = connection.BeginTransaction())
        {
            var stopwatch = Stopwatch.StartNew();
            using (var insert = Insert(connection, transaction, UsageGranularity.Minute))
            {
                for (var minute = 0; minute < Days * 1440; minute++)
                {
                    // A daily cycle, so that the numbers look like traffic; the counts only need to be exact, not realistic.
                    var cycle = 1.0 + (0.6 * Math.Sin(2 * Math.PI * (minute % 1440) / 1440.0));
                    for (var cell = 0; cell < CellsPerMinute; cell++)
                    {
                        var count = (long)(random.Next(20_000, 40_000) * cycle);
                        hours[minute / 60, cell] += count;
                        days[minute / 1440, cell] += count;
                        insert.Write(from + (minute * 60L), cell, count);
                    }

                    if ((minute + 1) % (30 * 1440) == 0)
                    {
                        log.WriteLine($"  {(minute + 1) / 1440} days of minutes ({stopwatch.Elapsed.TotalSeconds:F1} s)");
                    }
                }
            }

            using (var insert = Insert(connection, transaction, UsageGranularity.Hour))
            {
                for (var hour = 0; hour < Days * 24; hour++)
                {
                    for (var cell = 0; cell < CellsPerMinute; cell++)
                    {
                        insert.Write(from + (hour * 3600L), cell, hours[hour, cell]);
                    }
                }
            }

            using (var insert = Insert(connection, transaction, UsageGranularity.Day))
            {
                for (var day = 0; day < Days; day++)
                {
                    for (var cell = 0; cell < CellsPerMinute; cell++)
                    {
                        insert.Write(from + (day * 86_400L), cell, days[day, cell]);
                    }
                }
            }

            log.WriteLine($"  minutes, hours and days ({stopwatch.Elapsed.TotalSeconds:F1} s)");
            Execute(connection, "CREATE TABLE UsageHistoryDataset (GeneratorVersion INTEGER NOT NULL, Days INTEGER NOT NULL, Now TEXT NOT NULL);", transaction);
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO UsageHistoryDataset VALUES ({GeneratorVersion}, {Days}, '{Now:O}');"), transaction);
            transaction.Commit();
        }

        // The console runs SQLite in WAL mode; leave the file as it would find it.
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    private static RollupInsert Insert(SqliteConnection connection, SqliteTransaction transaction, UsageGranularity granularity) => new(connection, transaction, granularity);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A prepared INSERT into one rollup; a cell number names the country, kind and tier in key order.</summary>
    private sealed class RollupInsert : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _bucket;
        private readonly SqliteParameter _country;
        private readonly SqliteParameter _kind;
        private readonly SqliteParameter _tier;
        private readonly SqliteParameter _count;

        public RollupInsert(SqliteConnection connection, SqliteTransaction transaction, UsageGranularity granularity)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO {granularity.Table()} (BucketStart, Country, Kind, Tier, MessageCount) VALUES (@BucketStart, @Country, @Kind, @Tier, @MessageCount);";
            _bucket = _command.Parameters.Add("@BucketStart", SqliteType.Integer);
            _country = _command.Parameters.Add("@Country", SqliteType.Text);
            _kind = _command.Parameters.Add("@Kind", SqliteType.Text);
            _tier = _command.Parameters.Add("@Tier", SqliteType.Text);
            _count = _command.Parameters.Add("@MessageCount", SqliteType.Integer);
            _command.Prepare();
        }

        public void Write(long bucket, int cell, long count)
        {
            _bucket.Value = bucket;
            _country.Value = s_countries[cell / (s_kinds.Length * s_tiers.Length)];
            _kind.Value = s_kinds[cell / s_tiers.Length % s_kinds.Length];
            _tier.Value = s_tiers[cell % s_tiers.Length];
            _count.Value = count;
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
