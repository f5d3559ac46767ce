using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Fanout;
using Dashboard.Benchmarks.Queue;
using Dashboard.Benchmarks.Usage;

namespace Dashboard.Benchmarks;

/// <summary>
/// The benchmarks' entry point (a named class: the console's own <c>Program</c> is hosted by the usage run).
/// <c>--quick [--runs N] [--explain]</c>: a timed run of the queue views (with SQLite's plans).
/// <c>--usage [--only http,store,history] [--clients 8] [--seconds 10] …</c>: usage ingest over HTTP, into the store, and a year of history.
/// <c>--fanout [--only hub,circuits] [--clients 1000] [--seconds 30] [--lead 100] [--circuits 50] [--per-context 10] [--hold 0]</c>: the live
/// tick to 1,000 hub clients (latency from a batch's acknowledgement to each client's tick that carries it, ticks lost)
/// and the server's memory per open overview circuit (Chromium); the clients run in a second process of this benchmark
/// (<c>--fanout-hub-clients</c>, <c>--fanout-circuits</c>, started by <c>--fanout</c> itself).
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

        if (args.Contains("--fanout"))
        {
            return await FanoutRun.RunAsync(FanoutRunOptions.Parse(args), Console.Out, CancellationToken.None);
        }

        if (args.Contains("--fanout-hub-clients"))
        {
            return await HubClients.RunAsync(args);
        }

        if (args.Contains("--fanout-circuits"))
        {
            return await CircuitClients.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(QueueBenchmarks).Assembly).Run(args);
        return 0;
    }
}
