using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;

namespace Dashboard.Platform.ScaleOut;

/// <summary>
/// What several nodes behind one load balancer need: the shared Redis connection with its readiness check, and
/// data-protection keys every node can read, so that a sign-in cookie or antiforgery token issued by one node is
/// accepted by the others.
/// </summary>
public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>The application name every node protects data under; the default (the content root path) may differ between nodes.</summary>
    public const string ApplicationName = "business-console";

    /// <summary>Where the data-protection key ring is kept in Redis.</summary>
    public const string DataProtectionKey = "business-console:data-protection-keys";

    /// <summary>The Redis connection string when scale-out is on, otherwise null (also for one that cannot be read: start-up then stops naming the key).</summary>
    public static string? RedisConfiguration(IConfiguration configuration) =>
        configuration.GetSection(ScaleOutOptions.SectionName).Get<ScaleOutOptions>()?.Redis is { Length: > 0 } redis && CanParse(redis) ? redis : null;

    public static IServiceCollection AddConsoleScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScaleOutOptions>()
            .Bind(configuration.GetSection(ScaleOutOptions.SectionName))
            .Validate(o => o.Redis is not { Length: > 0 } redis || CanParse(redis),
                $"{ScaleOutOptions.SectionName}:Redis is not a valid StackExchange.Redis connection string (e.g. \"redis01:6379,password=…\").")
            .ValidateOnStart();
        services.AddOptions<DataProtectionKeysOptions>()
            .Bind(configuration.GetSection(DataProtectionKeysOptions.SectionName))
            .Validate(o => o.KeysPath is not { Length: > 0 } path || Path.IsPathFullyQualified(path),
                $"{DataProtectionKeysOptions.SectionName}:KeysPath must be an absolute path to a folder every node shares.")
            .ValidateOnStart();

        var redis = RedisConfiguration(configuration);
        var keysPath = configuration.GetSection(DataProtectionKeysOptions.SectionName).Get<DataProtectionKeysOptions>()?.KeysPath;
        if (redis is not null)
        {
            services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<ILogger<RedisConnection>>()));
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        if (keysPath is { Length: > 0 } && Path.IsPathFullyQualified(keysPath))
        {
            services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }
        else if (redis is not null)
        {
            services.AddDataProtection().SetApplicationName(ApplicationName);
            services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((o, connection) =>
                o.XmlRepository = new RedisXmlRepository(() => connection.Multiplexer.GetDatabase(), DataProtectionKey));
        }

        return services;
    }

    private static bool CanParse(string configuration)
    {
        try
        {
            return RedisConnection.Configure(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
