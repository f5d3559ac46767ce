using Dapper;
using Dashboard.Data;
using Dashboard.Data.Usage;
using Dashboard.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The figures every overview shares: today's counts exact to the last complete second (rollups up to a whole minute,
/// the live window after it, nothing twice), the week's comparison, and reads that are shared rather than repeated.
/// </summary>
public sealed class OverviewSourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = OverviewWorld.Start;
    private OverviewWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await OverviewWorld.CreateAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task TodayAsync_CountsRollupsToTheWholeMinuteAndTheWindowAfterIt_EachSampleOnce()
    {
        await _world.SendAsync(s_start.AddDays(-1), UsageKinds.Text, 1);
        await _world.SendAsync(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), UsageKinds.Text, 10);
        await _world.SendAsync(s_start.AddMinutes(-3), UsageKinds.Photo, 200);
        await _world.SendAsync(s_start.AddSeconds(-31), UsageKinds.Text, 3_000);
        await _world.SendAsync(s_start.AddSeconds(-30), UsageKinds.Photo, 40_000);
        await _world.SendAsync(s_start.AddSeconds(-1), UsageKinds.Text, 500_000);
        await _world.SendAsync(s_start, UsageKinds.Text, 6_000_000);

        var today = await _world.Source.TodayAsync(Ct);

        // 10:05:30: rollups to 10:05:00, then the window's 10:05:00 to 10:05:29; the running second is not complete.
        Assert.Equal(s_start, today.Through);
        Assert.Equal(10 + 200 + 3_000 + 40_000 + 500_000, today.Messages);
        Assert.Equal(40_200, today.Photos);
        Assert.Equal(s_start.AddSeconds(-30), today.Comparison.Until);
        Assert.Equal(3_210, today.Comparison.Today);

        // A second later the running second counts, without another read of the rollups.
        _world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(6_543_210, (await _world.Source.TodayAsync(Ct)).Messages);
    }

    [Fact]
    public async Task TodayAsync_SampleArrivingLateForAnEarlierMinute_CountsFromTheNextRead()
    {
        Assert.Equal(0, (await _world.Source.TodayAsync(Ct)).Messages);

        await _world.SendAsync(s_start.AddMinutes(-2), UsageKinds.Video, 70);
        await _world.SendAsync(s_start.AddSeconds(-10), UsageKinds.Video, 5);

        // The second after the whole minute is in the window at once; the earlier minute waits for the next read.
        _world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, (await _world.Source.TodayAsync(Ct)).Messages);
        _world.Time.Advance(UsageOverviewSource.TodayRefresh);
        Assert.Equal(75, (await _world.Source.TodayAsync(Ct)).Messages);
    }

    [Fact]
    public async Task TodayAsync_ComparesTodayWithTheSameSpanAWeekAgo()
    {
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        await _world.SendAsync(day.AddHours(9), UsageKinds.Text, 1_200);
        await _world.SendAsync(day.AddDays(-7).AddHours(9), UsageKinds.Text, 1_000);

        // Last week after the same time of day does not count: the spans are equal.
        await _world.SendAsync(day.AddDays(-7).AddHours(11), UsageKinds.Text, 5_000);
        await _world.SendAsync(day.AddDays(-8).AddHours(9), UsageKinds.Text, 5_000);

        var week = (await _world.Source.TodayAsync(Ct)).Comparison;

        Assert.Equal(1_200, week.Today);
        Assert.Equal(1_000, week.LastWeek);
        Assert.Equal(0.2, week.Change!.Value, 6);
    }

    [Fact]
    public async Task TodayAsync_FirstSecondsOfTheDay_CountOnlyTheWindow_AndHaveNothingToCompare()
    {
        _world.Time.Advance(TimeSpan.FromHours(14) - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(20));
        var midnight = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight.AddSeconds(20), _world.Time.GetUtcNow());
        await _world.SendAsync(midnight.AddSeconds(-1), UsageKinds.Text, 9);
        await _world.SendAsync(midnight.AddSeconds(5), UsageKinds.Text, 4);

        var today = await _world.Source.TodayAsync(Ct);

        Assert.Equal(midnight, today.Day);
        Assert.Equal(4, today.Messages);
        Assert.True(today.Comparison.IsEmpty);
        Assert.Null(today.Comparison.Change);
    }

    [Fact]
    public async Task ProgrammeAsync_IsReadOnceForEveryoneUntilItIsHalfAMinuteOld()
    {
        var first = await _world.Source.ProgrammeAsync(Ct);
        Assert.Equal(0, first.Businesses);
        Assert.Equal(48, first.SlaHours);
        Assert.Equal(s_start.Date.AddDays(-30), first.ActiveSince.UtcDateTime);

        await using (var connection = await _world.Services.GetRequiredService<Database>().OpenAsync(Ct))
        {
            await connection.ExecuteAsync("""
                INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, CreatedAt, UpdatedAt)
                VALUES ('Nordlicht Versand', 'Nordlicht Versand GmbH', 'OnlineRetailer', 'DE', '+49891234567', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                """);
        }

        _world.Time.Advance(UsageOverviewSource.ProgrammeRefresh - TimeSpan.FromSeconds(1));
        Assert.Same(first, await _world.Source.ProgrammeAsync(Ct));

        _world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await _world.Source.ProgrammeAsync(Ct)).Businesses);
    }
}
