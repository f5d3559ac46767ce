using System.Collections.Concurrent;

namespace Dashboard.Verification;

/// <summary>What happened to a request: claimed, released, decided, noted, or who is looking at it.</summary>
public sealed record RequestChange(long RequestId, string Kind, string? Status, string? By, DateTimeOffset At);

/// <summary>
/// The in-process feed of verification changes. Queue and detail pages subscribe (and dispose the subscription);
/// every change reaches every open page of this node at once. It also tracks who is viewing which request.
/// </summary>
public sealed class VerificationFeed(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Func<RequestChange, Task>> _subscribers = new();
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Guid, string>> _viewers = new();

    public IDisposable Subscribe(Func<RequestChange, Task> onChange)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = onChange;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public Task PublishAsync(long requestId, string kind, string? status, string? by) =>
        PublishAsync(new RequestChange(requestId, kind, status, by, time.GetUtcNow()));

    public async Task PublishAsync(RequestChange change)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            try
            {
                await subscriber(change);
            }
            catch (ObjectDisposedException)
            {
                // A page that went away between the snapshot and the call.
            }
        }
    }

    /// <summary>Marks a viewer on a request until the returned handle is disposed.</summary>
    public IDisposable View(long requestId, string viewer)
    {
        var id = Guid.NewGuid();
        _viewers.GetOrAdd(requestId, _ => new ConcurrentDictionary<Guid, string>())[id] = viewer;
        _ = PublishAsync(requestId, "Viewing", null, viewer);
        return new Subscription(() =>
        {
            if (_viewers.TryGetValue(requestId, out var viewers))
            {
                viewers.TryRemove(id, out _);
            }

            _ = PublishAsync(requestId, "Left", null, viewer);
        });
    }

    /// <summary>The people viewing a request now (each once).</summary>
    public IReadOnlyList<string> ViewersOf(long requestId) =>
        _viewers.TryGetValue(requestId, out var viewers) ? viewers.Values.Distinct().Order(StringComparer.Ordinal).ToList() : [];

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
