using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Usage;

/// <summary>What a client of <see cref="UsageHub"/> receives.</summary>
public interface IUsageClient
{
    /// <summary>Every second, to every client: the last complete second.</summary>
    Task VolumeTick(VolumeTick tick);

    /// <summary>Every second, to the clients that joined a region: that region's last complete second.</summary>
    Task RegionTick(RegionTick tick);
}

/// <summary>
/// <c>/hubs/usage</c>: live volume for wall displays and tools outside the console. Executives and admins (signed in)
/// or an API key with <c>usage:read</c> (header <c>X-Api-Key</c>, or <c>access_token</c> in the query for WebSockets)
/// may connect; the policy is checked at connection and again on every method call.
/// </summary>
[Authorize(Policy = Policy)]
public sealed class UsageHub(UsageRegions regions) : Hub<IUsageClient>
{
    public const string Path = "/hubs/usage";

    /// <summary>Executives and admins, or an API key with the scope <c>usage:read</c>.</summary>
    public const string Policy = "UsageStream";

    /// <summary>The authentication scheme of the hub: the API key when one is given, the sign-in cookie otherwise.</summary>
    public const string Scheme = "UsageStream";

    public static string RegionGroup(string region) => "region:" + region;

    /// <summary>Receive <see cref="IUsageClient.RegionTick"/> for a region (any case); an unknown region is refused with the list.</summary>
    public async Task JoinRegion(string region) =>
        await Groups.AddToGroupAsync(Context.ConnectionId, RegionGroup(Known(region)), Context.ConnectionAborted);

    public async Task LeaveRegion(string region) =>
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RegionGroup(Known(region)), Context.ConnectionAborted);

    private string Known(string region) =>
        regions.Find(region) ?? throw new HubException($"Unknown region '{region}'. Regions: {string.Join(", ", regions.Names)}.");
}
