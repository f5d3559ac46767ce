using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Data.Usage;
using Dashboard.Platform;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>
/// Writes acknowledged batches, and merges them into the rollups.
/// <para>
/// Acknowledged means durable: a batch is answered only after its IngestedBatches row and its per-minute counts
/// (one journal entry) are committed in the same transaction. Requests arriving together share that transaction
/// (group commit), so a busy node pays one commit for many batches. Nothing acknowledged lives only in memory:
/// the journal is merged into the minute, hour and day rollups every <see cref="UsageOptions.FlushInterval"/>
/// (or sooner when it grows) in one transaction per slice, so a crash at any point loses nothing and counts
/// nothing twice; reads add the journal to the rollups. On shutdown the queue is drained and the journal flushed.
/// </para>
/// <para>
/// With several nodes, an accepted batch's per-second counts are also handed to <see cref="UsageLiveExchange"/>, which
/// shares them with the other nodes' windows; a replayed batch is refused by the shared database on whichever node it
/// arrives, so it is counted once everywhere.
/// </para>
/// </summary>
public sealed partial class UsageWriter(
    IUsageStore store,
    UsageWindow window,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ConsoleTelemetry telemetry,
    ILogger<UsageWriter> logger,
    UsageLiveExchange? exchange = null)
    : BackgroundService
{
    private const int MaxGroup = 256;

    /// <summary>What a sender is told to wait before sending a batch again that could not be stored.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // How long a commit waits for batches that are on their way (see GatherAsync): about one commit's own length here.
    private static readonly TimeSpan s_maxGather = TimeSpan.FromMilliseconds(2);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    // One writer at a time per node: SQLite has a single write lock, and waiting for it here is cheaper than its busy handler.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _unflushed;

    // Batches in the queue (the single-reader channel cannot count them itself).
    private int _queued;
    private int _receiving;
    private long _commits;
    private long _committedBatches;
    private long _commitTicks;
    private long _flushTicks;

    /// <summary>
    /// Commits of the journal so far, the batches they held (a busy node holds several per commit) and the time they took;
    /// and the time spent merging the journal into the rollups, during which no batch is journaled.
    /// </summary>
    internal (long Commits, long Batches, TimeSpan Time, TimeSpan Flushing) CommitCounts =>
        (Interlocked.Read(ref _commits), Interlocked.Read(ref _committedBatches), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks)),
            Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _flushTicks)));

    /// <summary>Batches being received and checked right now.</summary>
    internal int OnTheirWay => Volatile.Read(ref _receiving);

    /// <summary>Marks a batch as on its way (being received and checked) until disposed, so that a commit about to start may wait for it.</summary>
    internal Receiving Receive()
    {
        Interlocked.Increment(ref _receiving);
        return new Receiving(this);
    }

    /// <summary>Journals a batch together with whatever else is waiting; true when it was new, false for a replayed batch id.</summary>
    internal async Task<bool> AppendAsync(PreparedBatch batch, string? source, CancellationToken cancellationToken)
    {
        var pending = new Pending(new UsageBatch(batch.BatchId, time.GetUtcNow(), batch.SampleCount, source, batch.MinuteCells), batch,
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw Unavailable("The console is shutting down.");
        }

        // A sender that gives up still has its batch written: its retry is then answered as a duplicate.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Merges the whole journal into the rollups now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        using var activity = ConsoleTelemetry.Source.StartActivity("usage.flush");
        var started = Stopwatch.GetTimestamp();
        try
        {
            Interlocked.Exchange(ref _unflushed, 0);
            while (await store.FlushJournalAsync(UsageStore.MaxFlushEntries, cancellationToken) == UsageStore.MaxFlushEntries)
            {
            }
        }
        finally
        {
            Interlocked.Add(ref _flushTicks, Stopwatch.GetTimestamp() - started);
            _gate.Release();
        }
    }

    /// <summary>
    /// Adds rows straight to the rollups (the simulator's history backfill), taking turns with this node's appends and
    /// flushes: a run of such writes keeps SQLite's write lock from live batches for one write at most, never for the run.
    /// </summary>
    public async Task AddRollupRowsAsync(UsageRollupRows rows, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await store.AddRollupRowsAsync(rows, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveUsageBacklog(() => Volatile.Read(ref _queued), () => Volatile.Read(ref _unflushed));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The append loop ends when the queue is completed on shutdown, after writing what is in it.
        var appending = Task.Run(AppendLoopAsync, CancellationToken.None);
        try
        {
            using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryFlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await appending;
        await TryFlushAsync(CancellationToken.None);
    }

    private async Task AppendLoopAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            Drain(group);
            await GatherAsync(group);
            await WriteAsync(group);
            group.Clear();
            if (Volatile.Read(ref _unflushed) >= UsageStore.MaxFlushEntries)
            {
                await TryFlushAsync(CancellationToken.None);
            }
        }
    }

    private void Drain(List<Pending> group)
    {
        while (group.Count < MaxGroup && _queue.Reader.TryRead(out var pending))
        {
            Interlocked.Decrement(ref _queued);
            group.Add(pending);
        }
    }

    /// <summary>
    /// A batch that is still being received and checked when a commit starts waits for the whole next commit (an fsync);
    /// when some are on their way, the commit waits a moment for them (at most <see cref="s_maxGather"/>), so that a busy
    /// node makes fewer, larger commits. A lone sender's batch waits for nothing. Real time, not <see cref="TimeProvider"/>:
    /// this bounds a delay of the machine, not a time of the console's data.
    /// </summary>
    private async Task GatherAsync(List<Pending> group)
    {
        var started = Stopwatch.GetTimestamp();
        while (group.Count < MaxGroup && Volatile.Read(ref _receiving) > 0)
        {
            var left = s_maxGather - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(timeout.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }

            Drain(group);
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        IReadOnlyList<bool> accepted;
        await _gate.WaitAsync();
        using var activity = ConsoleTelemetry.Source.StartActivity("usage.journal.commit");
        activity?.SetTag("usage.batches", group.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            accepted = await store.AppendAsync([.. group.Select(p => p.Batch)], CancellationToken.None);
            Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
        }
        catch (Exception e)
        {
            LogAppendFailed(e, group.Count);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var failure = Unavailable("The batch could not be stored. Nothing was counted; send it again.");
            foreach (var pending in group)
            {
                pending.Done.TrySetException(failure);
            }

            return;
        }
        finally
        {
            _gate.Release();
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedBatches, group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            if (accepted[i])
            {
                window.Add(group[i].Prepared.SecondKeys, group[i].Prepared.SecondCounts);
                exchange?.Share(group[i].Prepared.SecondKeys, group[i].Prepared.SecondCounts);
                Interlocked.Increment(ref _unflushed);
            }

            group[i].Done.TrySetResult(accepted[i]);
        }
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The journal keeps the counts; the next flush merges them.
            LogFlushFailed(e);
        }
    }

    private static UsageIngestException Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, "Usage counts cannot be stored now", detail) { RetryAfter = RetryAfter };

    [LoggerMessage(Level = LogLevel.Error, Message = "Journaling {Count} usage batch(es) failed; their senders were told to retry")]
    private partial void LogAppendFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging the usage journal into the rollups failed; it is retried on the next flush")]
    private partial void LogFlushFailed(Exception exception);

    private sealed record Pending(UsageBatch Batch, PreparedBatch Prepared, TaskCompletionSource<bool> Done);

    /// <summary>A batch on its way to <see cref="AppendAsync"/>; disposing it says it has arrived or will not come.</summary>
    internal readonly struct Receiving(UsageWriter writer) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref writer._receiving);
    }
}
