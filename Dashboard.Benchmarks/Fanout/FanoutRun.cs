using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Usage;
using Dashboard.Data.Identity;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>The knobs of <c>--fanout</c>, read from the command line (<c>--clients 1000 --seconds 30 …</c>).</summary>
internal sealed record FanoutRunOptions
{
    public int Clients { get; init; } = 1000;

    public int Seconds { get; init; } = 30;

    public int WarmupSeconds { get; init; } = 5;

    /// <summary>How long before the end of its second each marker batch is posted (milliseconds).</summary>
    public int LeadMilliseconds { get; init; } = 100;

    public int Circuits { get; init; } = 50;

    public int PagesPerContext { get; init; } = 10;

    /// <summary>Seconds to keep the circuits open after each memory reading, to take a heap dump of the server (0: none).</summary>
    public int HoldSeconds { get; init; }

    /// <summary>The parts to run: hub, circuits (both by default).</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(["hub", "circuits"], StringComparer.OrdinalIgnoreCase);

    public static FanoutRunOptions Parse(string[] args)
    {
        int Int(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
        var defaults = new FanoutRunOptions();
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        return new FanoutRunOptions
        {
            Clients = Int("--clients", defaults.Clients),
            Seconds = Int("--seconds", defaults.Seconds),
            WarmupSeconds = Int("--warmup", defaults.WarmupSeconds),
            LeadMilliseconds = Int("--lead", defaults.LeadMilliseconds),
            Circuits = Int("--circuits", defaults.Circuits),
            PagesPerContext = Int("--per-context", defaults.PagesPerContext),
            HoldSeconds = Int("--hold", defaults.HoldSeconds),
            Parts = only is null ? defaults.Parts : new HashSet<string>(only.Split(','), StringComparer.OrdinalIgnoreCase),
        };
    }
}

/// <summary>
/// <c>--fanout</c>: the live tick to 1,000 hub clients (latency from a batch's acknowledgement to each client's tick that
/// carries it), and the server's memory per open overview circuit; then a summary against the goals. Each part runs
/// against a console of its own on a loopback port in this process; the clients run in a second process (this
/// benchmark started again), so that the server's heap, thread pool and garbage collections are the server's alone.
/// </summary>
internal static class FanoutRun
{
    public static async Task<int> RunAsync(FanoutRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"{Environment.ProcessorCount} cores; load average at start: {UsageRun.LoadAverage()}");
        var summary = new List<(string Goal, string Measured, bool Met)>();
        if (options.Parts.Contains("hub"))
        {
            output.WriteLine();
            var hub = await RunHubAsync(options, output, cancellationToken).ConfigureAwait(false);
            summary.Add(("tick p99 < 250 ms (ack -> tick at client)", $"{hub.FromAck.P99:F1} ms (p50 {hub.FromAck.P50:F1}, p95 {hub.FromAck.P95:F1}, max {hub.FromAck.Max:F0})", hub.FromAck.P99 < 250));
            summary.Add(("no tick lost", $"{hub.Lost:N0} of {hub.Expected:N0} lost", hub.Lost == 0));
        }

        if (options.Parts.Contains("circuits"))
        {
            output.WriteLine();
            var perCircuit = await RunCircuitsAsync(options, output, cancellationToken).ConfigureAwait(false);
            summary.Add(("memory per overview circuit < 500 KB", $"{perCircuit:N0} KB (managed heap after full GC)", perCircuit < 500));
        }

        output.WriteLine();
        output.WriteLine($"load average at end: {UsageRun.LoadAverage()}");
        output.WriteLine($"{"goal",-46} {"measured",-52} met");
        foreach (var (goal, measured, met) in summary)
        {
            output.WriteLine($"{goal,-46} {measured,-52} {(met ? "yes" : "NO")}");
        }

        return summary.All(s => s.Met) ? 0 : 1;
    }

    private sealed record HubOutcome(LatencySummary FromAck, LatencySummary FromSecondEnd, int Lost, int Expected);

    private static async Task<HubOutcome> RunHubAsync(FanoutRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var console = new ConsoleUnderTest();
        console.Start();
        var readKey = await console.CreateKeyAsync("fanout-clients", ["usage:read"], cancellationToken).ConfigureAwait(false);
        var writeKey = await console.CreateKeyAsync("fanout-sender", ["usage:write"], cancellationToken).ConfigureAwait(false);
        var file = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", $"fanout-{Guid.NewGuid():N}.txt");
        output.WriteLine($"Tick fan-out: {options.Clients:N0} hub clients (WebSockets, JSON, API key with usage:read) in a client process; console {console.Address}; " +
            $"a batch of one sample every second, posted {options.LeadMilliseconds} ms before its second ends; {options.Seconds} s measured after {options.WarmupSeconds} s of warm-up");

        await using var clients = ClientProcess.Start(
            ["--fanout-hub-clients", "--url", console.Address.ToString(), "--key", readKey, "--clients", options.Clients.ToString(CultureInfo.InvariantCulture), "--out", file],
            output);
        var ready = await clients.ExpectAsync("ready", TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"{ready[0]} clients connected in {ready[1]} ms");

        using var sender = new MarkerSender(console.Address, writeKey, TimeSpan.FromMilliseconds(options.LeadMilliseconds));
        await sender.RunAsync(options.WarmupSeconds, 1, cancellationToken).ConfigureAwait(false);
        var lateInWarmup = sender.LateAcks;

        var server = Process.GetCurrentProcess();
        var serverCpu = server.TotalProcessorTime;
        var clientCpu = clients.ProcessorTime;
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var stopwatch = Stopwatch.StartNew();
        var markers = await sender.RunAsync(options.Seconds, 1_000_000, cancellationToken).ConfigureAwait(false);

        // The last marker's tick leaves at the end of its second; give the clients time to receive it.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        server.Refresh();
        serverCpu = server.TotalProcessorTime - serverCpu;
        clientCpu = clients.ProcessorTime - clientCpu;
        var gcs = $"{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}";
        await clients.SendAsync("stop").ConfigureAwait(false);
        var done = await clients.ExpectAsync("done", TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);

        var (delivered, lost) = FanoutLatency.Match(markers, options.Clients, HubClients.Read(file));
        File.Delete(file);
        var fromAck = LatencySummary.Of(delivered.Select(d => TimeSpan.FromTicks(d.ReceivedTicks - d.Marker.AckedTicks).TotalMilliseconds));
        var fromEnd = LatencySummary.Of(delivered.Select(d => TimeSpan.FromTicks(d.ReceivedTicks - d.Marker.SecondEndTicks).TotalMilliseconds));
        var ackLead = LatencySummary.Of(markers.Select(m => TimeSpan.FromTicks(m.SecondEndTicks - m.AckedTicks).TotalMilliseconds));
        output.WriteLine($"batches acknowledged before their second ended: {markers.Count - sender.LateAcks} of {markers.Count} (warm-up: {lateInWarmup} late); " +
            $"ack ahead of the second's end: {ackLead}");
        output.WriteLine($"ack -> tick at client:          {fromAck}");
        output.WriteLine($"second's end -> tick at client: {fromEnd}");
        output.WriteLine($"lost: {lost:N0} of {markers.Count * options.Clients:N0} client x tick; connections closed during the run: {done[0]}");
        output.WriteLine($"processor over {elapsed.TotalSeconds:F0} s: server process {serverCpu / elapsed / Environment.ProcessorCount:P0} of the machine, " +
            $"client process {clientCpu / elapsed / Environment.ProcessorCount:P0}; server GCs 0/1/2 {gcs}");
        return new HubOutcome(fromAck, fromEnd, lost, markers.Count * options.Clients);
    }

    /// <summary>Answers the managed heap per circuit in KB.</summary>
    private static async Task<double> RunCircuitsAsync(FanoutRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var circuits = new OpenCircuits();
        await using var console = new ConsoleUnderTest(services => OpenCircuits.AddTo(services, circuits));
        console.Start();
        const string email = "exec@fanout.local";
        var password = await console.CreateUserAsync(email, [Roles.Executive], cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Overview circuits: {options.Circuits} pages of /usage in headless Chromium ({options.PagesPerContext} pages per browser context) " +
            $"in a client process, signed in as an executive; console {console.Address}");

        await using var browser = ClientProcess.Start(
            ["--fanout-circuits", "--url", console.Address.ToString(), "--email", email, "--password", password,
             "--pages", options.Circuits.ToString(CultureInfo.InvariantCulture), "--per-context", options.PagesPerContext.ToString(CultureInfo.InvariantCulture)],
            output);
        await browser.ExpectAsync("warm", TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        var before = await MeasureAsync(cancellationToken).ConfigureAwait(false);
        var circuitsBefore = circuits.Count;
        await HoldAsync(options, "before", output, cancellationToken).ConfigureAwait(false);

        await browser.SendAsync("go").ConfigureAwait(false);
        var ready = await browser.ExpectAsync("ready", TimeSpan.FromMinutes(20), cancellationToken).ConfigureAwait(false);
        var after = await MeasureAsync(cancellationToken).ConfigureAwait(false);
        var circuitsAfter = circuits.Count;
        var census = circuits.Census();
        await HoldAsync(options, "with the circuits", output, cancellationToken).ConfigureAwait(false);
        await browser.SendAsync("stop").ConfigureAwait(false);

        var opened = circuitsAfter - circuitsBefore;
        var perCircuit = (after.Heap - before.Heap) / 1024.0 / opened;
        output.WriteLine($"{ready[0]} pages live in {ready[1]} ms; open circuits on the server {circuitsBefore} before, {circuitsAfter} after");
        output.WriteLine($"{"after a full GC",-22} {"managed heap",14} {"GC heap size",14} {"working set",14}");
        output.WriteLine($"{"before",-22} {before.Heap / 1048576.0,11:F1} MB {before.GcHeap / 1048576.0,11:F1} MB {before.WorkingSet / 1048576.0,11:F1} MB");
        output.WriteLine($"{$"with {opened} more circuits",-22} {after.Heap / 1048576.0,11:F1} MB {after.GcHeap / 1048576.0,11:F1} MB {after.WorkingSet / 1048576.0,11:F1} MB");
        output.WriteLine($"{"per circuit",-22} {perCircuit,11:N0} KB {(after.GcHeap - before.GcHeap) / 1024.0 / opened,11:N0} KB " +
            $"{(after.WorkingSet - before.WorkingSet) / 1024.0 / opened,11:N0} KB");
        if (census is not null)
        {
            output.WriteLine($"components in one overview circuit: {census.Sum(c => c.Count)}: " +
                string.Join(", ", census.Select(c => $"{c.Type} {c.Count}")));
        }

        return perCircuit;
    }

    private static async Task HoldAsync(FanoutRunOptions options, string moment, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.HoldSeconds > 0)
        {
            output.WriteLine($"holding {options.HoldSeconds} s {moment} (server process {Environment.ProcessId}) for a heap dump");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Memory(long Heap, long GcHeap, long WorkingSet);

    /// <summary>The server's memory once the circuits have settled: managed heap after full, compacting collections, GC heap size, working set.</summary>
    private static async Task<Memory> MeasureAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return new Memory(heap, info.HeapSizeBytes, process.WorkingSet64);
    }
}
