using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>A sample as the platform sends it.</summary>
public sealed record JsonSample(string At, string Country, string Kind, string Tier, long Count)
{
    public static JsonSample Of(DateTimeOffset at, string country, string kind, string tier, long count) => new(Iso(at), country, kind, tier, count);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The real console (no demo businesses) with a writer key (<c>usage:write</c>) and a reader key (<c>usage:read</c>).
/// The journal is flushed every five minutes only, so reads show that unmerged batches count; tests flush when they need rollups.
/// </summary>
public class UsageApp : IAsyncLifetime
{
    private static int s_minutes;
    private readonly Dictionary<string, string?> _settings;

    public UsageApp()
        : this(new Dictionary<string, string?>())
    {
    }

    protected UsageApp(Dictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0", ["Usage:FlushInterval"] = "00:05:00" };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public ConsoleAppFactory Factory { get; private set; } = null!;

    public HttpClient Writer { get; private set; } = null!;

    public HttpClient Reader { get; private set; } = null!;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A whole minute of the past that no other test of the run uses.</summary>
    public static DateTimeOffset UniqueMinute()
    {
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return hour.AddHours(-2).AddMinutes(-7 * Interlocked.Increment(ref s_minutes));
    }

    public virtual async ValueTask InitializeAsync()
    {
        Factory = new ConsoleAppFactory(_settings);
        Writer = await ClientWithKeyAsync("usage:write");
        Reader = await ClientWithKeyAsync("usage:read");
    }

    public async Task<HttpClient> ClientWithKeyAsync(params string[] scopes)
    {
        var key = await Factory.Services.GetRequiredService<ApiKeyService>().CreateAsync($"key-{Guid.NewGuid():N}", scopes, Actor.Console(), Ct);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        return client;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid batchId, IEnumerable<JsonSample> samples) =>
        client.PostAsJsonAsync("/api/v1/usage/volume", new { batchId, samples }, Ct);

    /// <summary>The read API's answer for a range.</summary>
    public async Task<JsonElement> VolumeAsync(DateTimeOffset from, DateTimeOffset to, string? groupBy = null)
    {
        var url = $"/api/v1/usage/volume?from={JsonSample.Iso(from)}&to={JsonSample.Iso(to)}" + (groupBy is null ? "" : "&groupBy=" + groupBy);
        using var response = await Reader.GetAsync(url, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public async Task<long> TotalAsync(DateTimeOffset from, DateTimeOffset to) => (await VolumeAsync(from, to)).GetProperty("total").GetInt64();

    public static Dictionary<string, long> Groups(JsonElement volume) =>
        volume.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("count").GetInt64());

    public async ValueTask DisposeAsync()
    {
        Writer?.Dispose();
        Reader?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
