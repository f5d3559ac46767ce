using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Admin;

/// <summary>Registers the administration services behind the Admin page.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleAdmin(this IServiceCollection services)
    {
        services.TryAddScoped<AdminAuthorization>();
        services.TryAddScoped<UserAdministration>();
        services.TryAddScoped<ApiKeyAdministration>();
        services.AddHttpContextAccessor();
        return services;
    }
}
