using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Dashboard.Benchmarks.Usage;

/// <summary>What a timed run of the clients achieved.</summary>
internal sealed record LoadResult(int Batches, long Samples, long Counted, TimeSpan Elapsed, TimeSpan ProcessorTime, (int Gen0, int Gen1, int Gen2) Collections,
    int Failures, string? FirstFailure)
{
    public double SamplesPerSecond => Samples / Elapsed.TotalSeconds;

    /// <summary>The share of the machine's cores the process (servers and clients) used.</summary>
    public double ProcessorShare => ProcessorTime / Elapsed / Environment.ProcessorCount;

    /// <summary>Processor time of the whole process (servers and clients) per acknowledged batch.</summary>
    public double ProcessorMillisecondsPerBatch => ProcessorTime.TotalMilliseconds / Math.Max(1, Batches);
}

/// <summary>
/// Several senders over real HTTP on loopback, each with its own connection, posting batches back to back until the
/// time is up. The same clients and batches serve the console and the minimal endpoint.
/// </summary>
internal sealed class HttpLoad(UsageBatches batches, int clients)
{
    public const string Path = "/api/v1/usage/volume";

    /// <summary>Posts for <paramref name="duration"/> from every client at once; counts only answers of 200 that accepted the whole batch.</summary>
    public async Task<LoadResult> RunAsync(Uri server, string? apiKey, TimeSpan duration, CancellationToken cancellationToken)
    {
        var senders = Enumerable.Range(0, clients).Select(_ => CreateClient(server, apiKey)).ToList();
        try
        {
            var processor = Process.GetCurrentProcess().TotalProcessorTime;
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var stopwatch = Stopwatch.StartNew();
            var results = await Task.WhenAll(senders.Select((client, index) =>
                Task.Run(() => SendAsync(client, index, stopwatch, duration, cancellationToken), cancellationToken))).ConfigureAwait(false);
            var elapsed = stopwatch.Elapsed;
            processor = Process.GetCurrentProcess().TotalProcessorTime - processor;
            return new LoadResult(results.Sum(r => r.Batches), results.Sum(r => (long)r.Batches) * UsageBatches.SamplesPerBatch, results.Sum(r => r.Counted),
                elapsed, processor, (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3), results.Sum(r => r.Failures), results.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null));
        }
        finally
        {
            foreach (var client in senders)
            {
                client.Dispose();
            }
        }
    }

    private static HttpClient CreateClient(Uri server, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    private async Task<(int Batches, long Counted, int Failures, string? FirstFailure)> SendAsync(HttpClient client, int index, Stopwatch stopwatch, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[batches.MaxLength];
        var contentType = new MediaTypeHeaderValue("application/json");
        int sent = 0, failures = 0;
        long counted = 0;
        string? firstFailure = null;
        for (var n = index; stopwatch.Elapsed < duration; n += clients)
        {
            var batch = n % batches.Count;
            var length = batches.Write(batch, Guid.NewGuid(), buffer);
            using var content = new ByteArrayContent(buffer, 0, length);
            content.Headers.ContentType = contentType;
            using var response = await client.PostAsync(Path, content, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK && Accepted(answer) == UsageBatches.SamplesPerBatch)
            {
                sent++;
                counted += batches.Sums[batch];
            }
            else
            {
                failures++;
                firstFailure ??= $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer)}";
            }
        }

        return (sent, counted, failures, firstFailure);
    }

    private static int Accepted(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("accepted"u8) && reader.Read())
            {
                return reader.GetInt32();
            }
        }

        return -1;
    }
}
