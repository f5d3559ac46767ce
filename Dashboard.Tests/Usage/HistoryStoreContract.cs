using Dapper;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Usage;

/// <summary>What every provider's usage history store must do; one thin subclass per provider.</summary>
public abstract class HistoryStoreContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    // Each test works on days of its own, far from the others', so that a shared database stays fair.
    private readonly long _base = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + (Random.Shared.Next(1, 100_000) * 10L * 86_400);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual void SkipIfUnavailable()
    {
    }

    private UsageHistoryStore Store => new(fixture.Database);

    [Fact]
    public async Task TopBusinesses_OverDays_SumsTheDaysInRangeAndRanksByMessagesThenId()
    {
        SkipIfUnavailable();
        var first = _base + 86_400;
        var last = _base + (3 * 86_400);
        var small = await AddBusinessAsync("Small Shop");
        var big = await AddBusinessAsync("Big Bank");
        var tieA = await AddBusinessAsync("Tie A");
        var tieB = await AddBusinessAsync("Tie B");
        var outside = await AddBusinessAsync("Busy Outside");
        await AddDayAsync(small, first, 1, 5);
        await AddDayAsync(big, first, 10, 3_000_000_000);
        await AddDayAsync(big, last, 7, 2_000_000_000);
        await AddDayAsync(tieB, last, 2, 50);
        await AddDayAsync(tieA, first, 3, 50);
        await AddDayAsync(outside, _base, 1, 9_000_000_000);
        await AddDayAsync(outside, last + 86_400, 1, 9_000_000_000);

        var top = await Store.TopBusinessesAsync(first, last + 86_400, 3, Ct);

        Assert.Equal([(big, "Big Bank", 5_000_000_000L, 17L, 2L), (tieA, "Tie A", 50L, 3L, 1L), (tieB, "Tie B", 50L, 2L, 1L)],
            top.Select(b => (b.BusinessId, b.BusinessName, b.Messages, b.Conversations, b.Days)));
        Assert.Equal("PT", top[0].Country);
        Assert.Empty(await Store.TopBusinessesAsync(first + (10 * 86_400), first + (20 * 86_400), 20, Ct));
    }

    [Fact]
    public async Task TopBusinesses_DaysNotAtMidnightOrTooMany_AreRefused()
    {
        SkipIfUnavailable();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.TopBusinessesAsync(_base + 3600, _base + 86_400, 20, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.TopBusinessesAsync(_base, _base + 86_400, IUsageHistoryStore.MaxTake + 1, Ct));
    }

    [Fact]
    public async Task TierNames_AreTheCataloguesInItsOrder()
    {
        SkipIfUnavailable();

        var tiers = await Store.TierNamesAsync(Ct);

        Assert.Equal([new UsageTierName("free", "Free"), new UsageTierName("business", "Business"), new UsageTierName("enterprise", "Enterprise")], tiers.Take(3));
    }

    [Fact]
    public async Task FirstRecordedDay_IsTheOldestDayOfTheDayRollup()
    {
        SkipIfUnavailable();
        await UsageStore.Create(fixture.Database).AddToRollupsAsync(UsageGranularity.Day, [new UsageCell(_base, "PT", UsageKinds.Text, "free", 1)], Ct);

        var first = await Store.FirstRecordedDayAsync(Ct);

        Assert.NotNull(first);
        Assert.True(first <= _base);
    }

    private async Task<long> AddBusinessAsync(string name)
    {
        var database = fixture.Database;
        var now = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            database.InsertReturningId("Businesses", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "CreatedAt", "UpdatedAt"),
            new { DisplayName = name, LegalName = name, Category = "Bank", Country = "PT", PhoneE164 = "+351211234567", CreatedAt = now, UpdatedAt = now });
    }

    private async Task AddDayAsync(long businessId, long day, long conversations, long messages)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@BusinessId, @Day, @Conversations, @Messages);",
            new { BusinessId = businessId, Day = day, Conversations = conversations, Messages = messages });
    }
}

/// <summary>The usage history store contract on a fresh SQLite file.</summary>
public sealed class SqliteHistoryStoreTests(SqliteMigratedDatabase fixture) : HistoryStoreContract<SqliteMigratedDatabase>(fixture);

/// <summary>The usage history store contract on the SQL Server in DASHBOARD_SQLSERVER (skipped without it).</summary>
public sealed class SqlServerHistoryStoreTests(SqlServerMigratedDatabase fixture) : HistoryStoreContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
