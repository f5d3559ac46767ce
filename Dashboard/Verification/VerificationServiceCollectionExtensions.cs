using Dashboard.Data.Verification;
using Dashboard.Verification.Checks;

namespace Dashboard.Verification;

/// <summary>Registers the verification workflow: options, the live feed, the service that holds the rules, and the reviewer statistics.</summary>
public static class VerificationServiceCollectionExtensions
{
    public static IServiceCollection AddVerification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VerificationOptions>()
            .Bind(configuration.GetSection(VerificationOptions.SectionName))
            .Validate(o => o.SlaHours is >= 1 and <= 24 * 30, "Verification:SlaHours must be between 1 and 720.")
            .Validate(o => o.ClaimLeaseMinutes is >= 1 and <= 240, "Verification:ClaimLeaseMinutes must be between 1 and 240.")
            .Validate(o => o.CooldownDays is >= 0 and <= 365, "Verification:CooldownDays must be between 0 and 365.")
            .Validate(o => o.MaxAttemptsPerYear is >= 1 and <= 50, "Verification:MaxAttemptsPerYear must be between 1 and 50.")
            .Validate(o => o.FourEyesRiskScore is >= 0 and <= 101, "Verification:FourEyesRiskScore must be between 0 and 101 (101 turns the score rule off).")
            .ValidateOnStart();
        services.AddVerificationChecks(configuration);
        services.AddSingleton<VerificationFeed>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<ReviewerStatistics>();
        return services;
    }

    public static IntakePolicy IntakePolicy(this VerificationOptions options) =>
        new(TimeSpan.FromDays(options.CooldownDays), options.MaxAttemptsPerYear, options.Sla);
}
