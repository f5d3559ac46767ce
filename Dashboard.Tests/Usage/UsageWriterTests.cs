using System.Net;
using System.Text;
using Dapper;
using Dashboard.Data;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>How the journal writer groups batches into commits.</summary>
public sealed class UsageWriterTests(UsageApp app) : IClassFixture<UsageApp>
{
    private static CancellationToken Ct => UsageApp.Ct;

    private UsageWriter Writer => app.Factory.Services.GetRequiredService<UsageWriter>();

    [Fact]
    public async Task Post_AcceptedRefusedAndUnreadableBatches_LeaveNoBatchOnItsWay()
    {
        var minute = UsageApp.UniqueMinute();
        var padding = new string('x', 2 * 1024 * 1024);
        using var accepted = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), [JsonSample.Of(minute, "DE", "text", "free", 5)]);
        using var refused = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(), [JsonSample.Of(minute, "XX", "text", "free", 5)]);
        using var unreadable = await app.Writer.PostAsync("/api/v1/usage/volume", new StringContent("{\"batchId\":", Encoding.UTF8, "application/json"), Ct);
        using var tooLarge = await app.Writer.PostAsync("/api/v1/usage/volume", new UnsizedContent($$"""{"note":"{{padding}}"}"""), Ct);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge],
            [accepted.StatusCode, refused.StatusCode, unreadable.StatusCode, tooLarge.StatusCode]);

        // A batch counted as on its way for ever would hold every later commit back by the gathering wait.
        Assert.Equal(0, Writer.OnTheirWay);
    }

    [Fact]
    public async Task Post_EightSendersAtOnce_ShareCommits_AndTheTotalIsExact()
    {
        var minute = UsageApp.UniqueMinute();
        var before = Writer.CommitCounts;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(),
                    [.. Enumerable.Range(0, 200).Select(s => JsonSample.Of(minute.AddSeconds(s % 60), "FR", "text", "free", 3))]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }, Ct)));

        var after = Writer.CommitCounts;
        Assert.Equal(80, after.Batches - before.Batches);
        Assert.True(after.Commits - before.Commits < 80, $"{after.Commits - before.Commits} commits for 80 batches");
        Assert.Equal(80 * 200 * 3, await app.TotalAsync(minute, minute.AddMinutes(1)));
    }

    [Fact]
    public async Task Post_WhileFlushesRunAlongside_EveryCountIsInTheMinuteRollupOnce()
    {
        var minute = UsageApp.UniqueMinute();
        using var stop = new CancellationTokenSource();
        var flushes = 0;
        var flushing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Writer.FlushAsync(Ct);
                flushes++;
            }
        }, Ct);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await UsageApp.PostAsync(app.Writer, Guid.NewGuid(),
                    [.. Enumerable.Range(0, 200).Select(s => JsonSample.Of(minute.AddSeconds(s % 60), CountryOf(sender), "photo", "business", 7))]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }, Ct)));
        await stop.CancelAsync();
        await flushing;
        await Writer.FlushAsync(Ct);

        const long Expected = 8 * 10 * 200 * 7;
        Assert.True(flushes > 0);
        Assert.Equal(Expected, await app.TotalAsync(minute, minute.AddMinutes(1)));
        await using var connection = await app.Factory.Services.GetRequiredService<Database>().OpenAsync(Ct);
        Assert.Equal(Expected, await connection.ExecuteScalarAsync<long>("SELECT SUM(MessageCount) FROM UsageMinute WHERE BucketStart = @Minute",
            new { Minute = minute.ToUnixTimeSeconds() }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UsageJournal"));
    }

    private static string CountryOf(int sender) => new[] { "DE", "FR", "US", "BR", "IN", "JP", "NG", "AU" }[sender];

    /// <summary>A body sent without a length, so that the size limit is found while reading it.</summary>
    private sealed class UnsizedContent(string json) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(Encoding.UTF8.GetBytes(json)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
