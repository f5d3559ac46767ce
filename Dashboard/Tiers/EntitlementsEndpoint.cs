using System.Security.Cryptography;
using System.Text.Json;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Identity;

namespace Dashboard.Tiers;

/// <summary><c>GET /api/v1/businesses/{id}/entitlements</c>: what the platform lets a business do at send time, with an ETag.</summary>
public static class EntitlementsEndpoint
{
    public sealed record LimitsPayload(int? ConversationsPer24h, int? AgentSeats, int? PhoneNumbers);

    public sealed record FeaturesPayload(bool VerifiedMarkerEligible, bool ApiAccess, bool BroadcastCampaigns, bool Analytics, string SupportSla);

    public sealed record EntitlementsPayload(long BusinessId, string Tier, string TierName, int TierVersion, DateTimeOffset EffectiveFrom,
        bool Verified, LimitsPayload Limits, FeaturesPayload Features, bool Overridden);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapEntitlements(this RouteGroupBuilder api)
    {
        api.MapGet("/businesses/{id:long}/entitlements", GetAsync)
            .RequireAuthorization(Policies.Scope(ApiScopes.EntitlementsRead))
            .WithName("GetEntitlements");
        return api;
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, ITierStore tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        var entitlements = await tiers.EntitlementsAsync(id, time.GetUtcNow(), cancellationToken);
        if (entitlements is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown business",
                detail: $"No business with id {id} has a subscription in force.");
        }

        var payload = new EntitlementsPayload(entitlements.BusinessId, entitlements.TierCode, entitlements.TierName, entitlements.TierVersion,
            entitlements.EffectiveFrom, entitlements.IsVerified,
            new LimitsPayload(entitlements.ConversationsPer24h, entitlements.AgentSeats, entitlements.PhoneNumbers),
            new FeaturesPayload(entitlements.VerifiedMarkerEligible, entitlements.ApiAccess, entitlements.BroadcastCampaigns, entitlements.Analytics, entitlements.SupportSla),
            entitlements.HasOverrides);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, s_json);

        // The ETag is the hash of what is answered, so it changes exactly when the entitlements do.
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "private, no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, "application/json");
    }
}
