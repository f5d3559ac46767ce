using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Platform;

/// <summary>Demo mode, start-up tasks, problem details and health checks.</summary>
public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddConsolePlatform(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName))
            .Validate(o => !o.Enabled || !environment.IsProduction() || o.AllowInProduction,
                "Demo:Enabled is true in the Production environment. Demo mode creates users with a known password; turn it off, or set Demo:AllowInProduction to true if you really mean it.")
            .Validate(o => o.BusinessCount == 0 || o.BusinessCount is >= Data.Demo.DemoSeedOptions.MinBusinessCount and <= Data.Demo.DemoSeedOptions.MaxBusinessCount,
                $"Demo:BusinessCount must be 0 (no demo data) or between {Data.Demo.DemoSeedOptions.MinBusinessCount} and {Data.Demo.DemoSeedOptions.MaxBusinessCount}.")
            .Validate(o => !o.Enabled || !string.IsNullOrEmpty(o.Password), "Demo:Password must not be empty when Demo:Enabled is true.")
            .ValidateOnStart();

        // On SIGTERM the host stops taking connections, lets requests in flight finish, then the usage writer journals
        // what is queued and merges the journal; all within this time (a container platform's grace period is often 30 s).
        services.AddOptions<HostOptions>()
            .Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25))
            .Bind(configuration.GetSection("HostOptions"));

        services.AddProblemDetails();
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }
}
