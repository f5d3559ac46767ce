namespace Dashboard.Data.Tiers;

/// <summary>
/// Whole UTC calendar months before the current one, and the current month to date. A month's figures are taken at its
/// last instant (one tick before the next month starts), the current month's at <see cref="Now"/>; a month opens with the
/// figures its predecessor closed with, so a change that takes effect at midnight on the first belongs to the new month.
/// </summary>
public sealed class RevenueRange
{
    private RevenueRange(DateTimeOffset now, int fullMonths)
    {
        Now = now;
        FullMonths = fullMonths;
        var current = new DateOnly(now.Year, now.Month, 1);
        Months = Enumerable.Range(0, fullMonths + 1).Select(i => current.AddMonths(i - fullMonths)).ToList();
    }

    public DateTimeOffset Now { get; }

    /// <summary>Complete months before the current one.</summary>
    public int FullMonths { get; }

    /// <summary>The first day of each month, oldest first; the last is the current month.</summary>
    public IReadOnlyList<DateOnly> Months { get; }

    public DateOnly CurrentMonth => Months[^1];

    /// <summary>The first instant whose figures the report reads: the close of the month before the first.</summary>
    public DateTimeOffset Since => OpeningOf(Months[0]);

    /// <summary>The last instant whose figures the report reads.</summary>
    public DateTimeOffset Until => Now;

    public static RevenueRange Ending(DateTimeOffset now, int fullMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fullMonths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fullMonths, 120);
        return new RevenueRange(now.ToUniversalTime(), fullMonths);
    }

    /// <summary>Midnight UTC on the month's first day.</summary>
    public static DateTimeOffset StartOf(DateOnly month) => new(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instant a month opens with: the last instant of the month before.</summary>
    public static DateTimeOffset OpeningOf(DateOnly month) => StartOf(month).AddTicks(-1);

    /// <summary>The instant a month closes with: its last instant, or now for the current month.</summary>
    public DateTimeOffset ClosingOf(DateOnly month)
    {
        var last = OpeningOf(month.AddMonths(1));
        return last < Now ? last : Now;
    }
}

/// <summary>A tier as the revenue figures name and order it.</summary>
public sealed record RevenueTier(string Code, string Name, int SortOrder);

/// <summary>What one business pays per month at an instant, and on which tier.</summary>
public sealed record BusinessPrice(long BusinessId, string TierCode, int TierSortOrder, long MonthlyCents)
{
    public bool IsPaying => MonthlyCents > 0;
}

/// <summary>How a business's monthly price moved over a month; see <see cref="RevenueCalculator.Classify"/>.</summary>
public enum RevenueMovementKind
{
    New,
    Upgrade,
    Downgrade,
    Churn,
}

/// <summary>One business's movement over a month: its price when the month opened and when it closed.</summary>
public sealed record BusinessMovement(long BusinessId, RevenueMovementKind Kind, BusinessPrice? Opening, BusinessPrice? Closing)
{
    public long DeltaCents => (Closing?.MonthlyCents ?? 0) - (Opening?.MonthlyCents ?? 0);

    /// <summary>The tier a movement is counted under: the one the business left when it churned, else the one it moved to.</summary>
    public string TierCode => Kind == RevenueMovementKind.Churn ? Opening!.TierCode : Closing!.TierCode;
}

/// <summary>How many businesses moved one way, and how much MRR that moved (negative for downgrades and churn).</summary>
public sealed record MovementTally(int Count, long DeltaCents)
{
    public static MovementTally None { get; } = new(0, 0);
}

/// <summary>The four kinds of movement of one month (of all tiers, or of one).</summary>
public sealed record MovementSummary(MovementTally New, MovementTally Upgrade, MovementTally Downgrade, MovementTally Churn)
{
    public static MovementSummary None { get; } = new(MovementTally.None, MovementTally.None, MovementTally.None, MovementTally.None);

    /// <summary>Net new MRR: the sum of the four deltas, which is the change of MRR over the month.</summary>
    public long NetCents => New.DeltaCents + Upgrade.DeltaCents + Downgrade.DeltaCents + Churn.DeltaCents;

    public MovementTally Of(RevenueMovementKind kind) => kind switch
    {
        RevenueMovementKind.New => New,
        RevenueMovementKind.Upgrade => Upgrade,
        RevenueMovementKind.Downgrade => Downgrade,
        _ => Churn,
    };

    public static MovementSummary Of(IEnumerable<BusinessMovement> movements)
    {
        var list = movements as IReadOnlyCollection<BusinessMovement> ?? movements.ToList();
        MovementTally Tally(RevenueMovementKind kind)
        {
            var ofKind = list.Where(m => m.Kind == kind).ToList();
            return new MovementTally(ofKind.Count, ofKind.Sum(m => m.DeltaCents));
        }

        return new MovementSummary(Tally(RevenueMovementKind.New), Tally(RevenueMovementKind.Upgrade),
            Tally(RevenueMovementKind.Downgrade), Tally(RevenueMovementKind.Churn));
    }
}

/// <summary>MRR and paying businesses of one tier at an instant.</summary>
public sealed record TierFigures(string TierCode, long MrrCents, int PayingBusinesses);

/// <summary>MRR and paying businesses at an instant, in total and per tier (every tier with a period in force then).</summary>
public sealed record RevenueSnapshot(DateTimeOffset At, long MrrCents, int PayingBusinesses, IReadOnlyList<TierFigures> Tiers);

/// <summary>One tier's figures for one month: MRR and paying businesses when it closed, and the movements counted under it.</summary>
public sealed record TierMonth(string TierCode, long MrrCents, int PayingBusinesses, MovementSummary Movements);

/// <summary>One month of the report: MRR and paying businesses when it closed, its movements, and the same per tier.</summary>
public sealed record RevenueMonth
{
    /// <summary>The month's first day.</summary>
    public required DateOnly Month { get; init; }

    /// <summary>When the figures were taken: the month's last instant, or now for the current month.</summary>
    public required DateTimeOffset ClosedAt { get; init; }

    public required bool IsCurrent { get; init; }

    public required long MrrCents { get; init; }

    public required int PayingBusinesses { get; init; }

    public required MovementSummary Movements { get; init; }

    /// <summary>One entry per tier of the report, in the report's order.</summary>
    public required IReadOnlyList<TierMonth> Tiers { get; init; }

    public long NetNewMrrCents => Movements.NetCents;
}

/// <summary>MRR, paying businesses and MRR movements per month and tier over a <see cref="RevenueRange"/>.</summary>
public sealed record RevenueReport(RevenueRange Range, IReadOnlyList<RevenueTier> Tiers, IReadOnlyList<RevenueMonth> Months, bool HasSubscriptions)
{
    /// <summary>The current month: its figures are those of now.</summary>
    public RevenueMonth Current => Months[^1];

    public long MrrCents => Current.MrrCents;

    /// <summary>Annual run rate: MRR now × 12.</summary>
    public long ArrCents => Current.MrrCents * 12;

    public int PayingBusinesses => Current.PayingBusinesses;

    /// <summary>Net new MRR of the current month so far.</summary>
    public long NetNewMrrCents => Current.NetNewMrrCents;
}

/// <summary>
/// Revenue from subscription periods, without a database: the price rule of the subscriptions (the one
/// <c>BusinessStore</c>'s MRR states in SQL) applied at each month's close, and the movements between consecutive closes.
/// </summary>
/// <remarks>
/// It sits in the data layer beside <see cref="SubscriptionPricing"/> and the SQL that states the same rule, so that a
/// change of the rule is made in one project and the current figures keep agreeing with the programme summary; it needs
/// nothing of the app, and both of its callers (the revenue page and the CSV export) get the same numbers from it.
/// </remarks>
public static class RevenueCalculator
{
    /// <summary>
    /// A period's monthly price at <paramref name="at"/>, by <see cref="SubscriptionPricing.MonthlyPriceCents"/>: the
    /// override while it runs, else the tier version's list price; less the discount while it runs; in whole cents rounded
    /// down, as the SQL's integer division does.
    /// </summary>
    public static long PriceAt(SubscriptionPeriod period, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(period);
        return SubscriptionPricing.MonthlyPriceCents(period.MonthlyPriceCents, period.PriceOverrideCents, period.OverridesEndAt,
            period.DiscountPercent, period.DiscountEndsAt, at);
    }

    /// <summary>True when <paramref name="at"/> lies in the period's [from, to).</summary>
    public static bool IsInForce(SubscriptionPeriod period, DateTimeOffset at) =>
        period.EffectiveFrom <= at && (period.EffectiveTo is not { } to || to > at);

    /// <summary>
    /// What a business pays at <paramref name="at"/>, from its periods; null when none is in force. Should two overlap,
    /// the later-starting one holds (then the later-entered), as for the entitlements.
    /// </summary>
    public static BusinessPrice? PriceOf(IEnumerable<SubscriptionPeriod> periodsOfOneBusiness, DateTimeOffset at)
    {
        SubscriptionPeriod? holding = null;
        foreach (var period in periodsOfOneBusiness)
        {
            if (IsInForce(period, at)
                && (holding is null || period.EffectiveFrom > holding.EffectiveFrom || (period.EffectiveFrom == holding.EffectiveFrom && period.Id > holding.Id)))
            {
                holding = period;
            }
        }

        return holding is null ? null : new BusinessPrice(holding.BusinessId, holding.TierCode, holding.TierSortOrder, PriceAt(holding, at));
    }

    /// <summary>
    /// How a business's monthly price moved from a month's opening to its close:
    /// <list type="bullet">
    /// <item><b>new</b>: paid nothing (or had no subscription) when the month opened and pays when it closes;</item>
    /// <item><b>churn</b>: paid when the month opened and pays nothing (or has no subscription) when it closes;</item>
    /// <item><b>upgrade</b>: pays at both ends, more at the close;</item>
    /// <item><b>downgrade</b>: pays at both ends, less at the close;</item>
    /// <item>paying the same at both ends on another tier: an <b>upgrade</b> when the tier is higher in the tier order
    /// (<see cref="RevenueTier.SortOrder"/>), a <b>downgrade</b> when lower, each with a delta of zero.</item>
    /// </list>
    /// The price decides and the tier order only breaks a tie, so upgrades never lower MRR and downgrades never raise it.
    /// Only the two ends count: a business that changes and changes back within the month did not move. Otherwise (same
    /// price on the same tier, or nothing paid at either end) there is no movement.
    /// </summary>
    public static RevenueMovementKind? Classify(BusinessPrice? opening, BusinessPrice? closing)
    {
        var before = opening?.MonthlyCents ?? 0;
        var after = closing?.MonthlyCents ?? 0;
        if (before <= 0)
        {
            return after > 0 ? RevenueMovementKind.New : null;
        }

        if (after <= 0)
        {
            return RevenueMovementKind.Churn;
        }

        var order = after != before
            ? after.CompareTo(before)
            : closing!.TierSortOrder.CompareTo(opening!.TierSortOrder);
        return order > 0 ? RevenueMovementKind.Upgrade : order < 0 ? RevenueMovementKind.Downgrade : null;
    }

    /// <summary>MRR and paying businesses at <paramref name="at"/>, in total and per tier (ordered by the tier order).</summary>
    public static RevenueSnapshot SnapshotAt(IEnumerable<SubscriptionPeriod> periods, DateTimeOffset at)
    {
        var prices = ByBusiness(periods).Values.Select(p => PriceOf(p, at)).OfType<BusinessPrice>().ToList();
        var tiers = prices
            .GroupBy(p => (p.TierSortOrder, p.TierCode))
            .OrderBy(g => g.Key.TierSortOrder).ThenBy(g => g.Key.TierCode, StringComparer.Ordinal)
            .Select(g => new TierFigures(g.Key.TierCode, g.Sum(p => p.MonthlyCents), g.Count(p => p.IsPaying)))
            .ToList();
        return new RevenueSnapshot(at, prices.Sum(p => p.MonthlyCents), prices.Count(p => p.IsPaying), tiers);
    }

    /// <summary>The movements of every business between two instants, by business id.</summary>
    public static IReadOnlyList<BusinessMovement> Movements(IEnumerable<SubscriptionPeriod> periods, DateTimeOffset opening, DateTimeOffset closing) =>
        ByBusiness(periods)
            .OrderBy(b => b.Key)
            .Select(b => Movement(b.Key, PriceOf(b.Value, opening), PriceOf(b.Value, closing)))
            .OfType<BusinessMovement>()
            .ToList();

    /// <summary>
    /// The report over <paramref name="range"/>. Its tiers are those that had a paying business or a movement in the
    /// range (a tier that only ever held free subscriptions adds zeros only); each month lists them all, in the tier order.
    /// Movements count under a tier as <see cref="BusinessMovement.TierCode"/> says, so the tiers add up to the total.
    /// </summary>
    public static RevenueReport Compute(RevenueRange range, IReadOnlyCollection<SubscriptionPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(range);
        var businesses = ByBusiness(periods);
        var instants = range.Months.Select(range.ClosingOf).Prepend(range.Since).ToList();
        var prices = instants
            .Select(at => businesses.ToDictionary(b => b.Key, b => PriceOf(b.Value, at)))
            .ToList();

        var months = range.Months.Select((month, i) =>
        {
            var opening = prices[i];
            var closing = prices[i + 1];
            var movements = closing.Keys
                .Select(id => Movement(id, opening[id], closing[id]))
                .OfType<BusinessMovement>()
                .ToList();
            return (Month: month, ClosedAt: instants[i + 1], Closing: closing.Values.OfType<BusinessPrice>().ToList(), Movements: movements);
        }).ToList();

        var tiers = periods
            .Select(p => new RevenueTier(p.TierCode, p.TierName, p.TierSortOrder))
            .DistinctBy(t => t.Code)
            .Where(t => months.Any(m => m.Closing.Any(p => p.TierCode == t.Code && p.IsPaying) || m.Movements.Any(v => v.TierCode == t.Code)))
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();

        var report = months.Select(m => new RevenueMonth
        {
            Month = m.Month,
            ClosedAt = m.ClosedAt,
            IsCurrent = m.Month == range.CurrentMonth,
            MrrCents = m.Closing.Sum(p => p.MonthlyCents),
            PayingBusinesses = m.Closing.Count(p => p.IsPaying),
            Movements = MovementSummary.Of(m.Movements),
            Tiers = tiers.Select(t => new TierMonth(
                t.Code,
                m.Closing.Where(p => p.TierCode == t.Code).Sum(p => p.MonthlyCents),
                m.Closing.Count(p => p.TierCode == t.Code && p.IsPaying),
                MovementSummary.Of(m.Movements.Where(v => v.TierCode == t.Code)))).ToList(),
        }).ToList();

        return new RevenueReport(range, tiers, report, periods.Count > 0);
    }

    private static BusinessMovement? Movement(long businessId, BusinessPrice? opening, BusinessPrice? closing) =>
        Classify(opening, closing) is { } kind ? new BusinessMovement(businessId, kind, opening, closing) : null;

    private static Dictionary<long, List<SubscriptionPeriod>> ByBusiness(IEnumerable<SubscriptionPeriod> periods) =>
        periods.GroupBy(p => p.BusinessId).ToDictionary(g => g.Key, g => g.ToList());
}
