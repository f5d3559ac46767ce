using System.Collections.Concurrent;
using Dashboard.Platform.ScaleOut;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dashboard.Usage;

/// <summary>
/// The <see cref="UsageHub"/> connections of this node and the regions each joined. The ticker sends to these only:
/// with several nodes every node ticks its own clients from its merged window, so no client gets a tick twice, and
/// a node's clients keep their ticks while the backplane is down.
/// <para>
/// A tick goes to every connection as one message, serialized once per protocol in use and written to
/// each connection as it is: a node with a thousand wall displays serializes each second once, not a thousand times.
/// </para>
/// </summary>
public sealed class UsageConnections
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    /// <summary>The connection ids of this node.</summary>
    public ICollection<string> All => _connections.Keys;

    /// <summary>The connections of this node, with the user each was authenticated as.</summary>
    public IEnumerable<HubConnectionContext> Open => _connections.Values.Select(c => c.Context);

    public void Connected(HubConnectionContext connection) =>
        _connections.TryAdd(connection.ConnectionId, new Connection(connection, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)));

    public void Disconnected(string connectionId) => _connections.TryRemove(connectionId, out _);

    public void Join(string connectionId, string region)
    {
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            connection.Regions[region] = 0;
        }
    }

    public void Leave(string connectionId, string region)
    {
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            connection.Regions.TryRemove(region, out _);
        }
    }

    /// <summary>Whether a connection of this node joined <paramref name="region"/>.</summary>
    public bool AnyInRegion(string region) => _connections.Values.Any(c => c.Regions.ContainsKey(region));

    /// <summary>Calls <paramref name="method"/> on every connection of this node, or on those that joined <paramref name="region"/>.</summary>
    public async Task SendAsync(string method, object argument, string? region = null)
    {
        var message = new SerializedHubMessage(new InvocationMessage(method, [argument]));
        List<Task>? pending = null;
        foreach (var connection in _connections.Values)
        {
            if (region is not null && !connection.Regions.ContainsKey(region))
            {
                continue;
            }

            var write = connection.Context.WriteAsync(message);
            if (!write.IsCompletedSuccessfully)
            {
                (pending ??= []).Add(write.AsTask());
            }
        }

        if (pending is not null)
        {
            await Task.WhenAll(pending);
        }
    }

    private sealed record Connection(HubConnectionContext Context, ConcurrentDictionary<string, byte> Regions);
}

/// <summary>Keeps <see cref="UsageConnections"/> up to date with the hub's connections on this node, before the hub sees them.</summary>
public sealed class UsageHubLifetimeManager(HubLifetimeManager<UsageHub> inner, UsageConnections connections)
    : ForwardingHubLifetimeManager<UsageHub>(inner)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Connected(connection);
        return Inner.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Disconnected(connection.ConnectionId);
        await Inner.OnDisconnectedAsync(connection);
    }
}
