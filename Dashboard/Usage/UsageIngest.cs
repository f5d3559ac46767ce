using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using Dashboard.Data.Usage;
using Dashboard.Platform;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>One counter of a batch: messages of a kind and tier sent in a country during one second (UTC, whole second).</summary>
public readonly record struct UsageSample(DateTimeOffset At, string Country, string Kind, string Tier, long Count);

/// <summary>
/// The answer to a batch: how many samples were counted and whether the batch id had been seen before; or, when
/// <see cref="Errors"/> is set, the problems by JSON path (<c>samples[17].country</c>) — and then nothing was counted.
/// </summary>
public sealed record UsageIngestResult(int Accepted, bool Duplicate, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool IsValid => Errors is null;
}

/// <summary>A batch that cannot be read at all (too large, not JSON) or not stored now; carries the HTTP status to answer.</summary>
public sealed class UsageIngestException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>When set, how long the sender should wait before sending the batch again (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>A validated batch: summed per minute for the journal, and its samples by second (zeros left out) for the live window.</summary>
internal sealed record PreparedBatch(Guid BatchId, int SampleCount, UsageCell[] MinuteCells, long[] SecondKeys, long[] SecondCounts);

/// <summary>
/// The one way counts get in, for the HTTP API and in-process senders alike: validate the whole batch (all or nothing),
/// aggregate it per minute and per second, journal it durably, then count it in the live window.
/// </summary>
public sealed class UsageIngest(UsageTiers tiers, UsageWriter writer, IOptions<UsageOptions> options, TimeProvider time, ConsoleTelemetry telemetry)
{
    public const int MaxSamples = 10_000;
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public const long MaxCount = 1_000_000_000_000;
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Counts a batch given in-process (the traffic simulator, tests) through the same checks and the same journal as
    /// <c>POST /api/v1/usage/volume</c>. <paramref name="source"/> is recorded with the batch id, as an API key's name is.
    /// </summary>
    public async Task<UsageIngestResult> IngestAsync(Guid batchId, IReadOnlyList<UsageSample> samples, string? source, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(source);
        using var buffer = new SampleBuffer();
        var catalogue = await tiers.CurrentAsync(cancellationToken);
        var errors = Validate(samples, catalogue, buffer);
        if (errors.UnknownTier)
        {
            // A tier created a moment ago: read the catalogue again before refusing.
            buffer.Clear();
            catalogue = await tiers.RefreshAsync(cancellationToken);
            errors = Validate(samples, catalogue, buffer);
        }

        if (batchId == Guid.Empty)
        {
            errors.Add("batchId", "The batch id must not be empty.");
        }

        if (errors.Any)
        {
            return Rejected(errors, samples.Count, source, activity);
        }

        return await CommitAsync(Aggregate(batchId, buffer, catalogue), source, activity, cancellationToken);
    }

    /// <summary>Reads, checks and counts a JSON batch from a request body.</summary>
    /// <exception cref="UsageIngestException">The body is too large or not JSON, or the batch cannot be stored now.</exception>
    internal async Task<UsageIngestResult> IngestJsonAsync(PipeReader body, long? contentLength, string? source, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(source);
        if (contentLength > MaxBodyBytes)
        {
            throw Refused(TooLarge(), source, activity);
        }

        PreparedBatch? prepared;
        IngestErrors errors;
        var sampleCount = 0;

        // Until it is handed to the writer, the batch is on its way: a commit starting meanwhile may wait for it.
        using (writer.Receive())
        {
            ReadResult read;
            while (true)
            {
                read = await body.ReadAsync(cancellationToken);
                if (read.Buffer.Length > MaxBodyBytes)
                {
                    body.AdvanceTo(read.Buffer.End);
                    throw Refused(TooLarge(), source, activity);
                }

                if (read.IsCompleted)
                {
                    break;
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }

            using (var buffer = new SampleBuffer())
            {
                try
                {
                    var catalogue = await tiers.CurrentAsync(cancellationToken);
                    (prepared, errors) = Parse(read.Buffer, catalogue, buffer);
                    if (errors.UnknownTier)
                    {
                        buffer.Clear();
                        catalogue = await tiers.RefreshAsync(cancellationToken);
                        (prepared, errors) = Parse(read.Buffer, catalogue, buffer);
                    }
                }
                catch (JsonException e)
                {
                    throw Refused(new UsageIngestException(StatusCodes.Status400BadRequest, "The body is not valid JSON", $"Nothing was counted. {e.Message}"), source, activity);
                }
                finally
                {
                    sampleCount = buffer.Seen;
                    body.AdvanceTo(read.Buffer.End);
                }
            }
        }

        return prepared is null ? Rejected(errors, sampleCount, source, activity) : await CommitAsync(prepared, source, activity, cancellationToken);
    }

    private (PreparedBatch? Batch, IngestErrors Errors) Parse(ReadOnlySequence<byte> body, UsageTiers.Catalogue catalogue, SampleBuffer buffer)
    {
        var errors = new IngestErrors();
        var batchId = UsageBatchParser.Parse(body, Rules(catalogue), buffer, errors);
        return batchId is { } id && !errors.Any ? (Aggregate(id, buffer, catalogue), errors) : (null, errors);
    }

    private IngestErrors Validate(IReadOnlyList<UsageSample> samples, UsageTiers.Catalogue catalogue, SampleBuffer buffer)
    {
        var errors = new IngestErrors();
        UsageBatchParser.Validate(samples, Rules(catalogue), buffer, errors);
        return errors;
    }

    private SampleRules Rules(UsageTiers.Catalogue catalogue)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var retention = options.Value.MinuteRetentionDays;
        return new SampleRules(now, now - ((long)retention * 86_400), now + (long)MaxAhead.TotalSeconds, retention, catalogue);
    }

    private async Task<UsageIngestResult> CommitAsync(PreparedBatch batch, string? source, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag("usage.batch.id", batch.BatchId);
        activity?.SetTag("usage.batch.samples", batch.SampleCount);
        bool accepted;
        try
        {
            accepted = await writer.AppendAsync(batch, source, cancellationToken);
        }
        catch (UsageIngestException failed)
        {
            telemetry.BatchReceived(ConsoleTelemetry.Outcomes.Failed, batch.SampleCount, source);
            activity?.SetTag("usage.outcome", ConsoleTelemetry.Outcomes.Failed);
            activity?.SetStatus(ActivityStatusCode.Error, failed.Message);
            throw;
        }

        var outcome = accepted ? ConsoleTelemetry.Outcomes.Accepted : ConsoleTelemetry.Outcomes.Duplicate;
        telemetry.BatchReceived(outcome, batch.SampleCount, source);
        activity?.SetTag("usage.outcome", outcome);
        return new UsageIngestResult(accepted ? batch.SampleCount : 0, !accepted, null);
    }

    private static Activity? StartActivity(string? source)
    {
        var activity = ConsoleTelemetry.Source.StartActivity("usage.ingest");
        activity?.SetTag("usage.source", source);
        return activity;
    }

    private UsageIngestResult Rejected(IngestErrors errors, int samples, string? source, Activity? activity)
    {
        telemetry.BatchReceived(ConsoleTelemetry.Outcomes.Rejected, samples, source);
        activity?.SetTag("usage.outcome", ConsoleTelemetry.Outcomes.Rejected);
        return new UsageIngestResult(0, false, errors.ToDictionary());
    }

    private UsageIngestException Refused(UsageIngestException refusal, string? source, Activity? activity)
    {
        telemetry.BatchReceived(ConsoleTelemetry.Outcomes.Rejected, 0, source);
        activity?.SetTag("usage.outcome", ConsoleTelemetry.Outcomes.Rejected);
        activity?.SetStatus(ActivityStatusCode.Error, refusal.Title);
        return refusal;
    }

    private static UsageIngestException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "The batch is too large",
        $"A batch may be at most {MaxBodyBytes / 1024 / 1024} MB and {MaxSamples:N0} samples. Nothing was counted; split it into several batches.");

    /// <summary>
    /// Sums the samples per minute by sorting packed keys, and keeps them per second for the live window (which adds
    /// them up itself, so they need no sorting); allocates per batch, never per sample.
    /// </summary>
    internal static PreparedBatch Aggregate(Guid batchId, SampleBuffer buffer, UsageTiers.Catalogue catalogue)
    {
        var samples = buffer.Items;
        var nonZero = 0;
        foreach (ref readonly var sample in samples)
        {
            nonZero += sample.Count == 0 ? 0 : 1;
        }

        var secondKeys = new long[nonZero];
        var secondCounts = new long[nonZero];
        var keys = ArrayPool<long>.Shared.Rent(Math.Max(nonZero, 1));
        var counts = ArrayPool<long>.Shared.Rent(Math.Max(nonZero, 1));
        try
        {
            var n = 0;
            foreach (ref readonly var sample in samples)
            {
                if (sample.Count == 0)
                {
                    continue;
                }

                secondKeys[n] = UsageKey.Pack(sample.Second, sample.Country, sample.Kind, sample.Tier);
                secondCounts[n] = sample.Count;
                keys[n] = UsageKey.WithTime(secondKeys[n], UsageBuckets.Floor(sample.Second, UsageGranularity.Minute));
                counts[n] = sample.Count;
                n++;
            }

            var minutes = Merge(keys, counts, n);
            var cells = new UsageCell[minutes];
            for (var i = 0; i < minutes; i++)
            {
                var key = keys[i];
                cells[i] = new UsageCell(UsageKey.Time(key), UsageCountryCodes.Code(UsageKey.Country(key)), UsageKinds.All[UsageKey.Kind(key)],
                    catalogue.CodeOf(UsageKey.Tier(key)), counts[i]);
            }

            return new PreparedBatch(batchId, buffer.Count, cells, secondKeys, secondCounts);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<long>.Shared.Return(counts);
        }
    }

    /// <summary>Sorts the first <paramref name="length"/> keys (counts alongside), adds up equal keys and drops zeros; answers how many remain.</summary>
    private static int Merge(long[] keys, long[] counts, int length)
    {
        keys.AsSpan(0, length).Sort(counts.AsSpan(0, length));
        var written = 0;
        for (var i = 0; i < length; i++)
        {
            if (written > 0 && keys[written - 1] == keys[i])
            {
                counts[written - 1] += counts[i];
            }
            else
            {
                if (written > 0 && counts[written - 1] == 0)
                {
                    written--;
                }

                keys[written] = keys[i];
                counts[written] = counts[i];
                written++;
            }
        }

        return written > 0 && counts[written - 1] == 0 ? written - 1 : written;
    }
}
