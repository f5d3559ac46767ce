namespace Dashboard.Usage;

/// <summary>Registers what the live overview shares across circuits: the five-minute series and the overview's figures.</summary>
public static class UsageOverviewServiceCollectionExtensions
{
    /// <summary>Needs <see cref="UsageServiceCollectionExtensions.AddUsage"/> (the window and the feed) and the data layer.</summary>
    public static IServiceCollection AddUsageOverview(this IServiceCollection services)
    {
        services.AddSingleton<UsageLiveSeries>();
        services.AddSingleton<UsageOverviewSource>();
        return services;
    }
}
