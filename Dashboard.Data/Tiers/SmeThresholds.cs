namespace Dashboard.Data.Tiers;

/// <summary>
/// The size limits under which a business counts as an SME (default: the EU definition — fewer than
/// 250 employees and annual turnover of at most EUR 50m or a balance sheet total of at most EUR 43m).
/// </summary>
public sealed record SmeThresholds
{
    public int MaxEmployeesExclusive { get; init; } = 250;

    public long MaxTurnoverEur { get; init; } = 50_000_000;

    public long MaxBalanceSheetEur { get; init; } = 43_000_000;

    /// <summary>True when the figures lie within the limits: headcount under the limit and either money limit met.</summary>
    public bool IsWithin(long employees, long turnoverEur, long balanceSheetEur) =>
        employees < MaxEmployeesExclusive && (turnoverEur <= MaxTurnoverEur || balanceSheetEur <= MaxBalanceSheetEur);
}
