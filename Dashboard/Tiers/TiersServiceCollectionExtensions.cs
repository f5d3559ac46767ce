namespace Dashboard.Tiers;

/// <summary>Registers the tiers feature: the SME options and the rule that judges a business's size, and the tier catalogue.</summary>
public static class TiersServiceCollectionExtensions
{
    public static IServiceCollection AddTiers(this IServiceCollection services, IConfiguration configuration)
    {
        const string section = SmeOptions.SectionName;
        services.AddOptions<SmeOptions>()
            .Bind(configuration.GetSection(section))
            .Validate(o => o.MaxEmployeesExclusive is >= 1 and <= 1_000_000, $"{section}:MaxEmployeesExclusive must be between 1 and 1000000.")
            .Validate(o => o.MaxTurnoverEur > 0, $"{section}:MaxTurnoverEur must be greater than 0.")
            .Validate(o => o.MaxBalanceSheetEur > 0, $"{section}:MaxBalanceSheetEur must be greater than 0.")
            .Validate(o => o.LinkedAbovePercent is >= 1 and <= 99, $"{section}:LinkedAbovePercent must be between 1 and 99.")
            .Validate(o => o.PartnerFromPercent >= 1 && o.PartnerFromPercent <= o.LinkedAbovePercent,
                $"{section}:PartnerFromPercent must be between 1 and {section}:LinkedAbovePercent.")
            .Validate(o => o.ConsecutivePeriods is >= 1 and <= 10, $"{section}:ConsecutivePeriods must be between 1 and 10.")
            .ValidateOnStart();
        services.AddSingleton<SmeEligibility>();
        services.AddScoped<TierCatalogueService>();
        return services;
    }
}
