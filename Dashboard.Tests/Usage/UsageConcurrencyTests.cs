using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Usage;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>Eight senders at once, through the real HTTP pipeline: every count arrives exactly once, live and in every rollup.</summary>
public sealed class UsageConcurrencyTests(UsageApp app) : IClassFixture<UsageApp>
{
    private const int Clients = 8;
    private const int BatchesPerClient = 25;
    private const int SamplesPerBatch = 400;
    private static readonly string[] s_countries = ["DE", "FR", "US", "BR", "IN", "JP", "NG", "AE", "MX", "AU"];
    private static readonly string[] s_tiers = ["free", "business", "enterprise"];

    [Fact]
    public async Task Post_EightClientsAtOnceWithRetries_TotalsAreExact_InTheReadApiTheWindowAndEveryRollup()
    {
        // The last few minutes, so that the live window holds them too.
        var from = DateTimeOffset.FromUnixTimeSeconds(UsageBuckets.Floor(DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds(), UsageGranularity.Minute));
        var senders = new List<HttpClient>();
        for (var i = 0; i < Clients; i++)
        {
            senders.Add(await app.ClientWithKeyAsync("usage:write"));
        }

        var expected = new long[Clients];
        var expectedByKind = new long[Clients, UsageKinds.All.Count];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var b = 0; b < BatchesPerClient; b++)
            {
                var samples = new JsonSample[SamplesPerBatch];
                for (var s = 0; s < SamplesPerBatch; s++)
                {
                    var kind = random.Next(UsageKinds.All.Count);
                    var count = random.Next(0, 5000);
                    samples[s] = JsonSample.Of(from.AddSeconds(random.Next(300)), s_countries[random.Next(s_countries.Length)], UsageKinds.All[kind],
                        s_tiers[random.Next(s_tiers.Length)], count);
                    expected[client] += count;
                    expectedByKind[client, kind] += count;
                }

                var batchId = Guid.NewGuid();
                using var response = await UsageApp.PostAsync(senders[client], batchId, samples);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);

                // Every fifth batch is sent again, as a sender would after a lost answer.
                if (b % 5 == 0)
                {
                    using var retry = await UsageApp.PostAsync(senders[client], batchId, samples);
                    Assert.True((await retry.Content.ReadFromJsonAsync<JsonElement>(UsageApp.Ct)).GetProperty("duplicate").GetBoolean());
                }
            }
        }, UsageApp.Ct)));
        var total = expected.Sum();
        var to = from.AddMinutes(5);

        var window = app.Factory.Services.GetRequiredService<UsageWindow>().Totals(from, to);
        var read = await app.VolumeAsync(from, to, "kind");
        await app.Factory.Services.GetRequiredService<UsageWriter>().FlushAsync(UsageApp.Ct);
        var afterFlush = await app.TotalAsync(from, to);

        Assert.Equal(total, window.Total);
        Assert.Equal(total, read.GetProperty("total").GetInt64());
        Assert.Equal(total, afterFlush);
        var byKind = UsageApp.Groups(read);
        for (var k = 0; k < UsageKinds.All.Count; k++)
        {
            var kind = k;
            Assert.Equal(Enumerable.Range(0, Clients).Sum(c => expectedByKind[c, kind]), byKind[UsageKinds.All[k]]);
            Assert.Equal(byKind[UsageKinds.All[k]], window.ByKind[UsageKinds.All[k]]);
        }

        await using var connection = await app.Factory.Services.GetRequiredService<Database>().OpenAsync(UsageApp.Ct);
        var range = new { From = from.ToUnixTimeSeconds(), To = to.ToUnixTimeSeconds() };
        var dayFrom = UsageBuckets.Floor(range.From, UsageGranularity.Day);
        Assert.Equal(total, await connection.ExecuteScalarAsync<long>("SELECT SUM(MessageCount) FROM UsageMinute WHERE BucketStart >= @From AND BucketStart < @To", range));
        Assert.Equal(total, await connection.ExecuteScalarAsync<long>("SELECT SUM(MessageCount) FROM UsageHour WHERE BucketStart >= @From AND BucketStart < @To",
            new { From = UsageBuckets.Floor(range.From, UsageGranularity.Hour), range.To }));
        Assert.Equal(total, await connection.ExecuteScalarAsync<long>("SELECT SUM(MessageCount) FROM UsageDay WHERE BucketStart >= @From AND BucketStart < @To",
            new { From = dayFrom, range.To }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UsageJournal"));
        foreach (var sender in senders)
        {
            sender.Dispose();
        }
    }
}
