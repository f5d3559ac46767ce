using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>POST and GET /api/v1/usage/volume through the real HTTP pipeline.</summary>
public sealed class UsageIngestApiTests(UsageApp app) : IClassFixture<UsageApp>
{
    private static CancellationToken Ct => UsageApp.Ct;

    [Fact]
    public async Task Post_ValidBatch_CountsEverySample_AndGetGroupsThem()
    {
        var minute = UsageApp.UniqueMinute();
        JsonSample[] samples =
        [
            JsonSample.Of(minute, "DE", "text", "free", 1000),
            JsonSample.Of(minute.AddSeconds(1), "DE", "photo", "business", 80),
            JsonSample.Of(minute.AddSeconds(2), "US", "text", "enterprise", 500),
            JsonSample.Of(minute.AddSeconds(59), "BR", "voice", "free", 20),
            JsonSample.Of(minute.AddSeconds(59), "JP", "document", "free", 0),
        ];

        using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), samples);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, body.GetProperty("accepted").GetInt32());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        var to = minute.AddMinutes(1);
        Assert.Equal(1600, await app.TotalAsync(minute, to));
        var byKind = UsageApp.Groups(await app.VolumeAsync(minute, to, "kind"));
        Assert.Equal(new Dictionary<string, long> { ["text"] = 1500, ["photo"] = 80, ["video"] = 0, ["voice"] = 20, ["document"] = 0 }, byKind);
        var byRegion = UsageApp.Groups(await app.VolumeAsync(minute, to, "region"));
        Assert.Equal(1080, byRegion["Europe"]);
        Assert.Equal(500, byRegion["North America"]);
        Assert.Equal(20, byRegion["Latin America"]);
        Assert.Equal(0, byRegion["Asia-Pacific"]);
        Assert.Equal(new Dictionary<string, long> { ["DE"] = 1080, ["US"] = 500, ["BR"] = 20 }, UsageApp.Groups(await app.VolumeAsync(minute, to, "country")));
        Assert.Equal(new Dictionary<string, long> { ["free"] = 1020, ["business"] = 80, ["enterprise"] = 500 }, UsageApp.Groups(await app.VolumeAsync(minute, to, "tier")));
        Assert.Equal(0, await app.TotalAsync(to, to.AddMinutes(1)));
    }

    [Theory]
    [InlineData("country", "unknown country")]
    [InlineData("kind", "unknown kind")]
    [InlineData("tier", "unknown tier")]
    [InlineData("count", "negative count")]
    [InlineData("at", "more than 5 minutes ahead")]
    [InlineData("at", "older than the minute retention")]
    [InlineData("at", "fraction of a second")]
    [InlineData("at", "not UTC")]
    public async Task Post_OneBadSample_Answers400NamingItsIndexAndField_AndCountsNothing(string field, string problem)
    {
        var minute = UsageApp.UniqueMinute();
        var samples = Enumerable.Range(0, 20).Select(i => JsonSample.Of(minute.AddSeconds(i), "FR", "text", "free", 100)).ToArray();
        var now = DateTimeOffset.UtcNow;
        samples[17] = problem switch
        {
            "unknown country" => samples[17] with { Country = "XX" },
            "unknown kind" => samples[17] with { Kind = "sticker" },
            "unknown tier" => samples[17] with { Tier = "platinum" },
            "negative count" => samples[17] with { Count = -5 },
            "more than 5 minutes ahead" => samples[17] with { At = JsonSample.Iso(now.AddMinutes(6)) },
            "older than the minute retention" => samples[17] with { At = JsonSample.Iso(now.AddDays(-15)) },
            "fraction of a second" => samples[17] with { At = samples[17].At.Replace("Z", ".500Z", StringComparison.Ordinal) },
            _ => samples[17] with { At = samples[17].At.Replace("Z", "+02:00", StringComparison.Ordinal) },
        };
        var batchId = Guid.NewGuid();

        using var response = await UsageApp.PostAsync(app.Writer, batchId, samples);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal([$"samples[17].{field}"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await app.TotalAsync(minute, minute.AddMinutes(1)));

        // The batch id was not recorded either: the corrected batch is new.
        samples[17] = JsonSample.Of(minute.AddSeconds(17), "FR", "text", "free", 100);
        using var corrected = await UsageApp.PostAsync(app.Writer, batchId, samples);
        var body = await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(20, body.GetProperty("accepted").GetInt32());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(2000, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Fact]
    public async Task Post_SeveralBadSamples_NamesEach()
    {
        var minute = UsageApp.UniqueMinute();
        JsonSample[] samples =
        [
            JsonSample.Of(minute, "DE", "text", "free", 1),
            JsonSample.Of(minute, "de", "gif", "free", 1),
            JsonSample.Of(minute, "Germany", "text", "gold", -1),
        ];

        using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), samples);

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["samples[1].kind", "samples[2].count", "samples[2].country", "samples[2].tier"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("Germany", errors.GetProperty("samples[2].country")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Fact]
    public async Task Post_MoreThan10000Samples_Answers400_AndCountsNothing()
    {
        var minute = UsageApp.UniqueMinute();
        var samples = Enumerable.Range(0, 10_001).Select(i => JsonSample.Of(minute.AddSeconds(i % 60), "IT", "text", "free", 1));

        using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), samples);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("10,000", errors.GetProperty("samples")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Fact]
    public async Task Post_BodyOver2Megabytes_Answers413()
    {
        var minute = UsageApp.UniqueMinute();
        var padding = new string('x', 2 * 1024 * 1024);
        var json = $$"""{"batchId":"{{Guid.NewGuid()}}","note":"{{padding}}","samples":[{"at":"{{JsonSample.Iso(minute)}}","country":"DE","kind":"text","tier":"free","count":5}]}""";

        using var response = await app.Writer.PostAsync("/api/v1/usage/volume", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Theory]
    [InlineData("{\"batchId\":")]
    [InlineData("[1, 2]")]
    [InlineData("{\"batchId\":\"not-a-uuid\",\"samples\":[]}")]
    [InlineData("{\"samples\":[{\"at\":\"2025-01-01T00:00:00Z\"}]}")]
    public async Task Post_UnreadableBody_Answers400ProblemDetails(string json)
    {
        using var response = await app.Writer.PostAsync("/api/v1/usage/volume", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_SameBatchIdAgain_Answers200Duplicate_AndCountsOnce()
    {
        var minute = UsageApp.UniqueMinute();
        var batchId = Guid.NewGuid();
        JsonSample[] samples = [JsonSample.Of(minute, "ES", "video", "business", 42), JsonSample.Of(minute.AddSeconds(30), "ES", "video", "business", 8)];

        using var first = await UsageApp.PostAsync(app.Writer, batchId, samples);
        using var second = await UsageApp.PostAsync(app.Writer, batchId, samples);
        var replay = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, replay.GetProperty("accepted").GetInt32());
        Assert.True(replay.GetProperty("duplicate").GetBoolean());
        Assert.Equal(50, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Fact]
    public async Task Get_IncludesBatchesNotYetMergedIntoRollups_AndTheSameAfterTheFlush()
    {
        var minute = UsageApp.UniqueMinute();
        using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), [JsonSample.Of(minute.AddSeconds(5), "PL", "text", "free", 321)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var before = await app.TotalAsync(minute, minute.AddMinutes(1));
        await app.Factory.Services.GetRequiredService<UsageWriter>().FlushAsync(Ct);
        var after = await app.TotalAsync(minute, minute.AddMinutes(1));

        Assert.Equal(321, before);
        Assert.Equal(321, after);
    }

    [Fact]
    public async Task Api_WithoutTheScope_Answers403_AndWithoutKey401()
    {
        using var entitlementsOnly = await app.ClientWithKeyAsync("entitlements:read");
        using var anonymous = app.Factory.CreateClient();
        var minute = UsageApp.UniqueMinute();

        using var post = await UsageApp.PostAsync(entitlementsOnly, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 1)]);
        using var postByReader = await UsageApp.PostAsync(app.Reader, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 1)]);
        using var get = await app.Writer.GetAsync($"/api/v1/usage/volume?from={JsonSample.Iso(minute)}", Ct);
        using var anonymousGet = await anonymous.GetAsync($"/api/v1/usage/volume?from={JsonSample.Iso(minute)}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, postByReader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousGet.StatusCode);
        Assert.Equal(0, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z", "to")]
    [InlineData("from=2025-06-01T00:00:00Z&to=soon", "to")]
    [InlineData("from=2025-06-01T00:00:00Z&groupBy=planet", "groupBy")]
    public async Task Get_BadRangeOrGrouping_Answers400NamingTheParameter(string query, string field)
    {
        using var response = await app.Reader.GetAsync("/api/v1/usage/volume?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"The errors do not name {field}: {errors}");
    }
}
