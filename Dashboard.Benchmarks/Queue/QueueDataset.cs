using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Demo;
using Dashboard.Data.Migrations;
using Dashboard.Data.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Benchmarks.Queue;

/// <summary>
/// A SQLite file with the real schema and a large, realistic verification queue: made once, then reused while its
/// marker row names the same generator version and sizes.
/// </summary>
internal sealed class QueueDataset
{
    /// <summary>Raise when the generated rows change, so that old files are made again.</summary>
    public const int GeneratorVersion = 3;

    public const int DefaultRequests = 1_000_000;

    public const int DefaultBusinesses = 400_000;

    /// <summary>The dataset's "now": every time in it lies within the two years before.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private const int Seed = 20_170_905;
    private const int Reviewers = 40;

    private QueueDataset(string path, SqliteDatabase database, TimeSpan? generatedIn)
    {
        Path = path;
        Database = database;
        GeneratedIn = generatedIn;
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    /// <summary>How long making the rows took, or null when an existing file was reused.</summary>
    public TimeSpan? GeneratedIn { get; }

    /// <summary>The folder of the benchmark files: DASHBOARD_BENCH_DATA, or a folder under the temp folder.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable("DASHBOARD_BENCH_DATA") is { Length: > 0 } folder
            ? folder
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-benchmarks");

    /// <summary>Opens the dataset of these sizes, making it first when the file is missing or was made differently.</summary>
    public static async Task<QueueDataset> OpenAsync(int requests, int businesses, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DefaultFolder);
        var path = System.IO.Path.Combine(DefaultFolder, $"queue-{requests}.db");
        var database = new SqliteDatabase("Data Source=" + path, new DatabaseOptions());
        TimeSpan? generatedIn = null;
        if (!IsCurrent(path, requests, businesses))
        {
            Delete(path);
            log.WriteLine($"Generating {requests:N0} verification requests over {businesses:N0} businesses in {path} ...");
            var stopwatch = Stopwatch.StartNew();
            await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken).ConfigureAwait(false);

            // The migrator's pooled connections keep the file in WAL mode; the bulk load wants it to itself.
            SqliteConnection.ClearAllPools();
            Generate(database.ConnectionString, requests, businesses, log);
            generatedIn = stopwatch.Elapsed;
            log.WriteLine($"Generated in {generatedIn.Value.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB).");
        }
        else
        {
            // A reused file still gets any migration added since it was made.
            await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(cancellationToken).ConfigureAwait(false);
            log.WriteLine($"Reusing {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB).");
        }

        return new QueueDataset(path, database, generatedIn);
    }

    private static bool IsCurrent(string path, int requests, int businesses)
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
            command.CommandText = "SELECT GeneratorVersion, Requests, Businesses FROM BenchmarkDataset;";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt32(0) == GeneratorVersion && reader.GetInt32(1) == requests && reader.GetInt32(2) == businesses;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>One transaction, one prepared command per table whose parameters are set again for each row.</summary>
    private static void Generate(string connectionString, int requestCount, int businessCount, TextWriter log)
    {
        var random = new Random(Seed);
        var businesses = PlanBusinesses(random, businessCount);
        var requests = PlanRequests(random, businesses, requestCount);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA threads = 2;");
        using (var transaction = connection.BeginTransaction())
        {
            // Filling a million rows into a dozen indexes one row at a time takes minutes; building each index once
            // afterwards takes seconds. The definitions are read from the migrated schema, so the result is the same.
            var indexes = Indexes(connection, transaction);
            foreach (var (name, _) in indexes)
            {
                Execute(connection, $"DROP INDEX {name};", transaction);
            }

            var stopwatch = Stopwatch.StartNew();
            InsertUsers(connection, transaction);
            InsertBusinesses(connection, transaction, businesses);
            log.WriteLine($"  {businesses.Count:N0} businesses");
            InsertRequests(connection, transaction, requests);
            log.WriteLine($"  {requests.Count:N0} requests, {requests.Count(q => VerificationStatus.Open.Contains(q.Status)):N0} open ({stopwatch.Elapsed.TotalSeconds:F1} s)");
            stopwatch.Restart();
            foreach (var (_, sql) in indexes)
            {
                Execute(connection, sql, transaction);
            }

            log.WriteLine($"  {indexes.Count} indexes ({stopwatch.Elapsed.TotalSeconds:F1} s)");
            Execute(connection, "CREATE TABLE BenchmarkDataset (GeneratorVersion INTEGER NOT NULL, Requests INTEGER NOT NULL, Businesses INTEGER NOT NULL, Now TEXT NOT NULL);", transaction);
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO BenchmarkDataset VALUES ({GeneratorVersion}, {requests.Count}, {businesses.Count}, '{Now:O}');"), transaction);
            transaction.Commit();
        }

        // The console runs SQLite in WAL mode; leave the file as it would find it.
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    private static List<(string Name, string Sql)> Indexes(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Businesses', 'VerificationRequests');";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static List<BusinessRow> PlanBusinesses(Random r, int count)
    {
        var countryWeights = DemoCatalog.Countries.Select(c => (double)c.Weight).ToArray();
        var categoryWeights = DemoCatalog.CategoryProfiles.Select(c => c.Weight).ToArray();
        var rows = new List<BusinessRow>(count);
        for (var i = 0; i < count; i++)
        {
            var country = DemoCatalog.Countries[Weighted(r, countryWeights)];
            var region = DemoNames.Pick(r, country.Regions);
            var profile = DemoCatalog.CategoryProfiles[Weighted(r, categoryWeights)];
            var large = r.NextDouble() < profile.LargeShare;
            var legalForm = profile.Name == DemoCatalog.Government ? "" : DemoNames.Pick(r, large ? region.LargeForms : region.SmallForms);
            var display = DemoNames.DisplayName(r, profile.Name, region);
            var slug = DemoNames.Slug(display);
            var employees = large ? r.Next(profile.LargeEmployeesMin, profile.LargeEmployeesMax + 1) : r.Next(profile.SmallEmployeesMin, profile.SmallEmployeesMax + 1);
            rows.Add(new BusinessRow
            {
                Id = i + 1,
                DisplayName = display,
                LegalName = legalForm.Length == 0 ? display : display + " " + legalForm,
                Category = profile.Name,
                Country = country.Code,
                PhoneE164 = Phone(r, country),
                Website = $"https://www.{slug}.{country.WebsiteTld}",
                EmailDomain = $"{slug}.{country.WebsiteTld}",
                RegistrationNumber = legalForm.Length == 0 ? null : RegistrationNumberFormats.For(country.Code)?.Generate(r, legalForm),
                Employees = employees,
                AnnualTurnoverEur = (long)employees * r.Next(profile.TurnoverPerHeadMinK, profile.TurnoverPerHeadMaxK + 1) * 1000,
                HighRisk = profile.HighRisk,
                CreatedAt = Now.AddDays(-(1 + (760 * r.NextDouble()))),
            });
        }

        return rows;
    }

    /// <summary>
    /// Spreads the requests over the businesses (1 to 5 each, 2.5 on average); every request but a business's last is
    /// decided, and the last one is still open for about one business in eight, so that about 5 % of all requests are open.
    /// </summary>
    private static List<RequestRow> PlanRequests(Random r, List<BusinessRow> businesses, int total)
    {
        var perBusiness = new int[businesses.Count];
        var sum = 0;
        for (var i = 0; i < perBusiness.Length; i++)
        {
            perBusiness[i] = 1 + Weighted(r, [30, 25, 20, 15, 10]);
            sum += perBusiness[i];
        }

        while (sum != total)
        {
            var i = r.Next(perBusiness.Length);
            if (sum < total && perBusiness[i] < 8)
            {
                perBusiness[i]++;
                sum++;
            }
            else if (sum > total && perBusiness[i] > 1)
            {
                perBusiness[i]--;
                sum--;
            }
        }

        var openShare = 0.05 * total / businesses.Count;
        var windowStart = Now.AddDays(-730);
        var requests = new List<RequestRow>(total);
        var times = new List<DateTimeOffset>(8);
        for (var b = 0; b < businesses.Count; b++)
        {
            var business = businesses[b];
            var count = perBusiness[b];
            var roll = r.NextDouble();
            var lastState = roll < openShare ? Weighted(r, [65, 15, 10, 10]) switch
            {
                0 => VerificationStatus.Pending,
                1 => VerificationStatus.InReview,
                2 => VerificationStatus.Escalated,
                _ => VerificationStatus.AwaitingSecondApproval,
            }
            : roll < openShare + 0.02 ? VerificationStatus.NeedsInfo : null;

            // An open request came in recently (most within a week, a long tail of older backlog); earlier ones before it.
            var start = business.CreatedAt > windowStart ? business.CreatedAt : windowStart;
            var end = Now.AddHours(-1);
            DateTimeOffset? openAt = null;
            if (lastState is not null)
            {
                openAt = Now.AddHours(-Math.Min(24 * 60, 1 + (24 * 5 * -Math.Log(1 - r.NextDouble()))));
                end = openAt.Value.AddDays(-1);
                if (end <= start)
                {
                    start = end.AddDays(-30);
                }
            }

            times.Clear();
            var decided = lastState is null ? count : count - 1;
            var span = (end - start).TotalSeconds;
            for (var i = 0; i < decided; i++)
            {
                times.Add(start.AddSeconds(Math.Floor(span * r.NextDouble())));
            }

            times.Sort();
            for (var i = 0; i < decided; i++)
            {
                var next = i + 1 < decided ? times[i + 1] : openAt ?? Now;
                requests.Add(Decided(r, business, times[i], next, attempt: i + 1));
            }

            if (lastState is not null)
            {
                requests.Add(Open(r, business, openAt!.Value, lastState, attempt: count));
            }
        }

        // Ids follow time, as they do when requests arrive one by one.
        requests.Sort((x, y) => x.SubmittedAt.CompareTo(y.SubmittedAt));
        for (var i = 0; i < requests.Count; i++)
        {
            requests[i].Id = i + 1;
        }

        return requests;
    }

    private static RequestRow Decided(Random r, BusinessRow business, DateTimeOffset submittedAt, DateTimeOffset nextSubmission, int attempt)
    {
        var row = NewRequest(r, business, submittedAt, attempt);
        var latest = (nextSubmission - submittedAt).TotalHours;
        var hours = Math.Min(latest * 0.9, 1 + (72 * -Math.Log(1 - r.NextDouble()) / 2));
        row.DecidedAt = submittedAt.AddHours(Math.Max(0.1, hours));
        row.DecidedByUserId = 1 + r.Next(Reviewers);
        var roll = r.NextDouble();
        row.Status = roll < 0.62 ? VerificationStatus.Approved : roll < 0.97 ? VerificationStatus.Rejected : VerificationStatus.Revoked;
        row.ReasonCode = row.Status == VerificationStatus.Approved ? null : DemoNames.Pick(r, RejectionReasons.All);
        row.UpdatedAt = row.DecidedAt.Value;
        row.Version = 2 + r.Next(4);
        return row;
    }

    private static RequestRow Open(Random r, BusinessRow business, DateTimeOffset submittedAt, string status, int attempt)
    {
        var row = NewRequest(r, business, submittedAt, attempt);
        row.Status = status;
        if (status is VerificationStatus.InReview or VerificationStatus.AwaitingSecondApproval && r.NextDouble() < 0.6)
        {
            // A claim that is live for some and long expired for others.
            row.AssignedToUserId = 1 + r.Next(Reviewers);
            row.ClaimExpiresAt = Now.AddMinutes(r.Next(-600, 60));
        }

        if (status == VerificationStatus.AwaitingSecondApproval)
        {
            row.FirstApproverUserId = 1 + r.Next(Reviewers);
        }

        row.UpdatedAt = submittedAt.AddMinutes(r.Next(0, 600)) is var updated && updated < Now ? updated : submittedAt;
        row.Version = status == VerificationStatus.Pending ? 1 : 2 + r.Next(3);
        return row;
    }

    private static RequestRow NewRequest(Random r, BusinessRow business, DateTimeOffset submittedAt, int attempt)
    {
        var score = business.HighRisk ? 40 + r.Next(0, 61) : r.Next(0, 61) + (r.NextDouble() < 0.1 ? 30 : 0);
        score = Math.Min(score, 100);
        return new RequestRow
        {
            BusinessId = business.Id,
            Business = business,
            Attempt = attempt,
            RiskScore = score,
            RiskBand = score >= 70 ? "High" : score >= 40 ? "Medium" : "Low",
            SubmittedAt = submittedAt,
            DueAt = submittedAt.AddHours(score >= 70 ? 24 : 72),
            UpdatedAt = submittedAt,
            Status = VerificationStatus.Pending,
        };
    }

    private static void InsertUsers(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Prepare(connection, transaction,
            "INSERT INTO Users (Id, Email, DisplayName, SecurityStamp, CreatedAt) VALUES ($id, $email, $name, $stamp, $created);",
            "$id", "$email", "$name", "$stamp", "$created");
        for (var i = 1; i <= Reviewers; i++)
        {
            Run(command, i, $"reviewer{i}@bench.local", $"Reviewer {i}", Guid.Empty.ToString("N"), Time(Now.AddYears(-3)));
        }
    }

    private static void InsertBusinesses(SqliteConnection connection, SqliteTransaction transaction, List<BusinessRow> businesses)
    {
        using var command = Prepare(connection, transaction, """
            INSERT INTO Businesses (Id, ExternalId, DisplayName, LegalName, Category, Country, PhoneE164, Website, EmailDomain,
                RegistrationNumber, Employees, AnnualTurnoverEur, CreatedAt, UpdatedAt)
            VALUES ($id, $ext, $display, $legal, $category, $country, $phone, $website, $domain, $registration, $employees, $turnover, $created, $updated);
            """,
            "$id", "$ext", "$display", "$legal", "$category", "$country", "$phone", "$website", "$domain", "$registration", "$employees", "$turnover", "$created", "$updated");
        foreach (var b in businesses)
        {
            Run(command, b.Id, "bench-" + b.Id.ToString(CultureInfo.InvariantCulture), b.DisplayName, b.LegalName, b.Category, b.Country, b.PhoneE164, b.Website,
                b.EmailDomain, b.RegistrationNumber, b.Employees, b.AnnualTurnoverEur, Time(b.CreatedAt), Time(b.CreatedAt));
        }
    }

    private static void InsertRequests(SqliteConnection connection, SqliteTransaction transaction, List<RequestRow> requests)
    {
        using var command = Prepare(connection, transaction, """
            INSERT INTO VerificationRequests (Id, BusinessId, BusinessCountry, BusinessCategory, Status, Attempt, RiskScore, RiskBand, SubmittedAt, DueAt,
                AssignedToUserId, ClaimExpiresAt, FirstApproverUserId, DecidedByUserId, DecidedAt, ReasonCode, UpdatedAt, Version)
            VALUES ($id, $business, $country, $category, $status, $attempt, $score, $band, $submitted, $due, $assigned, $claim, $first, $decidedBy, $decidedAt, $reason, $updated, $version);
            """,
            "$id", "$business", "$country", "$category", "$status", "$attempt", "$score", "$band", "$submitted", "$due", "$assigned", "$claim", "$first", "$decidedBy", "$decidedAt", "$reason", "$updated", "$version");
        foreach (var q in requests)
        {
            Run(command, q.Id, q.BusinessId, q.Business.Country, q.Business.Category, q.Status, q.Attempt, q.RiskScore, q.RiskBand, Time(q.SubmittedAt), Time(q.DueAt), q.AssignedToUserId,
                Time(q.ClaimExpiresAt), q.FirstApproverUserId, q.DecidedByUserId, Time(q.DecidedAt), q.ReasonCode, Time(q.UpdatedAt), q.Version);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The console's one text form of a time on SQLite.</summary>
    private static string? Time(DateTimeOffset? value) => value is { } v ? SqliteTypeHandlers.Format(v) : null;

    private static string Phone(Random r, DemoCountry country)
    {
        var plan = DemoNames.Pick(r, country.PhonePlans);
        var digits = new char[plan.Length];
        for (var i = 0; i < plan.Length; i++)
        {
            digits[i] = plan[i] switch
            {
                'X' => (char)('0' + r.Next(10)),
                'N' => (char)('0' + r.Next(2, 10)),
                var literal => literal,
            };
        }

        return "+" + country.CallingCode + new string(digits);
    }

    private static int Weighted(Random r, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = r.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private sealed class BusinessRow
    {
        public long Id { get; init; }

        public required string DisplayName { get; init; }

        public required string LegalName { get; init; }

        public required string Category { get; init; }

        public required string Country { get; init; }

        public required string PhoneE164 { get; init; }

        public required string Website { get; init; }

        public required string EmailDomain { get; init; }

        public string? RegistrationNumber { get; init; }

        public int Employees { get; init; }

        public long AnnualTurnoverEur { get; init; }

        public bool HighRisk { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class RequestRow
    {
        public long Id { get; set; }

        public long BusinessId { get; init; }

        public required BusinessRow Business { get; init; }

        public required string Status { get; set; }

        public int Attempt { get; init; }

        public int RiskScore { get; init; }

        public required string RiskBand { get; init; }

        public DateTimeOffset SubmittedAt { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public long? AssignedToUserId { get; set; }

        public DateTimeOffset? ClaimExpiresAt { get; set; }

        public long? FirstApproverUserId { get; set; }

        public long? DecidedByUserId { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public string? ReasonCode { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public int Version { get; set; }
    }
}
