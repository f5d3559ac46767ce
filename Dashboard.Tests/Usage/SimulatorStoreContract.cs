using Dashboard.Data.Usage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Usage;

/// <summary>The store's paths for the simulator's backfill, as every provider must do them; one thin subclass per provider.</summary>
public abstract class SimulatorStoreContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    // Each test works in a range of days of its own, far from the others', so that a shared database stays fair.
    private readonly long _base = UsageBuckets.Floor(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), UsageGranularity.Day)
        + (Random.Shared.Next(1, 100_000) * 10L * 86_400);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UsageStore Store => UsageStore.Create(fixture.Database);

    protected virtual void SkipIfUnavailable()
    {
    }

    [Fact]
    public async Task AddRollupRows_WritesEachGranularityAsGiven_AndAddsToRowsThatExist()
    {
        SkipIfUnavailable();
        var hour = _base + (5 * 3600);

        // 60,000 minute rows: more than the 50,000 the bulk path hands the provider at a time.
        string[] countries = ["BR", "DE", "IN", "US"];
        var minutes = (from m in Enumerable.Range(0, 1000)
                       from country in countries
                       from kind in UsageKinds.All
                       from tier in new[] { "business", "enterprise", "free" }
                       select new UsageCell(_base + (m * 60), country, kind, tier, m + 1)).ToArray();
        UsageCell[] hours = [new(hour, "DE", UsageKinds.Photo, "free", 70), new(hour + 3600, "DE", UsageKinds.Photo, "free", 5)];
        UsageCell[] days = [new(_base, "DE", UsageKinds.Photo, "free", 75)];

        await Store.AddRollupRowsAsync(new UsageRollupRows(minutes, hours, days), Ct);
        await Store.AddRollupRowsAsync(new UsageRollupRows([], [new(hour, "DE", UsageKinds.Photo, "free", 30)], []), Ct);

        var storedMinutes = await Store.RollupAsync(UsageGranularity.Minute, At(_base), At(_base + 86_400), Ct);
        Assert.Equal(minutes.Length, storedMinutes.Count);
        Assert.Equal(minutes.Sum(c => c.MessageCount), storedMinutes.Sum(c => c.MessageCount));
        Assert.Equal([100, 5], (await Store.RollupAsync(UsageGranularity.Hour, At(_base), At(_base + 86_400), Ct)).Select(c => c.MessageCount));
        Assert.Equal(75, Assert.Single(await Store.RollupAsync(UsageGranularity.Day, At(_base), At(_base + 86_400), Ct)).MessageCount);
    }

    [Fact]
    public async Task AddRollupRows_ARowNotStartingItsBucket_IsRefused_AndNothingIsWritten()
    {
        SkipIfUnavailable();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddRollupRowsAsync(
            new UsageRollupRows([new(_base, "DE", UsageKinds.Text, "free", 1)], [new(_base + 60, "DE", UsageKinds.Text, "free", 1)], []), Ct));

        Assert.Empty(await Store.RollupAsync(UsageGranularity.Minute, At(_base), At(_base + 86_400), Ct));
    }

    [Fact]
    public async Task ClearRollups_DeletesEveryGranularityInTheRange_AndNothingOutside()
    {
        SkipIfUnavailable();
        var day2 = _base + 86_400;
        await Store.AddToRollupsAsync(UsageGranularity.Minute, [new(_base + 600, "NG", UsageKinds.Voice, "free", 4), new(day2 + 600, "NG", UsageKinds.Voice, "free", 9)], Ct);

        var deleted = await Store.ClearRollupsAsync(_base, day2, Ct);

        Assert.Equal(3, deleted);
        Assert.Equal([day2 + 600], (await Store.RollupAsync(UsageGranularity.Minute, At(_base), At(day2 + 86_400), Ct)).Select(c => c.BucketStart));
        Assert.Equal([day2], (await Store.RollupAsync(UsageGranularity.Hour, At(_base), At(day2 + 86_400), Ct)).Select(c => c.BucketStart));
        Assert.Equal([day2], (await Store.RollupAsync(UsageGranularity.Day, At(_base), At(day2 + 86_400), Ct)).Select(c => c.BucketStart));
    }

    [Fact]
    public async Task OldestBucket_IsAtOrBeforeEveryStoredRow()
    {
        SkipIfUnavailable();
        await Store.AddToRollupsAsync(UsageGranularity.Hour, [new(_base + 7200, "EG", UsageKinds.Document, "business", 2)], Ct);

        Assert.True(await Store.OldestBucketAsync(UsageGranularity.Hour, Ct) <= _base + 7200);
        Assert.True(await Store.OldestBucketAsync(UsageGranularity.Day, Ct) <= _base);
    }

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}

public sealed class SqliteSimulatorStoreTests(SqliteMigratedDatabase fixture) : SimulatorStoreContract<SqliteMigratedDatabase>(fixture);

public sealed class SqlServerSimulatorStoreTests(SqlServerMigratedDatabase fixture) : SimulatorStoreContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
