using Dashboard.Data.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>The revenue rules on crafted subscription periods: prices, month closes, and how each business moved.</summary>
public sealed class RevenueCalculatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private const long Business = 49_900;
    private const long Enterprise = 499_900;

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PriceAt_ListOverrideAndDiscounts_FollowBusinessStoreRule()
    {
        var list = Period(1, "business", Day(1, 1));
        var overridden = Period(2, "enterprise", Day(1, 1)) with { PriceOverrideCents = 300_000 };
        var discounted = Period(3, "business", Day(1, 1)) with { DiscountPercent = 20, DiscountEndsAt = Day(7, 1) };
        var expired = Period(4, "business", Day(1, 1)) with { DiscountPercent = 25, DiscountEndsAt = Day(6, 1) };
        var openEnded = Period(5, "business", Day(1, 1)) with { PriceOverrideCents = 33_333, DiscountPercent = 15 };
        var overrideEnded = Period(6, "business", Day(1, 1)) with { PriceOverrideCents = 30_000, OverridesEndAt = Day(6, 1), DiscountPercent = 10 };

        Assert.Equal(49_900, RevenueCalculator.PriceAt(list, s_now));
        Assert.Equal(300_000, RevenueCalculator.PriceAt(overridden, s_now));
        Assert.Equal(39_920, RevenueCalculator.PriceAt(discounted, s_now));
        Assert.Equal(49_900, RevenueCalculator.PriceAt(expired, s_now));
        Assert.Equal(37_425, RevenueCalculator.PriceAt(expired, Day(5, 31)));

        // 33,333 × 85 / 100 = 28,333.05: whole cents, rounded down like the SQL's integer division.
        Assert.Equal(28_333, RevenueCalculator.PriceAt(openEnded, s_now));

        // An override runs until its end; the list price follows, and an open discount applies to either.
        Assert.Equal(27_000, RevenueCalculator.PriceAt(overrideEnded, Day(5, 31)));
        Assert.Equal(44_910, RevenueCalculator.PriceAt(overrideEnded, s_now));
    }

    [Fact]
    public void PriceAt_DiscountEndingAtTheInstant_NoLongerApplies()
    {
        var discounted = Period(1, "business", Day(1, 1)) with { DiscountPercent = 20, DiscountEndsAt = Day(6, 1) };

        Assert.Equal(39_920, RevenueCalculator.PriceAt(discounted, Day(6, 1).AddTicks(-1)));
        Assert.Equal(49_900, RevenueCalculator.PriceAt(discounted, Day(6, 1)));
    }

    [Fact]
    public void PriceOf_PeriodBoundaries_EndIsExclusive()
    {
        List<SubscriptionPeriod> periods = [Period(1, "free", Day(1, 1), Day(3, 1)), Period(1, "business", Day(3, 1))];

        Assert.Equal(0, RevenueCalculator.PriceOf(periods, Day(3, 1).AddTicks(-1))!.MonthlyCents);
        Assert.Equal(Business, RevenueCalculator.PriceOf(periods, Day(3, 1))!.MonthlyCents);
        Assert.Null(RevenueCalculator.PriceOf(periods, Day(1, 1).AddTicks(-1)));
    }

    public static TheoryData<string, long, string, long, RevenueMovementKind?> Classifications() => new()
    {
        { "free", 0, "business", Business, RevenueMovementKind.New },
        { "", 0, "business", Business, RevenueMovementKind.New },
        { "business", Business, "free", 0, RevenueMovementKind.Churn },
        { "business", Business, "", 0, RevenueMovementKind.Churn },
        { "business", Business, "enterprise", Enterprise, RevenueMovementKind.Upgrade },
        { "business", 39_920, "business", Business, RevenueMovementKind.Upgrade },
        { "enterprise", Enterprise, "business", Business, RevenueMovementKind.Downgrade },
        { "business", Business, "business", 39_920, RevenueMovementKind.Downgrade },
        { "business", Enterprise, "enterprise", Enterprise, RevenueMovementKind.Upgrade },
        { "enterprise", Business, "business", Business, RevenueMovementKind.Downgrade },
        { "business", Business, "enterprise", 40_000, RevenueMovementKind.Downgrade },
        { "business", Business, "business", Business, null },
        { "free", 0, "free", 0, null },
        { "", 0, "free", 0, null },
    };

    [Theory]
    [MemberData(nameof(Classifications))]
    public void Classify_OpeningAndClosingPrice_GivesTheMovement(string fromTier, long fromCents, string toTier, long toCents, RevenueMovementKind? expected)
    {
        var opening = fromTier == "" ? null : new BusinessPrice(1, fromTier, SortOrder(fromTier), fromCents);
        var closing = toTier == "" ? null : new BusinessPrice(1, toTier, SortOrder(toTier), toCents);

        Assert.Equal(expected, RevenueCalculator.Classify(opening, closing));
    }

    [Fact]
    public void Compute_CraftedBusinesses_ClassifiesEachMovementInItsMonth()
    {
        var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 2), Crafted());
        var april = report.Months[0];
        var may = report.Months[1];
        var june = report.Months[2];

        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1)], report.Months.Select(m => m.Month));

        // April: the churned business; the round trip within the month is no movement.
        Assert.Equal(new MovementSummary(new(0, 0), new(0, 0), new(0, 0), new(1, -Business)), april.Movements);

        // May: one new; upgrades by price (+450,000) and by tier at the same price (0); a higher tier at a lower price is a downgrade.
        Assert.Equal(new MovementSummary(new(1, Business), new(2, Enterprise - Business), new(1, 40_000 - Business), new(0, 0)), may.Movements);

        // June: the change at midnight on the 1st, a move down at the same price, and a discount that ran out.
        Assert.Equal(new MovementSummary(new(0, 0), new(1, Business - 39_920), new(2, Business - Enterprise), new(0, 0)), june.Movements);
    }

    [Fact]
    public void Movements_CraftedBusinesses_NamesEachBusinessAndItsKind()
    {
        var movements = RevenueCalculator.Movements(Crafted(), RevenueRange.OpeningOf(new DateOnly(2026, 5, 1)), RevenueRange.OpeningOf(new DateOnly(2026, 6, 1)));

        Assert.Equal(
            [(10L, RevenueMovementKind.New), (11L, RevenueMovementKind.Upgrade), (14L, RevenueMovementKind.Upgrade), (18L, RevenueMovementKind.Downgrade)],
            movements.Select(m => (m.BusinessId, m.Kind)));
        Assert.Equal(0, movements.Single(m => m.BusinessId == 14).DeltaCents);
    }

    [Fact]
    public void Compute_EveryMonth_MovementsAddUpToTheChangeOfMrr()
    {
        var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 2), Crafted());
        var opening = RevenueCalculator.SnapshotAt(Crafted(), report.Range.Since).MrrCents;

        foreach (var month in report.Months)
        {
            Assert.Equal(month.MrrCents - opening, month.NetNewMrrCents);
            opening = month.MrrCents;
        }
    }

    [Fact]
    public void Compute_Tiers_AddUpToTheTotalsAndCountMovementsWhereTheyLanded()
    {
        var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 2), Crafted());

        // The free tier never had a paying business: it is left out.
        Assert.Equal(["business", "enterprise"], report.Tiers.Select(t => t.Code));
        foreach (var month in report.Months)
        {
            Assert.Equal(month.MrrCents, month.Tiers.Sum(t => t.MrrCents));
            Assert.Equal(month.PayingBusinesses, month.Tiers.Sum(t => t.PayingBusinesses));
            Assert.Equal(month.Movements.NetCents, month.Tiers.Sum(t => t.Movements.NetCents));
            Assert.Equal(month.Movements.New.Count + month.Movements.Upgrade.Count + month.Movements.Downgrade.Count + month.Movements.Churn.Count,
                month.Tiers.Sum(t => t.Movements.New.Count + t.Movements.Upgrade.Count + t.Movements.Downgrade.Count + t.Movements.Churn.Count));
        }

        var may = report.Months[1].Tiers;
        Assert.Equal(new MovementTally(1, Business), may[0].Movements.New);
        Assert.Equal(new MovementTally(2, Enterprise - Business), may[1].Movements.Upgrade);
        Assert.Equal(new MovementTally(1, -Business), report.Months[0].Tiers[0].Movements.Churn);
    }

    [Fact]
    public void Compute_CurrentMonth_IsTakenNowAndEqualsTheSnapshot()
    {
        var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 2), Crafted());
        var snapshot = RevenueCalculator.SnapshotAt(Crafted(), s_now);

        Assert.True(report.Current.IsCurrent);
        Assert.Equal(s_now, report.Current.ClosedAt);
        Assert.Equal(snapshot.MrrCents, report.MrrCents);
        Assert.Equal(snapshot.PayingBusinesses, report.PayingBusinesses);
        Assert.Equal(report.MrrCents * 12, report.ArrCents);
        Assert.Equal(
            snapshot.Tiers.Where(t => report.Tiers.Any(r => r.Code == t.TierCode)).Select(t => (t.TierCode, t.MrrCents, t.PayingBusinesses)),
            report.Current.Tiers.Select(t => (t.TierCode, t.MrrCents, t.PayingBusinesses)));
    }

    [Fact]
    public void Compute_NoPeriods_HasNoSubscriptionsAndZeros()
    {
        var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 6), []);

        Assert.False(report.HasSubscriptions);
        Assert.Equal(7, report.Months.Count);
        Assert.Empty(report.Tiers);
        Assert.All(report.Months, m => Assert.Equal((0L, 0, 0L), (m.MrrCents, m.PayingBusinesses, m.NetNewMrrCents)));
    }

    [Fact]
    public void Ending_TwelveFullMonths_CoversThemAndTheCurrentMonthToDate()
    {
        var range = RevenueRange.Ending(s_now, 12);

        Assert.Equal(13, range.Months.Count);
        Assert.Equal(new DateOnly(2025, 6, 1), range.Months[0]);
        Assert.Equal(new DateOnly(2026, 6, 1), range.CurrentMonth);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), range.Since);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), range.ClosingOf(new DateOnly(2026, 2, 1)));
        Assert.Equal(s_now, range.ClosingOf(range.CurrentMonth));
    }

    /// <summary>Businesses 10 to 18, each moving once between April and June 2026 (or, for 16, moving and moving back).</summary>
    private static List<SubscriptionPeriod> Crafted() =>
    [
        // 10 new in May: free, then business from 10 May.
        Period(10, "free", Day(1, 1), Day(5, 10)), Period(10, "business", Day(5, 10)),

        // 11 upgrades by price in May.
        Period(11, "business", Day(1, 1), Day(5, 20)), Period(11, "enterprise", Day(5, 20)),

        // 12 downgrades with effect at midnight on 1 June: a June movement, none in May.
        Period(12, "enterprise", Day(1, 1), Day(6, 1)), Period(12, "business", Day(6, 1)),

        // 13 churns in April: its subscription ends and nothing follows.
        Period(13, "business", Day(1, 1), Day(4, 15)),

        // 14 moves up a tier at the same price in May; 15 moves down a tier at the same price in June.
        Period(14, "business", Day(1, 1), Day(5, 5)) with { PriceOverrideCents = Enterprise }, Period(14, "enterprise", Day(5, 5)),
        Period(15, "enterprise", Day(1, 1), Day(6, 3)) with { PriceOverrideCents = Business }, Period(15, "business", Day(6, 3)),

        // 16 goes to free and back within April: no movement.
        Period(16, "business", Day(1, 1), Day(4, 5)), Period(16, "free", Day(4, 5), Day(4, 20)), Period(16, "business", Day(4, 20)),

        // 17's discount runs out on 10 June.
        Period(17, "business", Day(1, 1)) with { DiscountPercent = 20, DiscountEndsAt = Day(6, 10) },

        // 18 moves to a higher tier at a lower negotiated price in May.
        Period(18, "business", Day(1, 1), Day(5, 12)), Period(18, "enterprise", Day(5, 12)) with { PriceOverrideCents = 40_000 },
    ];

    private static long s_id;

    private static SubscriptionPeriod Period(long businessId, string tier, DateTimeOffset from, DateTimeOffset? to = null) => new()
    {
        Id = Interlocked.Increment(ref s_id),
        BusinessId = businessId,
        EffectiveFrom = from,
        EffectiveTo = to,
        MonthlyPriceCents = tier switch { "business" => Business, "enterprise" => Enterprise, _ => 0 },
        TierCode = tier,
        TierName = char.ToUpperInvariant(tier[0]) + tier[1..],
        TierSortOrder = SortOrder(tier),
    };

    private static int SortOrder(string tier) => tier switch { "free" => 1, "business" => 2, "enterprise" => 3, _ => 0 };
}
