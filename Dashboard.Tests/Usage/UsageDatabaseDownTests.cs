using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The database refusing writes: another connection holds SQLite's write lock (an exclusive transaction) while the console
/// waits at most a fraction of a second for it. Batches are then answered 503 and nothing of them is counted; once the
/// lock is gone the same batch counts, once.
/// </summary>
public sealed class UsageDatabaseDownTests : IAsyncLifetime
{
    private UsageApp _app = null!;
    private LockedApp? _locked;

    public async ValueTask InitializeAsync()
    {
        _locked = new LockedApp();
        _app = _locked;
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_locked is not null)
        {
            await _locked.DisposeAsync();
        }
    }

    [Fact]
    public async Task Post_WhileTheDatabaseRefusesWrites_Answers503WithRetryAfter_CountsNothing_AndTheRetryCountsOnce()
    {
        var minute = UsageApp.UniqueMinute();
        var batchId = Guid.NewGuid();
        JsonSample[] samples = [JsonSample.Of(minute, "DE", "text", "free", 40), JsonSample.Of(minute.AddSeconds(5), "PL", "photo", "business", 2)];
        using (var before = await UsageApp.PostAsync(_app.Writer, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 100)]))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        HttpStatusCode refusedStatus;
        string? contentType;
        TimeSpan? retryAfter;
        JsonElement problem;
        long totalWhileDown;
        await using (var holder = new SqliteConnection($"Data Source={_locked!.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync(UsageApp.Ct);
            await using (var command = holder.CreateCommand())
            {
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync(UsageApp.Ct);
            }

            using var refused = await UsageApp.PostAsync(_app.Writer, batchId, samples);
            refusedStatus = refused.StatusCode;
            contentType = refused.Content.Headers.ContentType?.MediaType;
            retryAfter = refused.Headers.RetryAfter?.Delta;
            problem = await refused.Content.ReadFromJsonAsync<JsonElement>(UsageApp.Ct);

            // Reads still work from the last committed state (WAL), and show nothing of the refused batch.
            totalWhileDown = await _app.TotalAsync(minute, minute.AddMinutes(1));

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(UsageApp.Ct);
        }

        using var retried = await UsageApp.PostAsync(_app.Writer, batchId, samples);
        var retriedBody = await retried.Content.ReadFromJsonAsync<JsonElement>(UsageApp.Ct);
        using var replayed = await UsageApp.PostAsync(_app.Writer, batchId, samples);
        var replayedBody = await replayed.Content.ReadFromJsonAsync<JsonElement>(UsageApp.Ct);
        var totalAfter = await _app.TotalAsync(minute, minute.AddMinutes(1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStatus);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter > TimeSpan.Zero);
        Assert.Equal(100, totalWhileDown);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, retriedBody.GetProperty("accepted").GetInt32());
        Assert.False(retriedBody.GetProperty("duplicate").GetBoolean());
        Assert.True(replayedBody.GetProperty("duplicate").GetBoolean());
        Assert.Equal(142, totalAfter);
    }

    /// <summary>The usage console on its own file, waiting at most 100 ms for SQLite's lock and a second for a command or transaction.</summary>
    private sealed class LockedApp(string path) : UsageApp(new Dictionary<string, string?>
    {
        // SQLite's own retries of a busy transaction follow the connection's default timeout.
        ["ConnectionStrings:Dashboard"] = $"Data Source={path};Default Timeout=1",
        ["Database:SqliteBusyTimeoutMilliseconds"] = "100",
        ["Database:CommandTimeoutSeconds"] = "1",
    })
    {
        public LockedApp()
            : this(Path.Combine(Path.GetTempPath(), "console-tests", "db-down-" + Guid.NewGuid().ToString("N"), "console.db"))
        {
        }

        public string DatabasePath { get; } = path;

        public new async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean with the temp folder.
            }
        }
    }
}
