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

/// <summary>
/// The ceiling for HTTP ingest: a bare ASP.NET Core app on its own loopback port that reads a batch the way the console
/// does (the whole body from the request's pipe, then <see cref="Utf8JsonReader"/>), sums the counts and answers as the
/// console would — no key, no validation, no storage.
/// </summary>
internal sealed class MinimalEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _samples;
    private long _total;

    private MinimalEndpoint(WebApplication app)
    {
        _app = app;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Samples read since the start.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>The sum of every count read since the start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public static async Task<MinimalEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new MinimalEndpoint(app);
        app.MapPost(HttpLoad.Path, endpoint.PostAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        endpoint.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return endpoint;
    }

    private async Task<IResult> PostAsync(HttpContext context, CancellationToken cancellationToken)
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

/// <summary>Source-generated JSON for the minimal endpoint, as the console uses for its answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MinimalAnswer))]
internal sealed partial class MinimalJsonContext : JsonSerializerContext;
