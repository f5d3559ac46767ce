using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>Batch ids and counts outlive the process: a replay after a restart is still a duplicate, and shutdown leaves nothing unmerged.</summary>
public sealed class UsageRestartTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "console-tests", "usage-restart-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => UsageApp.Ct;

    [Fact]
    public async Task Post_ReplayAfterRestart_IsADuplicate_AndCountedOnce()
    {
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = "Data Source=" + Path.Combine(_folder, "console.db"),
            ["Demo:BusinessCount"] = "0",
            ["Usage:FlushInterval"] = "00:05:00",
        };
        var minute = UsageApp.UniqueMinute();
        var batchId = Guid.NewGuid();
        JsonSample[] samples = [JsonSample.Of(minute, "AT", "photo", "free", 900), JsonSample.Of(minute.AddSeconds(10), "CH", "text", "business", 99)];
        string key;

        await using (var first = new ConsoleAppFactory(settings))
        {
            key = (await first.Services.GetRequiredService<ApiKeyService>().CreateAsync("platform", ["usage:write", "usage:read"], Actor.Console(), Ct)).Key;
            using var client = Client(first, key);
            using var response = await UsageApp.PostAsync(client, batchId, samples);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var second = new ConsoleAppFactory(settings);
        using var again = Client(second, key);

        // The first process flushed its journal on the way out (its timer would have waited five minutes).
        await using (var connection = await second.Services.GetRequiredService<Database>().OpenAsync(Ct))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UsageJournal"));
            Assert.Equal(999, await connection.ExecuteScalarAsync<long>("SELECT SUM(MessageCount) FROM UsageMinute WHERE BucketStart = @At", new { At = minute.ToUnixTimeSeconds() }));
        }

        using var replay = await UsageApp.PostAsync(again, batchId, samples);
        var body = await replay.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var volume = await again.GetFromJsonAsync<JsonElement>($"/api/v1/usage/volume?from={JsonSample.Iso(minute)}&to={JsonSample.Iso(minute.AddMinutes(1))}", Ct);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(999, volume.GetProperty("total").GetInt64());
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a file still held open: the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    private static HttpClient Client(ConsoleAppFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
