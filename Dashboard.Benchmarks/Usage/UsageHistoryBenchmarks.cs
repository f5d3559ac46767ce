using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dashboard.Data.Usage;
using Dashboard.Usage;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// A year of usage by day and kind: the history page's query on the day rollup, the read API's totals, and the same
/// year aggregated from the minute table (the baseline, about 16 million rows). One call per iteration: the baseline
/// takes seconds.
/// </summary>
[Config(typeof(Config))]
public class UsageHistoryBenchmarks
{
    private HistoryRun _run = null!;

    [GlobalSetup]
    public void Setup() => _run = new HistoryRun(HistoryDataset.OpenAsync(Console.Out, CancellationToken.None).GetAwaiter().GetResult());

    [Benchmark]
    public Task<IReadOnlyList<UsageSeriesPoint>> YearByDayFromDayRollup() => _run.YearByDayAsync(CancellationToken.None);

    [Benchmark]
    public Task<UsageVolume> YearTotalsFromRollups() => _run.YearTotalsAsync(CancellationToken.None);

    [Benchmark(Baseline = true)]
    public Task<List<UsageSeriesPoint>> YearByDayFromMinutes() => _run.YearFromMinutesAsync(CancellationToken.None);

    /// <summary>A few single-call iterations in this process, so that nothing is built again and the baseline ends in minutes.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("Year"));
            AddColumn(StatisticColumn.Median);
        }
    }
}
