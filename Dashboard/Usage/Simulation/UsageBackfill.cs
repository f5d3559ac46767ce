using System.Buffers;
using System.Threading.Channels;
using Dashboard.Data.Usage;

namespace Dashboard.Usage.Simulation;

/// <summary>
/// Writes the traffic model's history into the rollups on first start, so that every chart has data at once: day and
/// hour rollups for <see cref="SimulatorOptions.BackfillDays"/> days and minute rollups for the last
/// <see cref="SimulatorOptions.BackfillMinuteDays"/>, up to the second the live simulator starts with.
/// <para>
/// Within the minute range an hour is the sum of its minutes (<see cref="TrafficModel.Minute"/>); older hours come from
/// <see cref="TrafficModel.Hour"/>; a day is the sum of its hours. So the granularities agree wherever they overlap.
/// The seconds of the start minute before the live simulator's first second come from <see cref="TrafficModel.Second"/>,
/// so that minute ends up exactly as if the simulator had run all along.
/// </para>
/// <para>
/// History is written newest first through the store's bulk path, in slices of whole hours of about
/// <see cref="RowsPerSlice"/> rows, one transaction each, taking turns with live batches (<see cref="UsageWriter.AddRollupRowsAsync"/>)
/// so that they never wait long for the write lock; a second thread computes the next slice meanwhile. A day's row is written with its oldest slice, so the oldest day row tells
/// how far a backfill got: one stopped by a shutdown clears what it left of an unfinished day and carries on with the
/// older days on the next start, and one that finished is not repeated.
/// </para>
/// </summary>
public sealed partial class UsageBackfill(IUsageStore store, UsageWriter writer, UsageBackfillStatus status, TimeProvider time, ILogger<UsageBackfill> logger)
{
    /// <summary>About how many rows one transaction writes.</summary>
    public const int RowsPerSlice = 40_000;

    private const long Day = 86_400;
    private const long Hour = 3600;

    /// <summary>
    /// What a backfill writes: [<see cref="From"/>, <see cref="To"/>) in Unix seconds, <c>From</c> a whole day; minute
    /// rows from <see cref="MinuteFrom"/> (a whole hour) on.
    /// </summary>
    public sealed record Plan(long From, long To, long MinuteFrom)
    {
        public DateTimeOffset FromTime => DateTimeOffset.FromUnixTimeSeconds(From);

        public DateTimeOffset ToTime => DateTimeOffset.FromUnixTimeSeconds(To);
    }

    /// <summary>
    /// Decides what to write before the live simulator sends its first second (<paramref name="liveStart"/>): the range of
    /// the options, up to that second, but only the days older than any day the rollups hold. Rows in that range are
    /// what a stopped backfill left of an unfinished day (a flush always writes a day row with its minutes and hours):
    /// they are cleared. Null (and reported as not needed) when there is nothing to write.
    /// </summary>
    public async Task<Plan?> PlanAsync(long liveStart, SimulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var from = UsageBuckets.Floor(liveStart, UsageGranularity.Day) - ((options.BackfillDays - 1) * Day);
        var oldest = options.BackfillDays == 0 ? null : await store.OldestBucketAsync(UsageGranularity.Day, cancellationToken);
        var to = oldest is { } day ? Math.Min(liveStart, day) : liveStart;
        if (options.BackfillDays == 0 || to <= from)
        {
            status.Report(UsageBackfillProgress.Off with { State = UsageBackfillState.NotNeeded });
            return null;
        }

        var cleared = await store.ClearRollupsAsync(from, to, cancellationToken);
        if (cleared > 0)
        {
            LogCleared(cleared);
        }

        var minuteFrom = options.BackfillMinuteDays == 0
            ? to
            : UsageBuckets.Ceiling(liveStart - (options.BackfillMinuteDays * Day), UsageGranularity.Hour);
        return new Plan(from, to, minuteFrom);
    }

    /// <summary>Writes the plan's history, reporting progress; a cancelled backfill stops after whole slices.</summary>
    public async Task RunAsync(TrafficModel model, Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        var layout = new Layout(model);
        var slices = Slices(plan, layout.Cells);
        var total = slices.Sum(s => s.Planned);
        var started = time.GetTimestamp();
        long written = 0, rows = 0;
        var reached = plan.ToTime;
        var nextLog = 0.1;
        UsageBackfillProgress Progress(UsageBackfillState state) => new(state, plan.FromTime, plan.ToTime, written, total, time.GetElapsedTime(started));

        LogStarting(plan.FromTime, plan.ToTime, DateTimeOffset.FromUnixTimeSeconds(Math.Min(plan.MinuteFrom, plan.To)), total);
        status.Report(Progress(UsageBackfillState.Running));

        // The model runs on its own thread a slice or two ahead of the writes.
        var ready = Channel.CreateBounded<ComputedSlice>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producing = Task.Run(async () =>
        {
            try
            {
                var days = new Dictionary<long, long[]>();
                foreach (var slice in slices)
                {
                    await ready.Writer.WriteAsync(Compute(model, layout, plan, slice, days), stop.Token);
                }
            }
            finally
            {
                ready.Writer.TryComplete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var slice in ready.Reader.ReadAllAsync(stop.Token))
            {
                using (slice)
                {
                    await writer.AddRollupRowsAsync(slice.Rows, stop.Token);
                }

                written += slice.Planned;
                rows += slice.Rows.Count;
                reached = DateTimeOffset.FromUnixTimeSeconds(slice.From);
                status.Report(Progress(UsageBackfillState.Running));
                if ((double)written / total >= nextLog - 1e-9)
                {
                    LogProgress((int)Math.Round(100.0 * written / total), reached, time.GetElapsedTime(started).TotalSeconds);
                    nextLog = Math.Floor(((double)written / total * 10) + 1) / 10;
                }
            }

            await producing;
            LogCompleted(rows, time.GetElapsedTime(started).TotalSeconds);
            status.Report(Progress(UsageBackfillState.Completed));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopProducingAsync(stop, producing, ready.Reader);
            LogStopped(reached, written, total);
            status.Report(Progress(UsageBackfillState.Stopped));
        }
        catch (Exception e)
        {
            await StopProducingAsync(stop, producing, ready.Reader);
            LogFailed(e);
            status.Report(Progress(UsageBackfillState.Failed));
        }
    }

    private static async Task StopProducingAsync(CancellationTokenSource stop, Task producing, ChannelReader<ComputedSlice> ready)
    {
        await stop.CancelAsync();
        try
        {
            await producing;
        }
        catch (OperationCanceledException)
        {
        }

        while (ready.TryRead(out var left))
        {
            left.Dispose();
        }
    }

    /// <summary>The plan cut into runs of whole hours, newest first, each about <see cref="RowsPerSlice"/> rows.</summary>
    private static List<Slice> Slices(Plan plan, int cells)
    {
        var slices = new List<Slice>();
        var end = plan.To;
        long planned = 0;
        for (var hour = UsageBuckets.Floor(plan.To - 1, UsageGranularity.Hour); hour >= plan.From; hour -= Hour)
        {
            var minutes = hour >= plan.MinuteFrom ? (UsageBuckets.Ceiling(Math.Min(hour + Hour, plan.To), UsageGranularity.Minute) - hour) / 60 : 0;
            var hourRows = (minutes + 1 + (hour % Day == 0 ? 1 : 0)) * cells;
            if (planned > 0 && planned + hourRows > RowsPerSlice)
            {
                slices.Add(new Slice(hour + Hour, end, planned));
                end = hour + Hour;
                planned = 0;
            }

            planned += hourRows;
        }

        if (planned > 0)
        {
            slices.Add(new Slice(plan.From, end, planned));
        }

        return slices;
    }

    /// <summary>
    /// A slice's rows of every granularity, in the rollups' key order. <paramref name="days"/> collects each day's hours
    /// across slices; a day's row is added once its first hour, the last one computed, is in.
    /// </summary>
    private static ComputedSlice Compute(TrafficModel model, Layout layout, Plan plan, Slice slice, Dictionary<long, long[]> days)
    {
        var cells = layout.Cells;
        var counts = new long[cells];
        var hourSums = new long[cells];
        var minuteRows = new PooledRows((int)slice.Planned);
        var hourRows = new PooledRows((int)((slice.To - slice.From + Hour - 1) / Hour * cells));
        var dayRows = new PooledRows(((int)((slice.To - slice.From) / Day) + 1) * cells);
        for (var hour = slice.From; hour < slice.To; hour += Hour)
        {
            var end = Math.Min(hour + Hour, plan.To);
            var keepMinutes = hour >= plan.MinuteFrom;
            if (keepMinutes || end < hour + Hour)
            {
                Array.Clear(hourSums);
                var whole = UsageBuckets.Floor(end, UsageGranularity.Minute);
                for (var minute = hour; minute < end; minute += 60)
                {
                    if (minute < whole)
                    {
                        model.Minute(DateTimeOffset.FromUnixTimeSeconds(minute), counts);
                    }
                    else
                    {
                        // The start minute, up to the live simulator's first second: the model's own seconds.
                        Array.Clear(counts);
                        for (var second = minute; second < end; second++)
                        {
                            model.Second(DateTimeOffset.FromUnixTimeSeconds(second), (country, kind, tier, count) => counts[layout.IndexOf(country, kind, tier)] += count);
                        }
                    }

                    for (var i = 0; i < cells; i++)
                    {
                        hourSums[i] += counts[i];
                    }

                    if (keepMinutes)
                    {
                        layout.AddRows(minuteRows, minute, counts);
                    }
                }
            }
            else
            {
                model.Hour(DateTimeOffset.FromUnixTimeSeconds(hour), hourSums);
            }

            layout.AddRows(hourRows, hour, hourSums);
            var day = UsageBuckets.Floor(hour, UsageGranularity.Day);
            if (!days.TryGetValue(day, out var daySums))
            {
                days[day] = daySums = new long[cells];
            }

            for (var i = 0; i < cells; i++)
            {
                daySums[i] += hourSums[i];
            }
        }

        foreach (var day in days.Keys.Where(d => d >= slice.From && d < slice.To).Order().ToList())
        {
            layout.AddRows(dayRows, day, days[day]);
            days.Remove(day);
        }

        return new ComputedSlice(slice.From, minuteRows, hourRows, dayRows, slice.Planned);
    }

    /// <summary>[<see cref="From"/>, <see cref="To"/>): whole hours, but for the end of the plan; <see cref="Planned"/> rows before zero counts are left out.</summary>
    private sealed record Slice(long From, long To, long Planned);

    /// <summary>A slice's rows, in pooled arrays (a slice is too large for the small-object heap) returned on dispose.</summary>
    private sealed class ComputedSlice(long from, PooledRows minutes, PooledRows hours, PooledRows days, long planned) : IDisposable
    {
        public long From { get; } = from;

        public long Planned { get; } = planned;

        public UsageRollupRows Rows { get; } = new(minutes.Rows, hours.Rows, days.Rows);

        public void Dispose()
        {
            minutes.Dispose();
            hours.Dispose();
            days.Dispose();
        }
    }

    /// <summary>Rows added to a rented array of a known most.</summary>
    private sealed class PooledRows(int capacity) : IDisposable
    {
        private readonly UsageCell[] _rows = ArrayPool<UsageCell>.Shared.Rent(Math.Max(capacity, 1));
        private int _count;

        public ArraySegment<UsageCell> Rows => new(_rows, 0, _count);

        public void Add(UsageCell row) => _rows[_count++] = row;

        public void Dispose() => ArrayPool<UsageCell>.Shared.Return(_rows);
    }

    /// <summary>The model's cells as rollup keys, and the order of the rollups' primary key (country, kind, tier).</summary>
    private sealed class Layout
    {
        private readonly string[] _country;
        private readonly string[] _kind;
        private readonly string[] _tier;
        private readonly int[] _order;
        private readonly Dictionary<(string, string, string), int> _index = [];

        public Layout(TrafficModel model)
        {
            Cells = model.CellCount;
            _country = new string[Cells];
            _kind = new string[Cells];
            _tier = new string[Cells];
            var i = 0;
            foreach (var market in model.Markets)
            {
                foreach (var (kind, _) in TrafficModel.Kinds)
                {
                    foreach (var (tier, _) in TrafficModel.TierShares)
                    {
                        (_country[i], _kind[i], _tier[i]) = (market.Country, kind, tier);
                        _index[(market.Country, kind, tier)] = i++;
                    }
                }
            }

            _order = [.. Enumerable.Range(0, Cells)
                .OrderBy(c => _country[c], StringComparer.Ordinal).ThenBy(c => _kind[c], StringComparer.Ordinal).ThenBy(c => _tier[c], StringComparer.Ordinal)];
        }

        public int Cells { get; }

        public int IndexOf(string country, string kind, string tier) => _index[(country, kind, tier)];

        /// <summary>Adds a bucket's non-zero counts as rows, in key order.</summary>
        public void AddRows(PooledRows rows, long bucket, long[] counts)
        {
            foreach (var i in _order)
            {
                if (counts[i] > 0)
                {
                    rows.Add(new UsageCell(bucket, _country[i], _kind[i], _tier[i], counts[i]));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilling simulated usage from {From:u} to {To:u} (minutes from {MinutesFrom:u}): about {Rows:N0} rollup rows, newest first")]
    private partial void LogStarting(DateTimeOffset from, DateTimeOffset to, DateTimeOffset minutesFrom, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage backfill {Percent} % done (back to {Reached:u}) after {Seconds:F1} s")]
    private partial void LogProgress(int percent, DateTimeOffset reached, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage backfill finished: {Rows:N0} rollup rows in {Seconds:F1} s")]
    private partial void LogCompleted(long rows, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage backfill stopped by the shutdown back at {Reached:u}, after {Written:N0} of {Total:N0} rows; the rest is written on the next start")]
    private partial void LogStopped(DateTimeOffset reached, long written, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleared {Rows:N0} rollup rows a stopped backfill had left of an unfinished day")]
    private partial void LogCleared(long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage backfill failed; whole days written are kept, and the rest is written on the next start")]
    private partial void LogFailed(Exception exception);
}
