using Dashboard.Data.Usage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Usage;

/// <summary>What every provider's usage store must do; one thin subclass per provider.</summary>
public abstract class UsageStoreContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    private static readonly string[] s_countries = ["DE", "US", "BR", "IN", "ZA"];
    private static readonly string[] s_tiers = ["free", "business", "enterprise"];

    // Each test works in a range of days of its own, far from the others', so that a shared database stays fair.
    private readonly long _base = UsageBuckets.Floor(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), UsageGranularity.Day)
        + (Random.Shared.Next(1, 100_000) * 10L * 86_400);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual void SkipIfUnavailable()
    {
    }

    private UsageStore Store => UsageStore.Create(fixture.Database);

    [Fact]
    public async Task Flush_MinuteHourAndDayRollupsOfTheSameData_Agree_AndRangesReadTheSameFromEachMix()
    {
        SkipIfUnavailable();
        var random = new Random(7);

        // Three days of minutes, crossing hour and day boundaries, in several batches.
        var cells = new List<UsageCell>();
        for (var i = 0; i < 3000; i++)
        {
            cells.Add(new UsageCell(_base + (random.Next(3 * 1440) * 60), s_countries[random.Next(5)], UsageKinds.All[random.Next(5)], s_tiers[random.Next(3)], random.Next(1, 10_000)));
        }

        var batches = cells.Chunk(400).Select(c => Batch([.. Merge(c)])).ToList();
        Assert.All(await Store.AppendAsync(batches, Ct), Assert.True);
        Assert.Equal(batches.Count, await Store.JournalCountAsync(Ct));
        Assert.Equal(batches.Count, await Store.FlushJournalAsync(UsageStore.MaxFlushEntries, Ct));
        Assert.Equal(0, await Store.JournalCountAsync(Ct));

        var from = At(_base);
        var to = At(_base + (3 * 86_400));
        var minutes = await Store.RollupAsync(UsageGranularity.Minute, from, to, Ct);
        var hours = await Store.RollupAsync(UsageGranularity.Hour, from, to, Ct);
        var days = await Store.RollupAsync(UsageGranularity.Day, from, to, Ct);
        Assert.Equal(cells.Sum(c => c.MessageCount), minutes.Sum(c => c.MessageCount));
        Assert.Equal(3, days.Select(d => d.BucketStart).Distinct().Count());

        // Per day and per country, kind and tier: the day row equals the sum of its hours and of its minutes.
        foreach (var day in days)
        {
            bool Same(UsageCell c) => c.Country == day.Country && c.Kind == day.Kind && c.Tier == day.Tier;
            bool InDay(UsageCell c) => c.BucketStart >= day.BucketStart && c.BucketStart < day.BucketStart + 86_400;
            Assert.Equal(day.MessageCount, hours.Where(h => Same(h) && InDay(h)).Sum(h => h.MessageCount));
            Assert.Equal(day.MessageCount, minutes.Where(m => Same(m) && InDay(m)).Sum(m => m.MessageCount));
        }

        foreach (var hour in hours)
        {
            Assert.Equal(hour.MessageCount, minutes.Where(m => m.Country == hour.Country && m.Kind == hour.Kind && m.Tier == hour.Tier
                && m.BucketStart >= hour.BucketStart && m.BucketStart < hour.BucketStart + 3600).Sum(m => m.MessageCount));
        }

        // Ranges that need days, hours and minutes at both ends read what the cells hold.
        (long From, long To)[] ranges =
        [
            (_base, _base + (3 * 86_400)),
            (_base + 617 * 60, _base + (2 * 86_400) + (13 * 3600) + (43 * 60)),
            (_base + 3600 + 60, _base + (3 * 3600) - 60),
            (_base + 86_400 - 120, _base + 86_400 + 180),
            (_base + 600, _base + 660),
        ];
        foreach (var (start, end) in ranges)
        {
            var expected = cells.Where(c => c.BucketStart >= start && c.BucketStart < end).Sum(c => c.MessageCount);
            var totals = await Store.TotalsAsync(At(start), At(end), Ct);
            Assert.Equal(expected, totals.Sum(t => t.MessageCount));
        }
    }

    [Fact]
    public async Task Totals_IncludeTheJournalBeforeTheFlush_AndEqualAfterIt()
    {
        SkipIfUnavailable();
        var batch = Batch([new UsageCell(_base + 120, "DE", UsageKinds.Photo, "free", 70), new UsageCell(_base + 7200, "US", UsageKinds.Text, "business", 30)]);
        await Store.AppendAsync([batch], Ct);

        var before = await Store.TotalsAsync(At(_base), At(_base + 86_400), Ct);
        var beforeSeries = await Store.SeriesAsync(UsageGranularity.Hour, At(_base), At(_base + 86_400), UsageSplit.Kind, Ct);
        await Store.FlushJournalAsync(UsageStore.MaxFlushEntries, Ct);
        var after = await Store.TotalsAsync(At(_base), At(_base + 86_400), Ct);
        var afterSeries = await Store.SeriesAsync(UsageGranularity.Hour, At(_base), At(_base + 86_400), UsageSplit.Kind, Ct);

        Assert.Equal(100, before.Sum(t => t.MessageCount));
        Assert.Equal(before.OrderBy(t => t.Country), after.OrderBy(t => t.Country));
        Assert.Equal([new UsageSeriesPoint(_base, UsageKinds.Photo, 70), new UsageSeriesPoint(_base + 7200, UsageKinds.Text, 30)], beforeSeries);
        Assert.Equal(beforeSeries, afterSeries);
    }

    [Fact]
    public async Task Append_SameBatchIdTwice_InOneCallOrTwo_IsJournaledOnce()
    {
        SkipIfUnavailable();
        var batch = Batch([new UsageCell(_base, "FR", UsageKinds.Voice, "free", 5)]);

        var first = await Store.AppendAsync([batch, batch with { }], Ct);
        var second = await Store.AppendAsync([batch], Ct);
        await Store.FlushJournalAsync(UsageStore.MaxFlushEntries, Ct);

        Assert.Equal([true, false], first);
        Assert.Equal([false], second);
        Assert.Equal(5, (await Store.TotalsAsync(At(_base), At(_base + 60), Ct)).Sum(t => t.MessageCount));
    }

    [Fact]
    public async Task Purge_DeletesEachGranularityAfterItsOwnRetention_AndOldBatchIds()
    {
        SkipIfUnavailable();
        var old = _base;
        var recent = _base + (5 * 86_400);
        await Store.AddToRollupsAsync(UsageGranularity.Minute, [new UsageCell(old, "DE", UsageKinds.Text, "free", 1), new UsageCell(recent, "DE", UsageKinds.Text, "free", 2)], Ct);
        var oldBatch = Batch([]) with { ReceivedAt = At(old) };
        var recentBatch = Batch([]) with { ReceivedAt = At(recent) };
        await Store.AppendAsync([oldBatch, recentBatch], Ct);

        // Minutes and batch ids are kept one day, hours three days, days ten days.
        var result = await Store.PurgeAsync(new UsageRetentionCutoffs(At(recent - 86_400), At(recent - (3 * 86_400)), At(recent - (10 * 86_400)), At(recent - 86_400)), Ct);

        var range = (From: At(old - 86_400), To: At(recent + 86_400));
        Assert.Equal([recent], (await Store.RollupAsync(UsageGranularity.Minute, range.From, range.To, Ct)).Select(c => c.BucketStart));
        Assert.Equal([UsageBuckets.Floor(recent, UsageGranularity.Hour)], (await Store.RollupAsync(UsageGranularity.Hour, range.From, range.To, Ct)).Select(c => c.BucketStart));
        Assert.Equal(2, (await Store.RollupAsync(UsageGranularity.Day, range.From, range.To, Ct)).Count);
        Assert.True(result.Minutes >= 1 && result.Hours >= 1 && result.BatchIds >= 1);
        Assert.Equal([true], await Store.AppendAsync([oldBatch], Ct));
        Assert.Equal([false], await Store.AppendAsync([recentBatch], Ct));
    }

    [Fact]
    public async Task AddToRollups_Hours_FillHoursAndDaysButNotMinutes()
    {
        SkipIfUnavailable();
        await Store.AddToRollupsAsync(UsageGranularity.Hour, [new UsageCell(_base, "IN", UsageKinds.Text, "free", 10), new UsageCell(_base + 3600, "IN", UsageKinds.Text, "free", 15)], Ct);

        var range = (From: At(_base), To: At(_base + 86_400));
        Assert.Empty(await Store.RollupAsync(UsageGranularity.Minute, range.From, range.To, Ct));
        Assert.Equal(25, (await Store.RollupAsync(UsageGranularity.Hour, range.From, range.To, Ct)).Sum(c => c.MessageCount));
        Assert.Equal([new UsageCell(_base, "IN", UsageKinds.Text, "free", 25)], await Store.RollupAsync(UsageGranularity.Day, range.From, range.To, Ct));
    }

    [Fact]
    public async Task TierCodes_AreTheCatalogue()
    {
        SkipIfUnavailable();

        var codes = await Store.TierCodesAsync(Ct);

        Assert.Equal(["free", "business", "enterprise"], codes.Take(3));
    }

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static UsageBatch Batch(IReadOnlyList<UsageCell> cells) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, cells.Count, "tests", cells);

    private static IEnumerable<UsageCell> Merge(IEnumerable<UsageCell> cells) =>
        cells.GroupBy(c => (c.BucketStart, c.Country, c.Kind, c.Tier)).Select(g => g.First() with { MessageCount = g.Sum(c => c.MessageCount) });
}

/// <summary>The usage store contract on a fresh SQLite file.</summary>
public sealed class SqliteUsageStoreTests(SqliteMigratedDatabase fixture) : UsageStoreContract<SqliteMigratedDatabase>(fixture);

/// <summary>The usage store contract on the SQL Server in DASHBOARD_SQLSERVER (skipped without it).</summary>
public sealed class SqlServerUsageStoreTests(SqlServerMigratedDatabase fixture) : UsageStoreContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
