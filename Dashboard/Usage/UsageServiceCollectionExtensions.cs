using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Platform;
using Dashboard.Platform.ScaleOut;
using Dashboard.Usage.Simulation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>Registers live usage: options, ingest, the journal writer, the live window, rollup retention, the ticker, the hub, the history and the traffic simulator.</summary>
public static class UsageServiceCollectionExtensions
{
    private const string Key = UsageOptions.SectionName;

    public static IServiceCollection AddUsage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        services.AddOptions<UsageOptions>()
            .Bind(section)
            .Configure(o => ReplaceConfiguredRegions(o, section))
            .Validate(o => o.MinuteRetentionDays is >= 1 and <= 90, $"{Key}:MinuteRetentionDays must be between 1 and 90.")
            .Validate(o => o.HourRetentionDays >= o.MinuteRetentionDays && o.HourRetentionDays <= 3660,
                $"{Key}:HourRetentionDays must be at least {Key}:MinuteRetentionDays and at most 3660.")
            .Validate(o => o.DayRetentionDays >= o.HourRetentionDays && o.DayRetentionDays <= 36_600,
                $"{Key}:DayRetentionDays must be at least {Key}:HourRetentionDays and at most 36600.")
            .Validate(o => o.FlushInterval >= TimeSpan.FromMilliseconds(100) && o.FlushInterval <= TimeSpan.FromMinutes(5),
                $"{Key}:FlushInterval must be between 00:00:00.1 and 00:05:00.")
            .Validate(o => o.CleanupInterval >= TimeSpan.FromMinutes(1) && o.CleanupInterval <= TimeSpan.FromDays(1),
                $"{Key}:CleanupInterval must be between 00:01:00 and 1.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<UsageOptions>, RegionsValidator>();

        services.AddConsoleMeters();
        services.AddSingleton<UsageRegions>();
        services.AddSingleton<UsageTiers>();
        services.AddSingleton<UsageWindow>();
        services.AddSingleton<UsageFeed>();
        services.AddSingleton<IUsageFeed>(sp => sp.GetRequiredService<UsageFeed>());
        services.AddSingleton<UsageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriter>());
        services.AddSingleton<UsageIngest>();
        services.AddSingleton<UsageQueries>();
        services.AddSingleton<UsageHistoryService>();
        services.AddSingleton<UsageRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRetention>());
        services.AddSingleton<UsageConnections>();
        services.AddHostedService<UsageTicker>();
        services.AddSingleton<UsageHubRevalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageHubRevalidation>());
        services.AddUsageSimulator(configuration);

        services.AddSignalR();
        if (ScaleOutServiceCollectionExtensions.RedisConfiguration(configuration) is not null)
        {
            AddScaleOut(services);
        }
        else
        {
            services.AddSingleton<DefaultHubLifetimeManager<UsageHub>>();
            services.AddSingleton<HubLifetimeManager<UsageHub>>(sp => new UsageHubLifetimeManager(
                sp.GetRequiredService<DefaultHubLifetimeManager<UsageHub>>(), sp.GetRequiredService<UsageConnections>()));
        }

        AddHubAccess(services);
        return services;
    }

    /// <summary>
    /// Several nodes: the nodes exchange their live counts (<see cref="UsageLiveExchange"/>), and the usage hub uses the
    /// Redis backplane over the node's shared connection, which takes new connections also while Redis is down. Only the usage hub: Blazor's circuits live on one node
    /// (sticky sessions) and never need it, and so keep working whatever Redis does.
    /// </summary>
    private static void AddScaleOut(IServiceCollection services)
    {
        services.AddSingleton<UsageLiveExchange>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageLiveExchange>());
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((o, redis) =>
        {
            o.Configuration = redis.Options;
            o.ConnectionFactory = _ => Task.FromResult(redis.Multiplexer);
        });
        services.AddSingleton<RedisHubLifetimeManager<UsageHub>>();
        services.AddSingleton<HubLifetimeManager<UsageHub>>(sp => new UsageHubLifetimeManager(
            new OutageTolerantHubLifetimeManager<UsageHub>(
                sp.GetRequiredService<RedisHubLifetimeManager<UsageHub>>(), sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<ILogger<OutageTolerantHubLifetimeManager<UsageHub>>>()),
            sp.GetRequiredService<UsageConnections>()));
    }

    /// <summary>
    /// The hub's scheme uses the API key when one is given (header, or for hubs <c>access_token</c>) and the sign-in
    /// cookie otherwise; refusals are answered 401 and 403 as problem details, never with a redirect to the login page.
    /// </summary>
    private static void AddHubAccess(IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(UsageHub.Scheme, "Usage hub", o =>
        {
            o.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.PresentedKey(context.Request) is null
                ? CookieAuthenticationDefaults.AuthenticationScheme
                : ApiKeyAuthenticationHandler.SchemeName;
            o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            o.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
        });

        var roles = Policies.RolesOf[Policies.UsageViewer];
        services.AddAuthorizationBuilder().AddPolicy(UsageHub.Policy, p => p
            .AddAuthenticationSchemes(UsageHub.Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => roles.Any(context.User.IsInRole) || context.User.HasClaim(ConsoleClaims.Scope, ApiScopes.UsageRead)));
    }

    // The configuration binder adds configured entries to the default mapping; a mapping set in configuration is meant to be the whole mapping.
    private static void ReplaceConfiguredRegions(UsageOptions options, IConfigurationSection section)
    {
        var regions = section.GetSection(nameof(UsageOptions.Regions));
        if (regions.GetChildren().Any())
        {
            options.Regions = regions.GetChildren().ToDictionary(r => r.Key, r => r.GetChildren().Select(c => c.Value ?? "").ToList(), StringComparer.Ordinal);
        }
    }

    private sealed class RegionsValidator : IValidateOptions<UsageOptions>
    {
        public ValidateOptionsResult Validate(string? name, UsageOptions options) =>
            UsageRegions.Problem(options.Regions) is { } problem
                ? ValidateOptionsResult.Fail($"{Key}:Regions must put every ISO 3166-1 country in exactly one region: {problem}.")
                : ValidateOptionsResult.Success;
    }
}
