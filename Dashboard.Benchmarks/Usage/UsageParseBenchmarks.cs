using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dashboard.Data.Usage;
using Dashboard.Usage;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// The CPU cost of one 1,000-sample batch in the console before it reaches the database — parsing and checking it,
/// summing it per second and minute, encoding its journal entry — against the minimal endpoint's parse-and-sum. The
/// body is split into 4 KiB segments as Kestrel hands it over.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class UsageParseBenchmarks
{
    private ReadOnlySequence<byte> _body;
    private SampleRules _rules;
    private UsageTiers.Catalogue _catalogue = null!;
    private List<UsageCell> _cells = null!;

    [GlobalSetup]
    public void Setup()
    {
        var batches = UsageBatches.Create(DateTimeOffset.UtcNow, 1, seed: 20_170_905);
        var buffer = new byte[batches.MaxLength];
        var length = batches.Write(0, Guid.NewGuid(), buffer);
        _body = Segments(buffer.AsMemory(0, length), 4096);
        _catalogue = new UsageTiers.Catalogue([.. UsageBatches.Tiers.Select((t, i) => (t, Encoding.UTF8.GetBytes(t), i))]);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _rules = new SampleRules(now, now - (14 * 86_400), now + 300, 14, _catalogue);
        _cells = UsageBatches.MinuteCells(batches.Samples[0]);
    }

    [Benchmark(Baseline = true)]
    public long MinimalParseAndSum() => MinimalEndpoint.Sum(_body).Total;

    [Benchmark]
    public int ParseAndCheck()
    {
        using var samples = new SampleBuffer();
        var errors = new IngestErrors();
        UsageBatchParser.Parse(_body, _rules, samples, errors);
        return samples.Count;
    }

    [Benchmark]
    public int ParseCheckAndAggregate()
    {
        using var samples = new SampleBuffer();
        var errors = new IngestErrors();
        var id = UsageBatchParser.Parse(_body, _rules, samples, errors);
        return UsageIngest.Aggregate(id!.Value, samples, _catalogue).MinuteCells.Length;
    }

    [Benchmark]
    public int EncodeJournal() => UsageJournalCodec.Encode(_cells, out _, out _).Length;

    private static ReadOnlySequence<byte> Segments(ReadOnlyMemory<byte> bytes, int size)
    {
        Segment? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var segment = new Segment(bytes.Slice(offset, Math.Min(size, bytes.Length - offset)), last);
            first ??= segment;
            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }

    /// <summary>A short job for a small, shared machine, run in this process so that nothing is built again.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithId("Short"));
        }
    }
}
