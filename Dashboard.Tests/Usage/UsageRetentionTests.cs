using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>The clean-up service deletes expired rollups on its own clock, at start and then every interval.</summary>
public sealed class UsageRetentionTests
{
    [Fact]
    public async Task CleanupService_OnItsTimer_DeletesRowsPastEachRetention()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var file = await SqliteTestDatabase.CreateAsync(ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var store = UsageStore.Create(file.Database);
        var options = Options.Create(new UsageOptions { MinuteRetentionDays = 14, HourRetentionDays = 400, DayRetentionDays = 1830, CleanupInterval = TimeSpan.FromHours(1) });
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await store.AddToRollupsAsync(UsageGranularity.Minute, [new UsageCell(UsageBuckets.Floor(now - (13 * 86_400), UsageGranularity.Minute), "DE", UsageKinds.Text, "free", 1)], ct);
        using var service = new UsageRetention(store, options, time, NullLogger<UsageRetention>.Instance);

        await service.StartAsync(ct);
        var minutesAtStart = await MinuteRowsAsync(store, now, ct);

        // Two days later the minute is past its 14 days, while its hour and day are kept.
        time.Advance(TimeSpan.FromDays(2));
        await WaitUntilAsync(async () => await MinuteRowsAsync(store, now, ct) == 0, ct);
        await service.StopAsync(ct);

        Assert.Equal(1, minutesAtStart);
        Assert.Single(await store.RollupAsync(UsageGranularity.Hour, DateTimeOffset.FromUnixTimeSeconds(now - (20 * 86_400)), time.GetUtcNow(), ct));
        Assert.Single(await store.RollupAsync(UsageGranularity.Day, DateTimeOffset.FromUnixTimeSeconds(now - (20 * 86_400)), time.GetUtcNow(), ct));
    }

    private static async Task<int> MinuteRowsAsync(IUsageStore store, long now, CancellationToken ct) =>
        (await store.RollupAsync(UsageGranularity.Minute, DateTimeOffset.FromUnixTimeSeconds(now - (20 * 86_400)), DateTimeOffset.FromUnixTimeSeconds(now), ct)).Count;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
