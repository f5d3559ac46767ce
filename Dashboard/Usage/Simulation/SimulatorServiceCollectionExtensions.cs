using Microsoft.Extensions.Options;

namespace Dashboard.Usage.Simulation;

/// <summary>Registers the traffic simulator, its history backfill and its per-business days; called by <c>AddUsage</c>.</summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddUsageSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();

        services.AddSingleton<UsageBackfillStatus>();
        services.AddSingleton<UsageBackfill>();
        services.AddSingleton<UsageGapFill>();
        services.AddSingleton<BusinessUsageSimulator>();
        services.AddHostedService<UsageSimulator>();
        return services;
    }

    /// <summary>Checks the settings against the environment and the rollups' retention, naming the key that is wrong.</summary>
    private sealed class SimulatorOptionsValidator(IHostEnvironment environment, IOptions<UsageOptions> usage) : IValidateOptions<SimulatorOptions>
    {
        private const string Key = SimulatorOptions.SectionName;

        public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
        {
            var retention = usage.Value;
            var failures = new List<string>();
            if (options.Enabled && environment.IsProduction() && !options.AllowInProduction)
            {
                failures.Add($"{Key}:Enabled is true in the Production environment. The simulator writes made-up traffic into the usage tables; " +
                    $"turn it off, or set {Key}:AllowInProduction to true if you really mean it.");
            }

            if (options.BackfillDays < 0 || options.BackfillDays > retention.HourRetentionDays)
            {
                failures.Add($"{Key}:BackfillDays must be between 0 and Usage:HourRetentionDays ({retention.HourRetentionDays}).");
            }

            var maxMinuteDays = Math.Min(retention.MinuteRetentionDays, Math.Max(options.BackfillDays, 0));
            if (options.BackfillMinuteDays < 0 || options.BackfillMinuteDays > maxMinuteDays)
            {
                failures.Add($"{Key}:BackfillMinuteDays must be between 0 and the smaller of Usage:MinuteRetentionDays and {Key}:BackfillDays ({maxMinuteDays}).");
            }

            if (options.BatchInterval < TimeSpan.FromSeconds(1) || options.BatchInterval > TimeSpan.FromSeconds(10) || options.BatchInterval.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                failures.Add($"{Key}:BatchInterval must be whole seconds between 00:00:01 and 00:00:10.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
