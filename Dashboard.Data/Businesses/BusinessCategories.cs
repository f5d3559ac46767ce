namespace Dashboard.Data.Businesses;

/// <summary>The business categories of the programme; the platform sends one of these with every application.</summary>
public static class BusinessCategories
{
    public const string Bank = "Bank";
    public const string Insurer = "Insurer";
    public const string Payments = "Payments";
    public const string Airline = "Airline";
    public const string OnlineRetailer = "OnlineRetailer";
    public const string Telecom = "Telecom";
    public const string Logistics = "Logistics";
    public const string Travel = "Travel";
    public const string Restaurant = "Restaurant";
    public const string LocalShop = "LocalShop";
    public const string Healthcare = "Healthcare";
    public const string Education = "Education";
    public const string Automotive = "Automotive";
    public const string RealEstate = "RealEstate";
    public const string Media = "Media";
    public const string Utilities = "Utilities";
    public const string Hospitality = "Hospitality";
    public const string Beauty = "Beauty";
    public const string Fitness = "Fitness";
    public const string Government = "Government";

    public static IReadOnlyList<string> All { get; } = [Bank, Insurer, Payments, Airline, OnlineRetailer, Telecom, Logistics, Travel, Restaurant, LocalShop, Healthcare, Education, Automotive, RealEstate, Media, Utilities, Hospitality, Beauty, Fitness, Government];

    /// <summary>The category's canonical spelling, or null when it is not a category.</summary>
    public static string? Normalise(string? category) =>
        All.FirstOrDefault(c => string.Equals(c, category?.Trim(), StringComparison.OrdinalIgnoreCase));
}
