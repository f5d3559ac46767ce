using System.Buffers.Text;
using System.Text.Json;
using Dashboard.Data.Usage;

namespace Dashboard.Benchmarks.Usage;

/// <summary>One sample of a batch, as the platform counts it: a second, a country, a kind, a tier and a count.</summary>
internal readonly record struct BatchSample(long Second, string Country, string Kind, string Tier, long Count);

/// <summary>
/// Valid 1,000-sample batches, serialized once: every sample lies in one whole minute, and each batch walks the
/// 750 (country, kind, tier) cells of 50 countries as a sender that reports per second would. A batch is sent
/// under a new id each time: <see cref="Write"/> copies a body and puts a fresh UUID into it, so nothing is serialized
/// while the clients run.
/// </summary>
internal sealed class UsageBatches
{
    public const int SamplesPerBatch = 1000;

    public static readonly string[] Countries =
    [
        "DE", "FR", "GB", "IT", "ES", "NL", "PL", "SE", "AT", "CH", "BE", "PT", "IE", "DK", "NO", "FI", "CZ", "GR", "RO", "HU",
        "US", "CA", "MX", "BR", "AR", "CO", "CL", "PE", "IN", "ID", "JP", "KR", "AU", "NZ", "SG", "MY", "TH", "VN", "PH", "PK",
        "NG", "ZA", "EG", "KE", "MA", "AE", "SA", "TR", "IL", "QA",
    ];

    public static readonly string[] Tiers = ["free", "business", "enterprise"];

    private const string Placeholder = "00000000-0000-0000-0000-000000000000";

    private readonly byte[][] _bodies;
    private readonly int _idOffset;

    private UsageBatches(long minute, BatchSample[][] samples, byte[][] bodies, int idOffset)
    {
        Minute = minute;
        Samples = samples;
        _bodies = bodies;
        _idOffset = idOffset;
        Sums = [.. samples.Select(s => s.Sum(x => x.Count))];
    }

    /// <summary>The minute (Unix seconds) every sample lies in.</summary>
    public long Minute { get; }

    /// <summary>The samples of each distinct batch.</summary>
    public BatchSample[][] Samples { get; }

    /// <summary>The sum of the counts of each distinct batch.</summary>
    public long[] Sums { get; }

    public int Count => _bodies.Length;

    /// <summary>The longest body, for the clients' buffers.</summary>
    public int MaxLength => _bodies.Max(b => b.Length);

    /// <summary><paramref name="distinct"/> batches of samples in the minute that holds <paramref name="at"/>.</summary>
    public static UsageBatches Create(DateTimeOffset at, int distinct, int seed)
    {
        var minute = UsageBuckets.Floor(at.ToUnixTimeSeconds(), UsageGranularity.Minute);
        var cells = Countries.Length * UsageKinds.All.Count * Tiers.Length;
        var random = new Random(seed);
        var samples = new BatchSample[distinct][];
        var bodies = new byte[distinct][];
        for (var b = 0; b < distinct; b++)
        {
            samples[b] = new BatchSample[SamplesPerBatch];
            for (var i = 0; i < SamplesPerBatch; i++)
            {
                var n = (b * SamplesPerBatch) + i;
                var cell = n % cells;
                var country = Countries[cell / (UsageKinds.All.Count * Tiers.Length)];
                var kind = UsageKinds.All[cell / Tiers.Length % UsageKinds.All.Count];
                var tier = Tiers[cell % Tiers.Length];
                samples[b][i] = new BatchSample(minute + (n / cells % 60), country, kind, tier, random.Next(0, 5000));
            }

            bodies[b] = Serialize(samples[b]);
        }

        var idOffset = bodies[0].AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Placeholder));
        return new UsageBatches(minute, samples, bodies, idOffset);
    }

    /// <summary>Copies batch <paramref name="index"/> into <paramref name="destination"/> under a new id; answers its length.</summary>
    public int Write(int index, Guid batchId, byte[] destination)
    {
        var body = _bodies[index];
        body.CopyTo(destination, 0);
        Utf8Formatter.TryFormat(batchId, destination.AsSpan(_idOffset, Placeholder.Length), out _);
        return body.Length;
    }

    /// <summary>The batch's cells summed per minute, as ingest journals them.</summary>
    public static List<UsageCell> MinuteCells(BatchSample[] samples) =>
        [.. samples.GroupBy(s => (Minute: UsageBuckets.Floor(s.Second, UsageGranularity.Minute), s.Country, s.Kind, s.Tier))
            .Select(g => new UsageCell(g.Key.Minute, g.Key.Country, g.Key.Kind, g.Key.Tier, g.Sum(s => s.Count)))
            .OrderBy(c => c.BucketStart).ThenBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Tier, StringComparer.Ordinal)];

    private static byte[] Serialize(BatchSample[] samples)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("batchId", Placeholder);
            writer.WriteStartArray("samples");
            foreach (var sample in samples)
            {
                writer.WriteStartObject();
                writer.WriteString("at", DateTimeOffset.FromUnixTimeSeconds(sample.Second).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("country", sample.Country);
                writer.WriteString("kind", sample.Kind);
                writer.WriteString("tier", sample.Tier);
                writer.WriteNumber("count", sample.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
