using Dashboard.Data.Identity;
using Dashboard.Identity;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Platform;

/// <summary>Registers the console's metrics and traces, and their export to Prometheus and OTLP when configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";
    public const string MetricsPolicy = "MetricsScraper";

    private const string Key = TelemetryOptions.SectionName;

    /// <summary>The instruments only, without export: what the usage feature needs wherever it is hosted.</summary>
    public static IServiceCollection AddConsoleMeters(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ConsoleTelemetry>();
        return services;
    }

    public static IServiceCollection AddConsoleTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConsoleMeters();
        services.AddScoped<CircuitHandler, TelemetryCircuitHandler>();
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(Key))
            .Validate(o => o.Prometheus.Port is null or (>= 1 and <= 65535), $"{Key}:Prometheus:Port must be a port number (1-65535) or left out.")
            .Validate(o => o.Otlp.Endpoint is null || (o.Otlp.Endpoint.IsAbsoluteUri && o.Otlp.Endpoint.Scheme is "http" or "https"),
                $"{Key}:Otlp:Endpoint must be an absolute http or https address, e.g. http://otel-collector:4317.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ServiceName), $"{Key}:ServiceName must not be empty.")
            .ValidateOnStart();

        var options = configuration.GetSection(Key).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var port = options.Prometheus.Port;
        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAssertion(context =>
                (port is { } p && context.Resource is HttpContext http && http.Connection.LocalPort == p)
                || context.User.HasClaim(ConsoleClaims.Scope, ApiScopes.MetricsRead)));

        var prometheus = options.Prometheus.Enabled;
        var otlp = options.Otlp.Endpoint;
        if (!prometheus && otlp is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ConsoleTelemetry.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp is not null)
        {
            telemetry
                .WithTracing(tracing => tracing.AddSource(ConsoleTelemetry.Name).AddAspNetCoreInstrumentation(o =>
                    o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health")))
                .WithLogging()
                .UseOtlpExporter(options.Otlp.Protocol, otlp);
        }

        return services;
    }

    /// <summary>
    /// Maps <c>/metrics</c> when Prometheus is enabled: anonymous on <c>Telemetry:Prometheus:Port</c> only, and with an
    /// API key holding <c>metrics:read</c> on any port (header <c>X-Api-Key</c>, or <c>Authorization: Bearer</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapConsoleMetrics(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsPolicy);
        }

        return endpoints;
    }
}
