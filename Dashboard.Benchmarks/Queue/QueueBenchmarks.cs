using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dashboard.Data;
using Dashboard.Data.Verification;

namespace Dashboard.Benchmarks.Queue;

/// <summary>
/// The verification queue's first page and page 1,000 over 1,000,000 requests on SQLite, through the real
/// <see cref="VerificationStore.QueueAsync"/>. The ratio column is page 1,000 against the first page of the same view.
/// </summary>
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class QueueBenchmarks
{
    private VerificationStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dataset = QueueDataset.OpenAsync(QueueDataset.DefaultRequests, QueueDataset.DefaultBusinesses, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
        _store = QueueCases.Store(dataset);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Default")]
    public Task<Page<QueueItem>> DefaultFirstPage() => Run(QueueCases.Default);

    [Benchmark, BenchmarkCategory("Default")]
    public Task<Page<QueueItem>> DefaultPage1000() => Run(QueueCases.Deep(QueueCases.Default));

    [Benchmark(Baseline = true), BenchmarkCategory("Filtered")]
    public Task<Page<QueueItem>> FilteredFirstPage() => Run(QueueCases.Filtered);

    [Benchmark, BenchmarkCategory("Filtered")]
    public Task<Page<QueueItem>> FilteredPage1000() => Run(QueueCases.Deep(QueueCases.Filtered));

    [Benchmark(Baseline = true), BenchmarkCategory("CategoryAndRisk")]
    public Task<Page<QueueItem>> CategoryAndRiskFirstPage() => Run(QueueCases.CategoryAndRisk);

    [Benchmark, BenchmarkCategory("CategoryAndRisk")]
    public Task<Page<QueueItem>> CategoryAndRiskPage1000() => Run(QueueCases.Deep(QueueCases.CategoryAndRisk));

    [Benchmark(Baseline = true), BenchmarkCategory("Search")]
    public Task<Page<QueueItem>> SearchFirstPage() => Run(QueueCases.Search);

    [Benchmark, BenchmarkCategory("Search")]
    public Task<Page<QueueItem>> SearchPage1000() => Run(QueueCases.Deep(QueueCases.Search));

    private Task<Page<QueueItem>> Run(QueueQuery query) => _store.QueueAsync(query, CancellationToken.None);

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
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
