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

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
