using Dashboard.Data.Audit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Demo;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Data.Tiers;
using Dashboard.Data.Usage;
using Dashboard.Data.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>Registers the data layer: the configured provider, migrations and every feature's store.</summary>
public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Dashboard";

    /// <summary>The SQLite file used when no connection string is configured, relative to the content root.</summary>
    public const string DefaultSqliteFile = "App_Data/dashboard.db";

    public static IServiceCollection AddDashboardData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.Provider), $"{DatabaseOptions.SectionName}:Provider must be Sqlite or SqlServer.")
            .Validate(o => o.CommandTimeoutSeconds is > 0 and <= 3600, $"{DatabaseOptions.SectionName}:CommandTimeoutSeconds must be between 1 and 3600.")
            .Validate(o => o.SqliteBusyTimeoutMilliseconds is >= 0 and <= 600_000, $"{DatabaseOptions.SectionName}:SqliteBusyTimeoutMilliseconds must be between 0 and 600000.")
            .Validate(o => o.SqliteCacheSizeMegabytes is >= 1 and <= 4096, $"{DatabaseOptions.SectionName}:SqliteCacheSizeMegabytes must be between 1 and 4096.")
            .Validate(o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                $"ConnectionStrings:{ConnectionStringName} is required when {DatabaseOptions.SectionName}:Provider is SqlServer.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Database>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = configuration.GetConnectionString(ConnectionStringName);
            return options.Provider switch
            {
                DatabaseProvider.SqlServer => new SqlServerDatabase(connectionString!, options),
                _ => new SqliteDatabase(
                    string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString(sp.GetService<IHostEnvironment>()?.ContentRootPath) : connectionString,
                    options),
            };
        });
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        services.TryAddSingleton<IAccountStore, AccountStore>();
        services.TryAddSingleton<IApiKeyStore, ApiKeyStore>();
        services.TryAddSingleton<IBusinessStore, BusinessStore>();
        services.TryAddSingleton<IVerificationStore, VerificationStore>();
        services.TryAddSingleton<ICheckDataStore, CheckDataStore>();
        services.TryAddSingleton<ITierStore, TierStore>();
        services.TryAddSingleton<ITierCatalogueStore, TierCatalogueStore>();
        services.TryAddSingleton<ISmeFiguresStore, SmeFiguresStore>();
        services.TryAddSingleton<ISubscriptionStore, SubscriptionStore>();
        services.TryAddSingleton<ISmeStatusStore, SmeStatusStore>();
        services.TryAddSingleton<IRevenueStore, RevenueStore>();
        services.TryAddSingleton<IUsageStore>(sp => UsageStore.Create(sp.GetRequiredService<Database>()));
        services.TryAddSingleton<IUsageHistoryStore, UsageHistoryStore>();
        services.TryAddSingleton<DemoDataSeeder>();
        return services;
    }

    public static string DefaultSqliteConnectionString(string? contentRoot) =>
        "Data Source=" + Path.Combine(contentRoot ?? AppContext.BaseDirectory, DefaultSqliteFile);
}
