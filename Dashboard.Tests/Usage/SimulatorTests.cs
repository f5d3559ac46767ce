using Dashboard.Data.Demo;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Dashboard.Usage.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The traffic simulator through the real ingest path, journal, live window and rollups, on a migrated SQLite file and
/// a fake clock: one batch a second with the model's counts, a history backfill that writes exactly the model's
/// counts once and meets the live counts at the start second, and per-business days as UTC days complete.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class SimulatorTests : IAsyncLifetime
{
    private const long Day = 86_400;

    // A Wednesday, 10:20:50.25 UTC: the simulator's first second is 10:20:50, inside a minute and an hour.
    private static readonly DateTimeOffset s_start = new DateTimeOffset(2026, 3, 4, 10, 20, 50, TimeSpan.Zero).AddMilliseconds(250);

    private readonly FakeTimeProvider _time = new(s_start);
    private SqliteTestDatabase _file = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long StartSecond => s_start.ToUnixTimeSeconds();

    public async ValueTask InitializeAsync() => _file = await SqliteTestDatabase.CreateAsync(Ct);

    public async ValueTask DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Live_EachSecond_IngestsOneBatchWithTheModelsCountsOfThatSecond()
    {
        await using var host = await SimulatorHost.StartAsync(_file.Database, _time);
        var model = SimulatorHost.Model();

        await host.RunSecondsAsync(_time, 3);

        var window = host.Services.GetRequiredService<UsageWindow>();
        Assert.Equal([model.CellCount, model.CellCount, model.CellCount], await host.BatchesAsync());
        for (var second = StartSecond; second < StartSecond + 3; second++)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(second);
            var (total, byKind) = ModelSecond(model, at);
            var tick = window.Tick(at);
            Assert.Equal(total, tick.Total);
            Assert.Equal(byKind, tick.ByKind.Where(k => k.Value > 0).ToDictionary());
        }

        Assert.InRange(window.Tick(DateTimeOffset.FromUnixTimeSeconds(StartSecond)).Total, 300_000, 1_200_000);
    }

    [Fact]
    public async Task Restart_AfterTheConsoleWasStopped_SendsWhatTheModelWouldHaveSent_UpToTheLiveStart()
    {
        // The first run sends 10:20:50 to 10:20:52, then the console is stopped for two hours.
        await using (var first = await SimulatorHost.StartAsync(_file.Database, _time))
        {
            await first.RunSecondsAsync(_time, 3);
        }

        _time.Advance(TimeSpan.FromMinutes(123) + TimeSpan.FromSeconds(20));
        var restart = _time.GetUtcNow().ToUnixTimeSeconds();
        var model = SimulatorHost.Model();
        await using var again = await SimulatorHost.StartAsync(_file.Database, _time);

        // From the minute after the newest recorded one (10:21) up to the live start, 12:24:13: every whole hour in between
        // holds exactly the model's minutes, and the start minute the model's seconds up to the live start.
        var lastHour = UsageBuckets.Floor(restart, UsageGranularity.Hour) - 3600;
        var expectedHour = Enumerable.Range(0, 60).Sum(m => ModelMinute(model, lastHour + (m * 60)));
        var startMinute = UsageBuckets.Floor(restart, UsageGranularity.Minute);
        var expectedStartMinute = Enumerable.Range(0, (int)(restart - startMinute)).Sum(s => ModelSecond(model, DateTimeOffset.FromUnixTimeSeconds(startMinute + s)).Total);
        await SimulatorHost.WaitUntilAsync(async () => await TotalAsync(again.Store, startMinute, startMinute + 60) == expectedStartMinute,
            "the start minute is filled up to the live start");
        Assert.Equal(expectedHour, await TotalAsync(again.Store, lastHour, lastHour + 3600));
        Assert.Equal(ModelMinute(model, UsageBuckets.Floor(StartSecond, UsageGranularity.Minute) + 60),
            await TotalAsync(again.Store, UsageBuckets.Floor(StartSecond, UsageGranularity.Minute) + 60, UsageBuckets.Floor(StartSecond, UsageGranularity.Minute) + 120));

        // The newest minute of the first run keeps just what it sent; the seconds before the live start are live seconds too.
        var firstRun = Enumerable.Range(0, 3).Sum(s => ModelSecond(model, DateTimeOffset.FromUnixTimeSeconds(StartSecond + s)).Total);
        var firstMinute = UsageBuckets.Floor(StartSecond, UsageGranularity.Minute);
        Assert.Equal(firstRun, await TotalAsync(again.Store, firstMinute, firstMinute + 60));
        var window = again.Services.GetRequiredService<UsageWindow>();
        Assert.Equal(ModelSecond(model, DateTimeOffset.FromUnixTimeSeconds(restart - 1)).Total, window.Tick(DateTimeOffset.FromUnixTimeSeconds(restart - 1)).Total);

        // Started again at once, there is nothing left to fill.
        await again.StopAsync();
        var before = await TotalAsync(again.Store, firstMinute, startMinute);
        await using var third = await SimulatorHost.StartAsync(_file.Database, _time);
        await third.RunSecondsAsync(_time, 1);
        Assert.Equal(before, await TotalAsync(third.Store, firstMinute, startMinute));
    }

    [Theory]
    [InlineData(100, 100, 1, 100)] // on time: the second just completed
    [InlineData(100, 103, 1, 100)] // three seconds late: all sent
    [InlineData(100, 130, 1, 125)] // half a minute late: the last 1 + 5, the rest skipped
    [InlineData(100, 130, 5, 121)] // with 5-second batches: the last 5 + 5
    public void FirstToSend_AfterAStall_GoesBackAtMostOneIntervalAndAFewSeconds(long next, long complete, int intervalSeconds, long first)
    {
        Assert.Equal(first, UsageSimulator.FirstToSend(next, complete, TimeSpan.FromSeconds(intervalSeconds)));
    }

    [Fact]
    public async Task Backfill_WritesExactlyTheModelsCounts_AndMinuteHourAndDayRollupsAgree()
    {
        await using var host = await SimulatorHost.StartAsync(_file.Database, _time, Backfill(days: 3, minuteDays: 1));

        var result = await host.BackfillFinishedAsync();

        var from = UsageBuckets.Floor(StartSecond, UsageGranularity.Day) - (2 * Day);
        var minuteFrom = UsageBuckets.Ceiling(StartSecond - Day, UsageGranularity.Hour);
        var expected = Expected(SimulatorHost.Model(), from, StartSecond, minuteFrom);
        var stored = await StoredAsync(host.Store);
        Assert.Equal(UsageBackfillState.Completed, result.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(from), result.From);
        Assert.Equal(s_start.AddMilliseconds(-250), result.To);
        AssertSameRows(expected, stored);
        Assert.Equal(minuteFrom, stored.Keys.Where(k => k.Granularity == UsageGranularity.Minute).Min(k => k.Bucket));
        Assert.Equal(from, stored.Keys.Where(k => k.Granularity == UsageGranularity.Hour).Min(k => k.Bucket));
        AssertGranularitiesAgree(stored);

        // Three days at 636,000 messages a second would be 165 billion; the day before the start carries about 55 billion.
        var yesterday = stored.Where(r => r.Key.Granularity == UsageGranularity.Day && r.Key.Bucket == from + Day).Sum(r => r.Value);
        Assert.InRange(yesterday, 40_000_000_000, 70_000_000_000);
    }

    [Fact]
    public async Task Backfill_AndLiveCounts_MeetAtTheStartSecond_SoTheStartMinuteIsTheModelsWholeMinute()
    {
        await using var host = await SimulatorHost.StartAsync(_file.Database, _time, Backfill(days: 1, minuteDays: 1));
        await host.BackfillFinishedAsync();

        // The backfill wrote 10:20:00–10:20:49; the simulator sends 10:20:50–10:20:59, then the journal is merged.
        await host.RunSecondsAsync(_time, 10);
        await host.Services.GetRequiredService<UsageWriter>().FlushAsync(Ct);

        var minute = UsageBuckets.Floor(StartSecond, UsageGranularity.Minute);
        var model = SimulatorHost.Model();
        var expected = new Dictionary<(string, string, string), long>();
        for (var second = minute; second < minute + 60; second++)
        {
            model.Second(DateTimeOffset.FromUnixTimeSeconds(second), (country, kind, tier, count) =>
                expected[(country, kind, tier)] = expected.GetValueOrDefault((country, kind, tier)) + count);
        }

        var stored = await host.Store.RollupAsync(UsageGranularity.Minute, DateTimeOffset.FromUnixTimeSeconds(minute), DateTimeOffset.FromUnixTimeSeconds(minute + 60), Ct);
        Assert.Equal(expected, stored.ToDictionary(c => (c.Country, c.Kind, c.Tier), c => c.MessageCount));
        AssertGranularitiesAgree(await StoredAsync(host.Store));
    }

    [Fact]
    public async Task Backfill_OnTheNextStart_IsNotRepeated_AndChangesNothing()
    {
        var settings = Backfill(days: 3, minuteDays: 0);
        Dictionary<RowKey, long> first;
        await using (var host = await SimulatorHost.StartAsync(_file.Database, _time, settings))
        {
            Assert.Equal(UsageBackfillState.Completed, (await host.BackfillFinishedAsync()).State);
            first = await StoredAsync(host.Store);
        }

        _time.Advance(TimeSpan.FromHours(3));
        await using var again = await SimulatorHost.StartAsync(_file.Database, _time, settings);

        Assert.Equal(UsageBackfillState.NotNeeded, (await again.BackfillFinishedAsync()).State);
        AssertSameRows(first, await StoredAsync(again.Store));
    }

    [Fact]
    public async Task Backfill_StoppedByAShutdown_IsFinishedOnTheNextStart_CountingEveryDayOnce()
    {
        var settings = Backfill(days: 10, minuteDays: 1);
        await using (var host = await SimulatorHost.StartAsync(_file.Database, _time, settings))
        {
            await SimulatorHost.WaitUntilAsync(() => Task.FromResult(host.Backfill.Current.RowsWritten > 0), "the backfill has written a slice");
            await host.StopAsync();
            Assert.Contains(host.Backfill.Current.State, new[] { UsageBackfillState.Stopped, UsageBackfillState.Completed });
        }

        // Started again at the same instant: what the first run left of an unfinished day is cleared and written once.
        await using var again = await SimulatorHost.StartAsync(_file.Database, _time, settings);
        await again.BackfillFinishedAsync();

        var from = UsageBuckets.Floor(StartSecond, UsageGranularity.Day) - (9 * Day);
        var minuteFrom = UsageBuckets.Ceiling(StartSecond - Day, UsageGranularity.Hour);
        AssertSameRows(Expected(SimulatorHost.Model(), from, StartSecond, minuteFrom), await StoredAsync(again.Store));
    }

    [Fact]
    public async Task BusinessDays_WhenAUtcDayCompletes_EveryRecentlyActiveBusinessGetsThatDay_Once()
    {
        // Demo data seeded late on Wednesday 4 March: per-business usage up to Tuesday.
        var now = new DateTimeOffset(2026, 3, 4, 23, 59, 58, TimeSpan.Zero).AddMilliseconds(500);
        var time = new FakeTimeProvider(now);
        await new DemoDataSeeder(_file.Database, time).SeedAsync(new DemoSeedOptions { BusinessCount = DemoSeedOptions.MinBusinessCount }, Ct);
        var wednesday = UsageBuckets.Floor(now.ToUnixTimeSeconds(), UsageGranularity.Day);
        await using var host = await SimulatorHost.StartAsync(_file.Database, time);
        var before = await host.Store.BusinessDaysAsync(wednesday - (7 * Day), wednesday, Ct);

        // Two seconds later Wednesday has completed.
        await host.RunSecondsAsync(time, 2);
        await SimulatorHost.WaitUntilAsync(async () => (await host.Store.BusinessDaysAsync(wednesday, wednesday + Day, Ct)).Count > 0, "Wednesday is written");

        var written = await host.Store.BusinessDaysAsync(wednesday, wednesday + Day, Ct);
        Assert.Equal(before.Select(d => d.BusinessId).Distinct().Order(), written.Select(d => d.BusinessId).Order());
        Assert.Equal(0, await host.Services.GetRequiredService<BusinessUsageSimulator>().CatchUpAsync(SimulatorHost.Seed, time.GetUtcNow(), Ct));

        // Scaled from the week before: the businesses' weekdays carried about as many conversations, and messages per conversation stay.
        var weekdays = before.Where(d => DateTimeOffset.FromUnixTimeSeconds(d.Day).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var typicalWeekday = weekdays.Sum(d => d.Conversations) / (double)weekdays.Select(d => d.Day).Distinct().Count();
        Assert.InRange(written.Sum(d => d.Conversations), typicalWeekday * 0.85, typicalWeekday * 1.15);
        Assert.InRange(written.Sum(d => d.Messages) / (double)written.Sum(d => d.Conversations),
            before.Sum(d => d.Messages) / (double)before.Sum(d => d.Conversations) * 0.9, before.Sum(d => d.Messages) / (double)before.Sum(d => d.Conversations) * 1.1);
    }

    private static Dictionary<string, string?> Backfill(int days, int minuteDays) => new()
    {
        ["Usage:Simulator:BackfillDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Usage:Simulator:BackfillMinuteDays"] = minuteDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static long ModelMinute(TrafficModel model, long minute)
    {
        var counts = new long[model.CellCount];
        model.Minute(DateTimeOffset.FromUnixTimeSeconds(minute), counts);
        return counts.Sum();
    }

    /// <summary>Messages over [<paramref name="from"/>, <paramref name="to"/>) (whole minutes), journal included.</summary>
    private static async Task<long> TotalAsync(IUsageStore store, long from, long to) =>
        (await store.SeriesAsync(UsageGranularity.Minute, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to), UsageSplit.None, Ct))
            .Sum(p => p.MessageCount);

    private static (long Total, Dictionary<string, long> ByKind) ModelSecond(TrafficModel model, DateTimeOffset second)
    {
        long total = 0;
        var byKind = new Dictionary<string, long>();
        model.Second(second, (_, kind, _, count) =>
        {
            total += count;
            byKind[kind] = byKind.GetValueOrDefault(kind) + count;
        });
        return (total, byKind);
    }

    /// <summary>
    /// The rows a backfill of [<paramref name="from"/>, <paramref name="to"/>) writes, as the model defines them: minutes
    /// from <paramref name="minuteFrom"/> on (the last, partial one from seconds); an hour the sum of its minutes where they
    /// are kept, or is partial, else the model's hour; a day the sum of its hours.
    /// </summary>
    private static Dictionary<RowKey, long> Expected(TrafficModel model, long from, long to, long minuteFrom)
    {
        var cells = Enumerable.Range(0, model.CellCount)
            .Select(i => (model.Markets[i / 15].Country, TrafficModel.Kinds[i / 3 % 5].Kind, TrafficModel.TierShares[i % 3].Tier)).ToArray();
        var index = cells.Select((c, i) => (c, i)).ToDictionary(e => e.c, e => e.i);
        var rows = new Dictionary<RowKey, long>();
        void Add(UsageGranularity granularity, long bucket, long[] counts)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    var key = new RowKey(granularity, bucket, cells[i].Item1, cells[i].Item2, cells[i].Item3);
                    rows[key] = rows.GetValueOrDefault(key) + counts[i];
                }
            }
        }

        for (var hour = from; hour < to; hour += 3600)
        {
            var end = Math.Min(hour + 3600, to);
            var hourCounts = new long[model.CellCount];
            if (hour >= minuteFrom || end < hour + 3600)
            {
                for (var minute = hour; minute < end; minute += 60)
                {
                    var counts = new long[model.CellCount];
                    if (minute + 60 <= end)
                    {
                        model.Minute(DateTimeOffset.FromUnixTimeSeconds(minute), counts);
                    }
                    else
                    {
                        for (var second = minute; second < end; second++)
                        {
                            model.Second(DateTimeOffset.FromUnixTimeSeconds(second), (country, kind, tier, count) => counts[index[(country, kind, tier)]] += count);
                        }
                    }

                    if (hour >= minuteFrom)
                    {
                        Add(UsageGranularity.Minute, minute, counts);
                    }

                    for (var i = 0; i < counts.Length; i++)
                    {
                        hourCounts[i] += counts[i];
                    }
                }
            }
            else
            {
                model.Hour(DateTimeOffset.FromUnixTimeSeconds(hour), hourCounts);
            }

            Add(UsageGranularity.Hour, hour, hourCounts);
            Add(UsageGranularity.Day, UsageBuckets.Floor(hour, UsageGranularity.Day), hourCounts);
        }

        return rows;
    }

    private static async Task<Dictionary<RowKey, long>> StoredAsync(IUsageStore store)
    {
        var rows = new Dictionary<RowKey, long>();
        foreach (var granularity in new[] { UsageGranularity.Minute, UsageGranularity.Hour, UsageGranularity.Day })
        {
            foreach (var cell in await store.RollupAsync(granularity, DateTimeOffset.UnixEpoch, s_start.AddDays(30), Ct))
            {
                rows.Add(new RowKey(granularity, cell.BucketStart, cell.Country, cell.Kind, cell.Tier), cell.MessageCount);
            }
        }

        return rows;
    }

    private static void AssertSameRows(Dictionary<RowKey, long> expected, Dictionary<RowKey, long> actual)
    {
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).Take(3).ToList();
        var extra = actual.Keys.Where(k => !expected.ContainsKey(k)).Take(3).ToList();
        var different = expected.Where(e => actual.TryGetValue(e.Key, out var a) && a != e.Value).Take(3).Select(e => $"{e.Key}: expected {e.Value}, stored {actual[e.Key]}").ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && different.Count == 0,
            $"Rollups differ from the model ({expected.Count} rows expected, {actual.Count} stored). Missing: {string.Join("; ", missing)}. " +
            $"Not expected: {string.Join("; ", extra)}. Different: {string.Join("; ", different)}.");
    }

    /// <summary>Every hour that has minutes is their sum; every day is the sum of its hours.</summary>
    private static void AssertGranularitiesAgree(Dictionary<RowKey, long> rows)
    {
        static Dictionary<RowKey, long> Sum(IEnumerable<KeyValuePair<RowKey, long>> rows, UsageGranularity into) => rows
            .GroupBy(r => r.Key with { Granularity = into, Bucket = UsageBuckets.Floor(r.Key.Bucket, into) })
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value));

        var hoursFromMinutes = Sum(rows.Where(r => r.Key.Granularity == UsageGranularity.Minute), UsageGranularity.Hour);
        var daysFromHours = Sum(rows.Where(r => r.Key.Granularity == UsageGranularity.Hour), UsageGranularity.Day);
        Assert.NotEmpty(hoursFromMinutes);
        Assert.All(hoursFromMinutes, h => Assert.Equal(h.Value, rows[h.Key]));
        Assert.Equal(daysFromHours, rows.Where(r => r.Key.Granularity == UsageGranularity.Day).ToDictionary());
    }

    private readonly record struct RowKey(UsageGranularity Granularity, long Bucket, string Country, string Kind, string Tier);
}
