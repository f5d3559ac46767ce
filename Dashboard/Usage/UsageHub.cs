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
/// <para>
/// Each node sends ticks to its own connections only (see <see cref="UsageConnections"/>), from a window that holds
/// every node's counts; region membership is kept by the node too. So with several nodes a client gets each tick once,
/// whichever node it is connected to, and keeps getting them while Redis is down. The Redis backplane (when
/// <c>SignalR:Redis</c> is set) carries whatever the hub sends to all clients, groups or users across nodes.
/// </para>
/// </summary>
[Authorize(Policy = Policy)]
public sealed class UsageHub(UsageRegions regions, UsageConnections connections) : Hub<IUsageClient>
{
    public const string Path = "/hubs/usage";

    /// <summary>Executives and admins, or an API key with the scope <c>usage:read</c>.</summary>
    public const string Policy = "UsageStream";

    /// <summary>The authentication scheme of the hub: the API key when one is given, the sign-in cookie otherwise.</summary>
    public const string Scheme = "UsageStream";

    /// <summary>Receive <see cref="IUsageClient.RegionTick"/> for a region (any case); an unknown region is refused with the list.</summary>
    public void JoinRegion(string region) => connections.Join(Context.ConnectionId, Known(region));

    public void LeaveRegion(string region) => connections.Leave(Context.ConnectionId, Known(region));

    private string Known(string region) =>
        regions.Find(region) ?? throw new HubException($"Unknown region '{region}'. Regions: {string.Join(", ", regions.Names)}.");
}
