using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Platform.ScaleOut;

/// <summary>
/// The Redis backplane for one hub, made to keep serving this node's clients while Redis is away. The backplane
/// subscribes a Redis channel for every new connection and waits for it, so while Redis is down a client that connects
/// would hang before the hub ever saw it. Here such a connection is taken at once: the backplane has registered it
/// locally by then, so messages to it from this node reach it, and its subscription completes (or is logged as
/// failed) in the background. Everything else goes to the backplane unchanged.
/// </summary>
public sealed partial class OutageTolerantHubLifetimeManager<THub>(HubLifetimeManager<THub> backplane, RedisConnection redis, ILogger<OutageTolerantHubLifetimeManager<THub>> logger)
    : ForwardingHubLifetimeManager<THub>(backplane)
    where THub : Hub
{
    public override Task OnConnectedAsync(HubConnectionContext connection) => UnlessRedisIsDown(Inner.OnConnectedAsync(connection), connection.ConnectionId);

    public override Task OnDisconnectedAsync(HubConnectionContext connection) => UnlessRedisIsDown(Inner.OnDisconnectedAsync(connection), connection.ConnectionId);

    private Task UnlessRedisIsDown(Task backplaneWork, string connectionId)
    {
        if (redis.IsConnected || backplaneWork.IsCompleted)
        {
            return backplaneWork;
        }

        _ = backplaneWork.ContinueWith(t => LogSubscriptionFailed(t.Exception, connectionId), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backplane could not (un)subscribe hub connection {ConnectionId} while Redis was down; this node's messages still reach it")]
    private partial void LogSubscriptionFailed(Exception? exception, string connectionId);
}
