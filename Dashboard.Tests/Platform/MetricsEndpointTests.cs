using System.Globalization;
using System.Net;
using Dashboard.Data.Audit;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Dashboard.Tests.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Platform;

/// <summary>The Prometheus endpoint of the real host: what a scraper reads after batches went through the ingest API.</summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsEndpointTests() : UsageApp(new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" })
{
    [Fact]
    public async Task Metrics_AfterBatches_ShowIngestCountsByOutcome_AndTheCircuitAndBacklogInstruments()
    {
        var keys = Factory.Services.GetRequiredService<ApiKeyService>();
        var sender = (await keys.CreateAsync("metrics-test-sender", ["usage:write"], Actor.Console(), Ct)).Key;
        var scraper = (await keys.CreateAsync("metrics-test-scraper", ["metrics:read"], Actor.Console(), Ct)).Key;
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", sender);
        var minute = UniqueMinute();
        var batch = Guid.NewGuid();
        JsonSample[] samples = [JsonSample.Of(minute, "DE", "text", "free", 10), JsonSample.Of(minute.AddSeconds(1), "FR", "photo", "free", 20), JsonSample.Of(minute.AddSeconds(2), "US", "text", "business", 30)];

        using (var accepted = await PostAsync(client, batch, samples))
        using (var duplicate = await PostAsync(client, batch, samples))
        using (var rejected = await PostAsync(client, Guid.NewGuid(), [JsonSample.Of(minute, "XX", "text", "free", 1), JsonSample.Of(minute, "DE", "text", "free", 1)]))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        }

        using var scrape = Factory.CreateClient();
        scrape.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", scraper);
        string text = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await scrape.GetAsync(TelemetryServiceCollectionExtensions.MetricsPath, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync(Ct);
            if (Value(text, "dashboard_usage_ingest_batches_total", "accepted") is not null && text.Contains("dashboard_usage_tick_latency_seconds_bucket", StringComparison.Ordinal))
            {
                break;
            }

            // The exporter keeps a scrape for a moment; the next one sees newer values.
            await Task.Delay(200, Ct);
        }

        Assert.Equal(1, Value(text, "dashboard_usage_ingest_batches_total", "accepted"));
        Assert.Equal(3, Value(text, "dashboard_usage_ingest_samples_total", "accepted"));
        Assert.Equal(1, Value(text, "dashboard_usage_ingest_batches_total", "duplicate"));
        Assert.Equal(3, Value(text, "dashboard_usage_ingest_samples_total", "duplicate"));
        Assert.Equal(1, Value(text, "dashboard_usage_ingest_batches_total", "rejected"));
        Assert.Equal(2, Value(text, "dashboard_usage_ingest_samples_total", "rejected"));
        Assert.Contains("dashboard_circuits_open", text, StringComparison.Ordinal);
        Assert.Contains("dashboard_usage_writer_queue", text, StringComparison.Ordinal);
        Assert.Contains("dashboard_usage_journal_backlog", text, StringComparison.Ordinal);
        Assert.Contains("dashboard_usage_tick_latency_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithoutKeyOrWithoutScope_AreRefused()
    {
        using var anonymous = Factory.CreateClient();
        using var refused = await anonymous.GetAsync(TelemetryServiceCollectionExtensions.MetricsPath, Ct);

        using var wrongScope = await Writer.GetAsync(TelemetryServiceCollectionExtensions.MetricsPath, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.DoesNotContain("dashboard_", await wrongScope.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>The value of a counter's series for this test's sender and an outcome; null while it has none.</summary>
    private static double? Value(string exposition, string metric, string outcome)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal)
                && line.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal)
                && line.Contains("source=\"metrics-test-sender\"", StringComparison.Ordinal))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
