namespace Dashboard.Tiers;

/// <summary>The rules for changing a business's tier (section <c>Tiers:Changes</c>).</summary>
public sealed class TierChangeOptions
{
    public const string SectionName = "Tiers:Changes";

    /// <summary>A price this many percent or less below the list price needs no approval; more off needs a second person.</summary>
    public int ApprovalAboveDiscountPercent { get; set; } = 20;

    /// <summary>How long a business that is not an SME may be put on an SME-only tier without approval.</summary>
    public int NonSmeFreeGraceDays { get; set; } = 30;

    /// <summary>How far ahead a change may be scheduled.</summary>
    public int MaxDaysAhead { get; set; } = 365;

    /// <summary>How often scheduled changes whose date has come are put in force.</summary>
    public TimeSpan ApplyInterval { get; set; } = TimeSpan.FromMinutes(1);
}
