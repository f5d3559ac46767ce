namespace Dashboard.Usage.Simulation;

/// <summary>Where the simulator's history backfill stands.</summary>
public enum UsageBackfillState
{
    /// <summary>The simulator is off, or has not decided yet.</summary>
    Off,

    /// <summary>The rollups already hold the history: nothing to write.</summary>
    NotNeeded,

    Running,
    Completed,

    /// <summary>Stopped by a shutdown; the days not written are written on the next start.</summary>
    Stopped,

    Failed,
}

/// <summary>
/// The backfill at one moment: the range it writes (UTC), rows written of the total, and the time taken so far.
/// </summary>
public sealed record UsageBackfillProgress(UsageBackfillState State, DateTimeOffset? From, DateTimeOffset? To, long RowsWritten, long TotalRows, TimeSpan Elapsed)
{
    public static UsageBackfillProgress Off { get; } = new(UsageBackfillState.Off, null, null, 0, 0, TimeSpan.Zero);

    /// <summary>Done so far, from 0 to 1.</summary>
    public double Fraction => TotalRows == 0 ? 1 : (double)RowsWritten / TotalRows;

    public bool IsRunning => State == UsageBackfillState.Running;
}

/// <summary>
/// The backfill's progress, shared by the node: the overview can show "backfilling… 40 %" while history is still being
/// written, and wait for <see cref="Finished"/>.
/// </summary>
public sealed class UsageBackfillStatus
{
    private readonly TaskCompletionSource<UsageBackfillProgress> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile UsageBackfillProgress _current = UsageBackfillProgress.Off;

    /// <summary>Raised on every change (about every percent while running), on the backfill's thread.</summary>
    public event Action<UsageBackfillProgress>? Changed;

    public UsageBackfillProgress Current => _current;

    /// <summary>Completes with the final state once the backfill has finished, was not needed, stopped or failed.</summary>
    public Task<UsageBackfillProgress> Finished => _finished.Task;

    internal void Report(UsageBackfillProgress progress)
    {
        _current = progress;
        Changed?.Invoke(progress);
        if (progress.State is not (UsageBackfillState.Running or UsageBackfillState.Off))
        {
            _finished.TrySetResult(progress);
        }
    }
}
