using Dashboard.Data.Tiers;

namespace Dashboard.Tiers;

/// <summary>Settings of the <c>Tiers:Sme</c> section: the size limits of an SME and how linked and partner businesses count (default: the EU definition).</summary>
public sealed class SmeOptions
{
    public const string SectionName = "Tiers:Sme";

    /// <summary>An SME has fewer employees than this.</summary>
    public int MaxEmployeesExclusive { get; set; } = 250;

    /// <summary>Annual turnover, in euros, at or below which the money test is met.</summary>
    public long MaxTurnoverEur { get; set; } = 50_000_000;

    /// <summary>Balance sheet total, in euros, at or below which the money test is met.</summary>
    public long MaxBalanceSheetEur { get; set; } = 43_000_000;

    /// <summary>A stake above this percentage makes the businesses linked: the other's figures are added in full.</summary>
    public int LinkedAbovePercent { get; set; } = 50;

    /// <summary>A stake from this percentage up to <see cref="LinkedAbovePercent"/> makes them partners: the other's figures are added pro rata.</summary>
    public int PartnerFromPercent { get; set; } = 25;

    /// <summary>Periods in a row on the other side of the limits before the status changes.</summary>
    public int ConsecutivePeriods { get; set; } = 2;

    /// <summary>How often every business's stored status is checked against the rule and updated where the verdict differs.</summary>
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromDays(1);

    public SmeThresholds Thresholds => new()
    {
        MaxEmployeesExclusive = MaxEmployeesExclusive,
        MaxTurnoverEur = MaxTurnoverEur,
        MaxBalanceSheetEur = MaxBalanceSheetEur,
    };
}
