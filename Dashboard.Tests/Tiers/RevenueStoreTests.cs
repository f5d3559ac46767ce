using System.Data.Common;
using Dapper;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Tiers;

/// <summary>The revenue store on a migrated SQLite file with crafted subscriptions, and the figures computed from what it reads.</summary>
public sealed class RevenueStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private SqliteTestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 0, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync(Ct);
        await using var connection = await _database.Database.OpenAsync(Ct);

        // The default catalogue of the migrations: free 0, business EUR 499, enterprise EUR 4,999 a month.
        var list = await InsertBusinessAsync(connection, "List price");
        await InsertSubscriptionAsync(connection, list, "business", Day(1, 10), null, "Active");

        var group = await InsertBusinessAsync(connection, "Group contract");
        await InsertSubscriptionAsync(connection, group, "enterprise", Day(2, 1), null, "Active", priceOverride: 300_000);

        var running = await InsertBusinessAsync(connection, "Running discount");
        await InsertSubscriptionAsync(connection, running, "business", Day(1, 1), null, "Active", discount: 20, discountEnds: Day(7, 1));

        var expired = await InsertBusinessAsync(connection, "Expired discount");
        await InsertSubscriptionAsync(connection, expired, "business", Day(1, 1), null, "Active", discount: 25, discountEnds: Day(6, 1));

        var ended = await InsertBusinessAsync(connection, "Ended in May");
        await InsertSubscriptionAsync(connection, ended, "enterprise", Day(1, 1), Day(5, 1), "Ended");

        var scheduled = await InsertBusinessAsync(connection, "Scheduled upgrade");
        await InsertSubscriptionAsync(connection, scheduled, "free", Day(1, 1), Day(6, 10), "Ended");
        await InsertSubscriptionAsync(connection, scheduled, "business", Day(6, 10), null, "Scheduled");

        var pending = await InsertBusinessAsync(connection, "Pending change");
        await InsertSubscriptionAsync(connection, pending, "business", Day(1, 1), null, "Active");
        await InsertSubscriptionAsync(connection, pending, "enterprise", Day(3, 1), null, "PendingApproval");

        var refused = await InsertBusinessAsync(connection, "Refused and cancelled");
        await InsertSubscriptionAsync(connection, refused, "enterprise", Day(1, 1), null, "Rejected");
        await InsertSubscriptionAsync(connection, refused, "business", Day(2, 1), null, "Cancelled");

        var free = await InsertBusinessAsync(connection, "Free SME");
        await InsertSubscriptionAsync(connection, free, "free", Day(1, 1), null, "Active");

        var both = await InsertBusinessAsync(connection, "Override and open discount");
        await InsertSubscriptionAsync(connection, both, "business", Day(1, 1), null, "Active", priceOverride: 33_333, discount: 15);

        var negotiated = await InsertBusinessAsync(connection, "Negotiated price until June");
        await InsertSubscriptionAsync(connection, negotiated, "business", Day(1, 1), null, "Active", priceOverride: 30_000, overridesEnd: Day(6, 1));

        var past = await InsertBusinessAsync(connection, "Left last year");
        await InsertSubscriptionAsync(connection, past, "enterprise", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), Day(1, 1), "Ended");

        var future = await InsertBusinessAsync(connection, "Starts in July");
        await InsertSubscriptionAsync(connection, future, "enterprise", Day(7, 1), null, "Scheduled");
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task PeriodsAsync_CraftedSet_ReadsOnlyCountingPeriodsInTheRange()
    {
        var periods = await new RevenueStore(_database.Database).PeriodsAsync(Day(2, 1), s_now, Ct);

        // Pending, rejected and cancelled rows never count; last year's period and July's start lie outside the range.
        Assert.Equal(11, periods.Count);
        Assert.DoesNotContain(periods, p => p.EffectiveFrom == Day(3, 1) && p.TierCode == "enterprise");
        Assert.DoesNotContain(periods, p => p.EffectiveFrom == Day(7, 1) || p.EffectiveTo == Day(1, 1));
        var group = periods.Single(p => p.PriceOverrideCents == 300_000);
        Assert.Equal(("enterprise", "Enterprise", 3, 499_900L), (group.TierCode, group.TierName, group.TierSortOrder, group.MonthlyPriceCents));
        var running = periods.Single(p => p.DiscountPercent == 20);
        Assert.Equal(Day(7, 1), running.DiscountEndsAt);
        Assert.Null(running.EffectiveTo);
    }

    [Fact]
    public async Task SnapshotAt_Now_SumsTheCraftedSubscriptionsAsComputedByHand()
    {
        var periods = await new RevenueStore(_database.Database).PeriodsAsync(s_now, s_now, Ct);

        var snapshot = RevenueCalculator.SnapshotAt(periods, s_now);

        // business: list 49,900 + running discount 39,920 + expired discount 49,900 + scheduled 49,900 + active beside a pending 49,900
        //           + override with open discount 28,333 (33,333 × 85 / 100) + ended override 49,900;
        // enterprise: override 300,000; the May churn pays nothing now.
        Assert.Equal(
            [("free", 0L, 0), ("business", 49_900L + 39_920 + 49_900 + 49_900 + 49_900 + 28_333 + 49_900, 7), ("enterprise", 300_000L, 1)],
            snapshot.Tiers.Select(t => (t.TierCode, t.MrrCents, t.PayingBusinesses)));
        Assert.Equal(617_753, snapshot.MrrCents);
        Assert.Equal(8, snapshot.PayingBusinesses);
    }

    [Fact]
    public async Task SnapshotAt_MidApril_CountsEndedAndDiscountedPeriodsAsTheyWereThen()
    {
        var april = Day(4, 15);
        var periods = await new RevenueStore(_database.Database).PeriodsAsync(april, april, Ct);

        var snapshot = RevenueCalculator.SnapshotAt(periods, april);

        // The ended enterprise row pays 499,900; the expired discount still ran (49,900 × 75 / 100), and so did the
        // negotiated price (30,000); the scheduled business was free.
        Assert.Equal(49_900 + 300_000 + 39_920 + 37_425 + 499_900 + 49_900 + 28_333 + 30_000, snapshot.MrrCents);
        Assert.Equal(8, snapshot.PayingBusinesses);
    }

    [Fact]
    public async Task Compute_OverTheStore_ClassifiesTheCraftedMovements()
    {
        var range = RevenueRange.Ending(s_now, 2);
        var periods = await new RevenueStore(_database.Database).PeriodsAsync(range.Since, range.Until, Ct);

        var report = RevenueCalculator.Compute(range, periods);

        // April: nothing moved. May: the enterprise period ended. June: the scheduled upgrade from free started, and a
        // discount and a negotiated price ran out.
        Assert.Equal(MovementSummary.None, report.Months[0].Movements);
        Assert.Equal(new MovementSummary(new(0, 0), new(0, 0), new(0, 0), new(1, -499_900)), report.Months[1].Movements);
        Assert.Equal(new MovementSummary(new(1, 49_900), new(2, (49_900 - 37_425) + (49_900 - 30_000)), new(0, 0), new(0, 0)), report.Months[2].Movements);
        Assert.Equal(617_753, report.MrrCents);
    }

    private static Task<long> InsertBusinessAsync(DbConnection connection, string name) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, CreatedAt, UpdatedAt)
            VALUES (@Name, @Name, 'Bank', 'DE', '+4930123456', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
            SELECT last_insert_rowid();
            """,
            new { Name = name });

    private static Task InsertSubscriptionAsync(DbConnection connection, long businessId, string tier, DateTimeOffset from, DateTimeOffset? to, string status,
        long? priceOverride = null, int? discount = null, DateTimeOffset? discountEnds = null, DateTimeOffset? overridesEnd = null) =>
        connection.ExecuteAsync(
            """
            INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, EffectiveTo, Status, PriceOverrideCents, OverridesEndAt, DiscountPercent, DiscountEndsAt, EnteredAt)
            SELECT @BusinessId, tv.Id, @From, @To, @Status, @PriceOverride, @OverridesEnd, @Discount, @DiscountEnds, @From
            FROM TierVersions tv JOIN Tiers t ON t.Id = tv.TierId
            WHERE t.Code = @Tier AND tv.VersionNumber = 1;
            """,
            new { BusinessId = businessId, Tier = tier, From = from, To = to, Status = status, PriceOverride = priceOverride, OverridesEnd = overridesEnd, Discount = discount, DiscountEnds = discountEnds });
}
