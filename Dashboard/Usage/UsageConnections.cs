using System.Collections.Concurrent;

namespace Dashboard.Usage;

/// <summary>
/// The <see cref="UsageHub"/> connections of this node and the regions each joined. The ticker sends to these only:
/// with several nodes every node ticks its own clients from its merged window, so no client gets a tick twice, and
/// a node's clients keep their ticks while the backplane is down.
/// </summary>
public sealed class UsageConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _connections = new(StringComparer.Ordinal);

    /// <summary>The connection ids of this node.</summary>
    public ICollection<string> All => _connections.Keys;

    public void Connected(string connectionId) => _connections.TryAdd(connectionId, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));

    public void Disconnected(string connectionId) => _connections.TryRemove(connectionId, out _);

    public void Join(string connectionId, string region)
    {
        if (_connections.TryGetValue(connectionId, out var regions))
        {
            regions[region] = 0;
        }
    }

    public void Leave(string connectionId, string region)
    {
        if (_connections.TryGetValue(connectionId, out var regions))
        {
            regions.TryRemove(region, out _);
        }
    }

    /// <summary>The connections of this node that joined <paramref name="region"/>.</summary>
    public List<string> InRegion(string region) => [.. _connections.Where(c => c.Value.ContainsKey(region)).Select(c => c.Key)];
}
