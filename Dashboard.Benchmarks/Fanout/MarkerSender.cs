using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>
/// The platform's side of the fan-out run: once a second, a batch of one sample whose count is unique in the run, for
/// the second under way, posted <see cref="Lead"/> before that second ends so that it is acknowledged before the ticker
/// sends the second's tick. Notes when each batch was acknowledged (the answer read in full).
/// </summary>
internal sealed class MarkerSender(Uri console, string writeKey, TimeSpan lead) : IDisposable
{
    private static readonly string[] s_countries = ["DE", "FR", "JP", "BR", "US", "NG", "IN", "AU"];

    private readonly HttpClient _client = CreateClient(console, writeKey);

    /// <summary>How long before the end of its second a batch is posted.</summary>
    public TimeSpan Lead { get; } = lead;

    /// <summary>Batches acknowledged only after their second had ended (their second's tick had already been cut).</summary>
    public int LateAcks { get; private set; }

    /// <summary>Sends <paramref name="seconds"/> batches, one a second, with counts <paramref name="firstCount"/>, +1, +2, …</summary>
    public async Task<List<Marker>> RunAsync(int seconds, long firstCount, CancellationToken cancellationToken)
    {
        var markers = new List<Marker>(seconds);
        for (var i = 0; i < seconds; i++)
        {
            // The next second whose end is far enough away to post Lead before it.
            var now = DateTimeOffset.UtcNow;
            var end = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
            if (end - Lead - now < TimeSpan.FromMilliseconds(20))
            {
                end = end.AddSeconds(1);
            }

            var wait = end - Lead - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var second = end.ToUnixTimeSeconds() - 1;
            var count = firstCount + i;
            var acked = await PostAsync(second, s_countries[i % s_countries.Length], count, cancellationToken).ConfigureAwait(false);
            if (acked >= end.UtcTicks)
            {
                LateAcks++;
            }

            markers.Add(new Marker(second, count, acked));
        }

        return markers;
    }

    private async Task<long> PostAsync(long second, string country, long count, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(second).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = FormattableString.Invariant(
            $$"""{"batchId":"{{Guid.NewGuid()}}","samples":[{"at":"{{at}}","country":"{{country}}","kind":"text","tier":"free","count":{{count}}}]}""");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/usage/volume", content, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        var acked = DateTime.UtcNow.Ticks;
        if (response.StatusCode != HttpStatusCode.OK || answer.GetProperty("accepted").GetInt32() != 1)
        {
            throw new InvalidOperationException($"The marker batch was not accepted: {(int)response.StatusCode} {answer}");
        }

        return acked;
    }

    private static HttpClient CreateClient(Uri console, string writeKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan, UseCookies = false })
        {
            BaseAddress = console,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", writeKey);
        return client;
    }

    public void Dispose() => _client.Dispose();
}
