using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Benchmarks.Usage;

/// <summary>How the minimal endpoint reads a batch.</summary>
internal enum MinimalMode
{
    /// <summary>
    /// A minimal API that parses the batch into typed samples (source-generated System.Text.Json: the batch id, and each
    /// sample's time, country, kind, tier and count) and sums the counts: the baseline for HTTP ingest.
    /// </summary>
    Parse,

    /// <summary>
    /// A stricter ceiling: one pass of <see cref="Utf8JsonReader"/> over the whole body that reads only the counts
    /// (times and codes are skipped, not parsed).
    /// </summary>
    Scan,
}

/// <summary>
/// A bare ASP.NET Core app on its own loopback port that reads a batch, sums the counts and answers as the console would —
/// no key, no validation, no storage: what HTTP ingest is measured against.
/// </summary>
internal sealed class MinimalEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _samples;
    private long _total;

    private MinimalEndpoint(WebApplication app, MinimalMode mode)
    {
        _app = app;
        Mode = mode;
    }

    public MinimalMode Mode { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>Samples read since the start.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>The sum of every count read since the start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public static async Task<MinimalEndpoint> StartAsync(MinimalMode mode, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MinimalJsonContext.Default));
        var app = builder.Build();
        var endpoint = new MinimalEndpoint(app, mode);
        if (mode == MinimalMode.Parse)
        {
            app.MapPost(HttpLoad.Path, endpoint.Parse);
        }
        else
        {
            app.MapPost(HttpLoad.Path, endpoint.ScanAsync);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        endpoint.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return endpoint;
    }

    private IResult Parse(MinimalBatch batch)
    {
        long total = 0;
        foreach (var sample in batch.Samples)
        {
            total += sample.Count;
        }

        Interlocked.Add(ref _samples, batch.Samples.Count);
        Interlocked.Add(ref _total, total);
        return Results.Json(new MinimalAnswer(batch.Samples.Count, false), MinimalJsonContext.Default.MinimalAnswer);
    }

    private async Task<IResult> ScanAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.IsCompleted)
            {
                break;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var (samples, total) = Sum(read.Buffer);
        body.AdvanceTo(read.Buffer.End);
        Interlocked.Add(ref _samples, samples);
        Interlocked.Add(ref _total, total);
        return Results.Json(new MinimalAnswer(samples, false), MinimalJsonContext.Default.MinimalAnswer);
    }

    internal static (int Samples, long Total) Sum(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var samples = 0;
        long total = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("count"u8) && reader.Read())
            {
                total += reader.GetInt64();
                samples++;
            }
        }

        return (samples, total);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The minimal endpoint's answer, shaped like the console's.</summary>
internal sealed record MinimalAnswer(int Accepted, bool Duplicate);

/// <summary>A batch as the minimal endpoint parses it.</summary>
internal sealed record MinimalBatch(Guid BatchId, IReadOnlyList<MinimalSample> Samples);

/// <summary>One sample as the minimal endpoint parses it.</summary>
internal sealed record MinimalSample(DateTimeOffset At, string Country, string Kind, string Tier, long Count);

/// <summary>Source-generated JSON for the minimal endpoint, as the console uses for its answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MinimalAnswer))]
[JsonSerializable(typeof(MinimalBatch))]
internal sealed partial class MinimalJsonContext : JsonSerializerContext;
