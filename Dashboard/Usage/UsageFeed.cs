using System.Collections.Concurrent;

namespace Dashboard.Usage;

/// <summary>
/// The in-process feed of live volume: every second's <see cref="VolumeTick"/>, for components of this node without a
/// hub connection. Subscribe, and dispose the subscription when the component goes away.
/// </summary>
public interface IUsageFeed
{
    /// <summary>The newest tick, or null before the first one.</summary>
    VolumeTick? Latest { get; }

    /// <summary>Calls <paramref name="onTick"/> once a second with the last complete second, until the result is disposed.</summary>
    IDisposable Subscribe(Func<VolumeTick, Task> onTick);
}

/// <summary>The <see cref="IUsageFeed"/> the ticker publishes to.</summary>
public sealed partial class UsageFeed(ILogger<UsageFeed> logger) : IUsageFeed
{
    private readonly ConcurrentDictionary<Guid, Func<VolumeTick, Task>> _subscribers = new();
    private volatile VolumeTick? _latest;

    public VolumeTick? Latest => _latest;

    public IDisposable Subscribe(Func<VolumeTick, Task> onTick)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = onTick;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    internal async Task PublishAsync(VolumeTick tick)
    {
        _latest = tick;
        foreach (var subscriber in _subscribers.Values)
        {
            try
            {
                await subscriber(tick);
            }
            catch (ObjectDisposedException)
            {
                // A component that went away between the snapshot and the call.
            }
            catch (Exception e)
            {
                LogSubscriberFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A usage feed subscriber failed on a tick")]
    private partial void LogSubscriberFailed(Exception exception);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
