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
    : HubLifetimeManager<THub>
    where THub : Hub
{
    public override Task OnConnectedAsync(HubConnectionContext connection) => UnlessRedisIsDown(backplane.OnConnectedAsync(connection), connection.ConnectionId);

    public override Task OnDisconnectedAsync(HubConnectionContext connection) => UnlessRedisIsDown(backplane.OnDisconnectedAsync(connection), connection.ConnectionId);

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        backplane.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        backplane.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        backplane.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        backplane.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        backplane.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        backplane.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, Microsoft.AspNetCore.SignalR.Protocol.CompletionMessage result) =>
        backplane.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        backplane.TryGetReturnType(invocationId, out type);

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
