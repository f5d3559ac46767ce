namespace Dashboard.Tiers;

/// <summary>Registers the tiers feature: the SME rule, tier changes with their approvals, the job that applies scheduled changes, and the revenue report.</summary>
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
            .Validate(o => o.ReviewInterval >= TimeSpan.FromMinutes(1), $"{section}:ReviewInterval must be at least 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<SmeEligibility>();
        services.AddSingleton<SmeStatusService>();
        services.AddHostedService<SmeReviewJob>();

        const string changes = TierChangeOptions.SectionName;
        services.AddOptions<TierChangeOptions>()
            .Bind(configuration.GetSection(changes))
            .Validate(o => o.ApprovalAboveDiscountPercent is >= 0 and <= 100, $"{changes}:ApprovalAboveDiscountPercent must be between 0 and 100.")
            .Validate(o => o.NonSmeFreeGraceDays is >= 0 and <= 365, $"{changes}:NonSmeFreeGraceDays must be between 0 and 365.")
            .Validate(o => o.MaxDaysAhead is >= 1 and <= 3650, $"{changes}:MaxDaysAhead must be between 1 and 3650.")
            .Validate(o => o.ApplyInterval >= TimeSpan.FromSeconds(1) && o.ApplyInterval <= TimeSpan.FromHours(1), $"{changes}:ApplyInterval must be between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<TierChangeService>();
        services.AddHostedService<ScheduledTierChangesJob>();
        services.AddSingleton<RevenueService>();
        return services;
    }
}
