using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Usage;

namespace Dashboard.Tests.Platform;

/// <summary>
/// Rate limits of the real host, made deterministic by a bucket that is refilled only once an hour: two batches per key,
/// then 429 until the hour is up.
/// </summary>
public sealed class RateLimitTests() : UsageApp(new Dictionary<string, string?>
{
    ["Api:RateLimits:Ingest:Burst"] = "2",
    ["Api:RateLimits:Ingest:PermitsPerSecond"] = "1",
    ["Api:RateLimits:Ingest:ReplenishmentPeriod"] = "01:00:00",
})
{
    [Fact]
    public async Task Post_KeyOverItsLimit_Gets429ProblemWithRetryAfter_AnotherKeyAndReadsStillPass()
    {
        var minute = UniqueMinute();
        using var keyA = await ClientWithKeyAsync("usage:write", "usage:read");
        using var keyB = await ClientWithKeyAsync("usage:write");

        using var first = await PostAsync(keyA, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 5)]);
        using var second = await PostAsync(keyA, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 7)]);
        using var third = await PostAsync(keyA, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 1000)]);
        using var other = await PostAsync(keyB, Guid.NewGuid(), [JsonSample.Of(minute, "AT", "text", "free", 11)]);
        using var read = await keyA.GetAsync($"/api/v1/usage/volume?from={JsonSample.Iso(minute)}&to={JsonSample.Iso(minute.AddMinutes(1))}", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Reads have a bucket of their own, and the refused batch was not counted.
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var volume = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(5 + 7 + 11, volume.GetProperty("total").GetInt64());
    }
}
