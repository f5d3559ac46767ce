using System.Threading.Channels;

namespace Dashboard.Usage;

/// <summary>
/// Turns signals that may come in bursts (a tick a second, five at once after a stalled timer) into at most one update
/// per interval: the first signal updates at once, later ones within the interval are folded into one update at its end.
/// <see cref="Signal"/> never waits, so a publisher is never held up by a slow circuit.
/// </summary>
public sealed class UpdateThrottle : IAsyncDisposable
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task> _update;
    private readonly Action<Exception> _onError;
    private readonly Task _loop;

    public UpdateThrottle(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> update, Action<Exception> onError)
    {
        _interval = interval;
        _time = time;
        _update = update;
        _onError = onError;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for an update; one already waiting absorbs this one.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (await _signals.Reader.WaitToReadAsync(token))
            {
                _signals.Reader.TryRead(out _);
                var started = _time.GetTimestamp();
                try
                {
                    await _update(token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One failed update (the database busy for a moment) must not end the live view; the next signal tries again.
                    _onError(e);
                }

                await RestOfIntervalAsync(started, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// Waits out what is left of the interval that began at <paramref name="started"/>. The clock is read again once the
    /// timer is set: time that passed between the first reading and the timer's start would otherwise be waited twice.
    /// </summary>
    private async Task RestOfIntervalAsync(long started, CancellationToken token)
    {
        var rest = _interval - _time.GetElapsedTime(started);
        if (rest <= TimeSpan.Zero)
        {
            return;
        }

        var delay = Task.Delay(rest, _time, token);
        if (_time.GetElapsedTime(started) < _interval)
        {
            await delay;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _signals.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
