using Dashboard.Usage;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>The throttle behind every live view: a burst of signals becomes one update now and one at the end of the interval.</summary>
public sealed class UpdateThrottleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Signal_BurstWithinTheInterval_UpdatesOnceAtOnceAndOnceWhenTheIntervalEnds()
    {
        var time = new FakeTimeProvider();
        var updates = 0;
        await using var throttle = new UpdateThrottle(s_interval, time, _ =>
        {
            Interlocked.Increment(ref updates);
            return Task.CompletedTask;
        }, e => Assert.Fail(e.ToString()));

        throttle.Signal();
        await WaitForAsync(() => Volatile.Read(ref updates) == 1);
        for (var i = 0; i < 5; i++)
        {
            throttle.Signal();
        }

        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref updates));

        time.Advance(s_interval);
        await WaitForAsync(() => Volatile.Read(ref updates) == 2);
        time.Advance(s_interval);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref updates));
    }

    [Fact]
    public async Task Signal_UpdateThrows_ReportsIt_AndKeepsUpdating()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var errors = new List<Exception>();
        await using var throttle = new UpdateThrottle(s_interval, time, _ => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("database busy")
            : Task.CompletedTask, e =>
            {
                lock (errors)
                {
                    errors.Add(e);
                }
            });

        throttle.Signal();
        await WaitForAsync(() => Volatile.Read(ref calls) == 1);
        time.Advance(s_interval);
        throttle.Signal();
        await WaitForAsync(() => Volatile.Read(ref calls) == 2);

        lock (errors)
        {
            Assert.Equal("database busy", Assert.Single(errors).Message);
        }
    }

    [Fact]
    public async Task Signal_ClockMovesOnWhileTheRestOfTheIntervalIsWorkedOut_DoesNotWaitItTwice()
    {
        var time = new ClockThatMovesWhenRead();
        var updates = 0;
        await using var throttle = new UpdateThrottle(s_interval, time, _ =>
        {
            if (Interlocked.Increment(ref updates) == 1)
            {
                // The next reading of the clock (how much of the interval is left) is the last before the clock moves
                // on by the whole interval, as a busy machine can leave it between reading the clock and setting a timer.
                time.MoveOnAfterNextRead(s_interval);
            }

            return Task.CompletedTask;
        }, e => Assert.Fail(e.ToString()));

        throttle.Signal();
        await WaitForAsync(() => Volatile.Read(ref updates) == 1);
        throttle.Signal();

        // The interval has passed on the clock, and nothing else moves it: the update must come without further time.
        await WaitForAsync(() => Volatile.Read(ref updates) == 2);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    /// <summary>A fake clock that can be told to move on right after it has next been read.</summary>
    private sealed class ClockThatMovesWhenRead : FakeTimeProvider
    {
        private long _moveOnTicks;

        public void MoveOnAfterNextRead(TimeSpan by) => Interlocked.Exchange(ref _moveOnTicks, by.Ticks);

        public override long GetTimestamp()
        {
            var now = base.GetTimestamp();
            if (Interlocked.Exchange(ref _moveOnTicks, 0) is var ticks and > 0)
            {
                Advance(TimeSpan.FromTicks(ticks));
            }

            return now;
        }
    }
}
