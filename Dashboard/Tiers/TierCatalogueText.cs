using System.Globalization;

namespace Dashboard.Tiers;

/// <summary>How the tier catalogue names features and limits and shows money, limits and dates.</summary>
public static class TierCatalogueText
{
    public const string VerifiedMarker = "Verified marker eligibility";
    public const string ApiAccess = "API access";
    public const string BroadcastCampaigns = "Broadcast campaigns";
    public const string Analytics = "Analytics";
    public const string Conversations = "Conversations per 24 h";
    public const string AgentSeats = "Agent seats";
    public const string PhoneNumbers = "Phone numbers";

    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>"499 EUR", "12.50 EUR": cents only when there are any.</summary>
    public static string Eur(long cents) =>
        (cents / 100m).ToString(cents % 100 == 0 ? "N0" : "N2", s_invariant) + " EUR";

    /// <summary>A change of money with its sign: "+1,000 EUR", "−49.90 EUR", "0 EUR".</summary>
    public static string SignedEur(long cents) =>
        cents > 0 ? "+" + Eur(cents) : cents < 0 ? "\u2212" + Eur(-cents) : Eur(0);

    /// <summary>A limit: the number, or "Unlimited" for null.</summary>
    public static string Limit(int? value) => value is { } v ? v.ToString("N0", s_invariant) : "Unlimited";

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", s_invariant);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", s_invariant);

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", s_invariant);

    /// <summary>"1 business", "12 businesses".</summary>
    public static string Businesses(int count) =>
        count == 1 ? "1 business" : count.ToString("N0", s_invariant) + " businesses";
}
