using System.Diagnostics;
using System.Globalization;
using Dashboard.Usage;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>
/// The client side of the tick fan-out (<c>--fanout-hub-clients --url … --key … --clients 1000 --out file</c>): one
/// <see cref="HubConnection"/> per client over WebSockets with the API key in the header, each noting the second,
/// total and arrival time of every <c>VolumeTick</c>. Answers <c>ready</c> once all are connected, then writes what
/// they received to the file on <c>stop</c>.
/// </summary>
internal static class HubClients
{
    /// <summary>What a client reads of a tick (the counts by kind and region are skipped, as a wall display that shows the total would).</summary>
    private sealed record ClientTick(DateTimeOffset At, long Total);

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is missing.");
        var url = new Uri(new Uri(Arg("--url")), UsageHub.Path);
        var key = Arg("--key");
        var count = int.Parse(Arg("--clients"), CultureInfo.InvariantCulture);
        var file = Arg("--out");
        try
        {
            var received = Enumerable.Range(0, count).Select(_ => new List<Receipt>(128)).ToArray();
            var connections = new HubConnection[count];
            var closed = 0;
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (client, cancellationToken) =>
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(url, HttpTransportType.WebSockets, o =>
                    {
                        o.SkipNegotiation = true;
                        o.Headers["X-Api-Key"] = key;
                    })
                    .Build();
                var list = received[client];
                connection.On<ClientTick>(nameof(IUsageClient.VolumeTick), tick =>
                {
                    var now = DateTime.UtcNow.Ticks;
                    lock (list)
                    {
                        list.Add(new Receipt(client, tick.At.ToUnixTimeSeconds(), tick.Total, now));
                    }
                });
                connection.Closed += _ =>
                {
                    Interlocked.Increment(ref closed);
                    return Task.CompletedTask;
                };
                await connection.StartAsync(cancellationToken).ConfigureAwait(false);
                connections[client] = connection;
            }).ConfigureAwait(false);
            ClientProcess.Answer("ready", count, (long)stopwatch.Elapsed.TotalMilliseconds);

            while (await ClientProcess.CommandAsync().ConfigureAwait(false) is { } command && command != "stop")
            {
            }

            var dropped = Volatile.Read(ref closed);
            await using (var writer = new StreamWriter(file))
            {
                foreach (var list in received)
                {
                    lock (list)
                    {
                        foreach (var r in list)
                        {
                            writer.WriteLine(FormattableString.Invariant($"{r.Client} {r.Second} {r.Total} {r.ReceivedTicks}"));
                        }
                    }
                }
            }

            ClientProcess.Answer("done", dropped);
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e)
        {
            ClientProcess.Answer("error", e.GetType().Name, e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    /// <summary>On the parent's side: the receipts the client process wrote.</summary>
    public static IEnumerable<Receipt> Read(string file) =>
        File.ReadLines(file).Select(line => line.Split(' ')).Select(w => new Receipt(
            int.Parse(w[0], CultureInfo.InvariantCulture), long.Parse(w[1], CultureInfo.InvariantCulture),
            long.Parse(w[2], CultureInfo.InvariantCulture), long.Parse(w[3], CultureInfo.InvariantCulture)));
}
