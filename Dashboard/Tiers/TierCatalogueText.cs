using System.Globalization;

namespace Dashboard.Tiers;

/// <summary>How the tier pages name features and limits and show money, limits and dates, in the reader's culture.</summary>
public static class TierCatalogueText
{
    public static string VerifiedMarker => TiersText.Get("Feature.VerifiedMarker");

    public static string ApiAccess => TiersText.Get("Feature.ApiAccess");

    public static string BroadcastCampaigns => TiersText.Get("Feature.BroadcastCampaigns");

    public static string Analytics => TiersText.Get("Feature.Analytics");

    public static string Conversations => TiersText.Get("Limit.Conversations");

    public static string AgentSeats => TiersText.Get("Limit.AgentSeats");

    public static string PhoneNumbers => TiersText.Get("Limit.PhoneNumbers");

    /// <summary>"€499", "€12.50" ("499 €", "12,50 €" in German): cents only when there are any.</summary>
    public static string Eur(long cents) => CultureFormat.Euro(cents / 100m, cents % 100 == 0 ? 0 : 2);

    /// <summary>A change of money with its sign: "+€1,000", "−€49.90", "€0".</summary>
    public static string SignedEur(long cents) =>
        cents > 0 ? "+" + Eur(cents) : cents < 0 ? "\u2212" + Eur(-cents) : Eur(0);

    /// <summary>A limit: the number, or "Unlimited" for null.</summary>
    public static string Limit(int? value) => value is { } v ? v.ToString("N0", CultureInfo.CurrentCulture) : TiersText.Get("Limit.Unlimited");

    public static string Date(DateTimeOffset value) => CultureFormat.Date(value);

    public static string Date(DateOnly value) => CultureFormat.Date(value);

    public static string Time(DateTimeOffset value) => CultureFormat.DateTime(value);

    /// <summary>"1 business", "12 businesses".</summary>
    public static string Businesses(int count) =>
        count == 1 ? TiersText.Get("Businesses.One") : TiersText.Get("Businesses.Other", count.ToString("N0", CultureInfo.CurrentCulture));
}
