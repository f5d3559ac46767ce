using Dashboard.Identity;

namespace Dashboard.Platform;

/// <summary>The versioned HTTP API of the platform's services, authenticated by API key.</summary>
public static class ApiEndpoints
{
    /// <summary>The <c>/api/v1</c> group: every endpoint in it needs a valid API key; each adds its scope.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(Policies.ApiKeyHolder)
            .RequireRateLimiting(ApiRateLimits.RequestsPolicy)
            .DisableAntiforgery();

        api.MapGet("/me", (HttpContext context) => Results.Ok(new MeResponse(
                context.User.Identity?.Name ?? "",
                context.User.FindAll(ConsoleClaims.Scope).Select(c => c.Value).Order().ToList())))
            .WithName("WhoAmI");

        return api;
    }

    /// <summary>The answer of <c>GET /api/v1/me</c>: the key's name and scopes.</summary>
    public sealed record MeResponse(string Name, IReadOnlyList<string> Scopes);
}
