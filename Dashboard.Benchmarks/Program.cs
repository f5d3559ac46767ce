using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Queue;

// --quick [--runs N] [--explain]: a timed run of the queue views (with SQLite's plans); anything else goes to BenchmarkDotNet
// (e.g. --filter '*Queue*'). The dataset is made on the first run and reused after.
if (args.Contains("--quick"))
{
    var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(15);
    return await QuickRun.RunAsync(runs, args.Contains("--explain"), Console.Out, CancellationToken.None);
}

BenchmarkSwitcher.FromAssembly(typeof(QueueBenchmarks).Assembly).Run(args);
return 0;
