using StackExchange.Redis;

namespace Dashboard.Platform.ScaleOut;

/// <summary>
/// The node's one connection to Redis, shared by the usage hub's backplane, the live-count exchange and the
/// data-protection key ring. It never stops the node: it connects in the background when Redis is down at start-up
/// (<c>abortConnect=false</c>) and reconnects by itself after an outage, trying again at most every 5 seconds.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Options = Configure(configuration);
        Multiplexer = ConnectionMultiplexer.Connect(Options);
        Multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(e.Exception, e.EndPoint?.ToString(), e.FailureType);
        Multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint?.ToString());
        if (!Multiplexer.IsConnected)
        {
            LogNotConnectedAtStart(string.Join(", ", Options.EndPoints));
        }
    }

    /// <summary>The options the connection string gave, with the console's fault handling on top.</summary>
    public ConfigurationOptions Options { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>True while Redis answers.</summary>
    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>
    /// Parses a connection string. Whatever it says, a failed first connect never throws (the node works alone until
    /// Redis is there), and reconnects back off from half a second to 5 seconds.
    /// </summary>
    public static ConfigurationOptions Configure(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        options.ClientName ??= "business-console";
        return options;
    }

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Endpoints} is not reachable; this node works alone and keeps trying")]
    private partial void LogNotConnectedAtStart(string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection to Redis at {Endpoint} failed ({FailureType}); hub ticks and live counts are this node's own until it is back")]
    private partial void LogConnectionFailed(Exception? exception, string? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The connection to Redis at {Endpoint} is back")]
    private partial void LogConnectionRestored(string? endpoint);
}
