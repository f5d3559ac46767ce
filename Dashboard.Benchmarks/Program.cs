using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Queue;
using Dashboard.Benchmarks.Usage;

namespace Dashboard.Benchmarks;

/// <summary>
/// The benchmarks' entry point (a named class: the console's own <c>Program</c> is hosted by the usage run).
/// <c>--quick [--runs N] [--explain]</c>: a timed run of the queue views (with SQLite's plans).
/// <c>--usage [--only http,store,history] [--clients 8] [--seconds 10] …</c>: usage ingest over HTTP, into the store, and a year of history.
/// Anything else goes to BenchmarkDotNet (e.g. <c>--filter '*Queue*'</c>). Datasets are made on the first run and reused after.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(15);
            return await QuickRun.RunAsync(runs, args.Contains("--explain"), Console.Out, CancellationToken.None);
        }

        if (args.Contains("--usage"))
        {
            return await UsageRun.RunAsync(UsageRunOptions.Parse(args), Console.Out, CancellationToken.None);
        }

        BenchmarkSwitcher.FromAssembly(typeof(QueueBenchmarks).Assembly).Run(args);
        return 0;
    }
}
