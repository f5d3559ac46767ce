using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Platform;

/// <summary>
/// The console's own metrics (meter <c>Dashboard</c>) and traces (activity source <c>Dashboard</c>): usage ingest
/// outcomes, tick latency, open Blazor circuits and the usage writer's backlog. The instruments always exist; they are
/// exported only when <c>Telemetry:Prometheus:Enabled</c> or <c>Telemetry:Otlp:Endpoint</c> is set.
/// </summary>
public sealed class ConsoleTelemetry
{
    public const string Name = "Dashboard";

    /// <summary>Traces of ingest (<c>usage.ingest</c>), journal commits (<c>usage.journal.commit</c>) and flushes (<c>usage.flush</c>).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _batches;
    private readonly Counter<long> _samples;
    private readonly Histogram<double> _tickLatency;
    private readonly Meter _meter;
    private int _openCircuits;
    private int _backlogObserved;

    public ConsoleTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _batches = _meter.CreateCounter<long>("dashboard.usage.ingest.batches", "{batch}",
            "Usage batches received, by outcome: accepted, duplicate (a replayed batch id), rejected (invalid) or failed (not stored; the sender retries).");
        _samples = _meter.CreateCounter<long>("dashboard.usage.ingest.samples", "{sample}",
            "Samples of usage batches received, by the outcome of their batch.");
        _tickLatency = _meter.CreateHistogram<double>("dashboard.usage.tick.latency", "s",
            "Time from the end of a second to its live tick being sent to the in-process feed and the hub.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _meter.CreateObservableUpDownCounter("dashboard.circuits.open", () => Volatile.Read(ref _openCircuits), "{circuit}",
            "Blazor circuits (open console pages with a live connection) on this node.");
    }

    /// <summary>Outcomes of a usage batch, as the <c>outcome</c> tag.</summary>
    public static class Outcomes
    {
        public const string Accepted = "accepted";
        public const string Duplicate = "duplicate";
        public const string Rejected = "rejected";
        public const string Failed = "failed";
    }

    /// <summary>Counts a batch and its samples by outcome and by source (the API key's name, or <c>simulator</c>).</summary>
    public void BatchReceived(string outcome, int samples, string? source)
    {
        var tags = new TagList { { "outcome", outcome }, { "source", source ?? "unknown" } };
        _batches.Add(1, tags);
        _samples.Add(samples, tags);
    }

    public void TickSent(TimeSpan sinceSecondEnded) => _tickLatency.Record(Math.Max(0, sinceSecondEnded.TotalSeconds));

    public void CircuitOpened() => Interlocked.Increment(ref _openCircuits);

    public void CircuitClosed() => Interlocked.Decrement(ref _openCircuits);

    /// <summary>Circuits open on this node now.</summary>
    public int OpenCircuits => Volatile.Read(ref _openCircuits);

    /// <summary>
    /// Observes the usage writer's backlog: batches waiting to be journaled, and journal entries waiting to be merged into
    /// the rollups. Registered once, by the writer as it starts.
    /// </summary>
    public void ObserveUsageBacklog(Func<int> queuedBatches, Func<int> unmergedEntries)
    {
        if (Interlocked.Exchange(ref _backlogObserved, 1) == 1)
        {
            return;
        }

        _meter.CreateObservableGauge("dashboard.usage.writer.queue", queuedBatches, "{batch}", "Acknowledged-to-be batches waiting for the next journal commit.");
        _meter.CreateObservableGauge("dashboard.usage.journal.backlog", unmergedEntries, "{entry}",
            "Journal entries (committed batches) waiting to be merged into the minute, hour and day rollups.");
    }
}
