using Dashboard.Data.Tiers;

namespace Dashboard.Tiers;

/// <summary>What an account manager asks for: a tier from now or from a date, with optional overrides and discount.</summary>
public sealed record TierChangeRequest
{
    public long BusinessId { get; init; }

    public string TierCode { get; init; } = "";

    /// <summary>Null or today: at once; a later date: from 00:00 UTC that day.</summary>
    public DateOnly? StartsOn { get; init; }

    public int? DiscountPercent { get; init; }

    public DateOnly? DiscountEndsOn { get; init; }

    /// <summary>A negotiated monthly price in cents, replacing the list price until the overrides end.</summary>
    public long? PriceOverrideCents { get; init; }

    public int? ConversationsOverride { get; init; }

    public int? AgentSeatsOverride { get; init; }

    public DateOnly? OverridesEndOn { get; init; }

    /// <summary>For a business that is not an SME put on an SME-only tier: when it goes back to its current tier.</summary>
    public DateOnly? FreeUntil { get; init; }

    public string Reason { get; init; } = "";
}

/// <summary>The share of the month left after the change, and what it costs: credit for the old price, charge for the new.</summary>
public sealed record Proration(DateOnly Month, int DaysInMonth, decimal DaysRemaining, long CreditCents, long ChargeCents)
{
    public long NetCents => ChargeCents - CreditCents;
}

/// <summary>Everything the account manager sees before confirming a change.</summary>
public sealed record TierChangePreview
{
    public string BusinessName { get; init; } = "";

    public bool BusinessIsSme { get; init; }

    /// <summary>False when no size figures are recorded, so the SME verdict rests on the stored status alone.</summary>
    public bool BusinessSizeKnown { get; init; }

    public SubscriptionRow? Current { get; init; }

    /// <summary>A change already scheduled or waiting for approval; a second one is refused until it is cancelled.</summary>
    public SubscriptionRow? Waiting { get; init; }

    public TierOffer? Target { get; init; }

    public DateTimeOffset EffectiveAt { get; init; }

    public bool Immediate { get; init; }

    /// <summary>Upgrade, Downgrade, Same tier or New.</summary>
    public string Direction { get; init; } = "";

    public long CurrentMonthlyCents { get; init; }

    public long NewMonthlyCents { get; init; }

    public IReadOnlyList<string> FeaturesLost { get; init; } = [];

    public IReadOnlyList<string> LimitsLowered { get; init; } = [];

    /// <summary>Recent usage the new limits would not have allowed.</summary>
    public IReadOnlyList<string> UsageWarnings { get; init; } = [];

    public Proration? Proration { get; init; }

    /// <summary>Why a second person must approve; empty when the change may go ahead at once.</summary>
    public IReadOnlyList<ApprovalReason> Approval { get; init; } = [];

    /// <summary>The same reasons in the reader's language.</summary>
    public IReadOnlyList<string> ApprovalReasons => [.. Approval.Select(r => r.Describe())];

    /// <summary>What is wrong with the request, by field name of <see cref="TierChangeRequest"/> ("" for the request as a whole).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool NeedsApproval => Approval.Count > 0;

    public bool IsValid => Errors.Count == 0;

    public bool IsDowngradeRisk => FeaturesLost.Count > 0 || LimitsLowered.Count > 0 || UsageWarnings.Count > 0;
}

/// <summary>What became of a submitted change.</summary>
public sealed record TierChangeOutcome(long SubscriptionId, string Status, string Message);

/// <summary>A change refused for what it asks; <see cref="Errors"/> says what to correct, by field.</summary>
public sealed class TierChangeRefusedException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
