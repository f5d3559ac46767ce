using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dashboard.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Platform;

/// <summary>
/// Rate limits of the HTTP API: a token bucket per API key (per remote address for a request without one), one policy
/// for usage ingest and one for every other <c>/api/v1</c> call. A request over the limit gets <c>429</c> problem details
/// with <c>Retry-After</c>. The limits are per node: with several nodes behind a balancer a key may send that much to each.
/// </summary>
public static class ApiRateLimits
{
    public const string IngestPolicy = "api-ingest";
    public const string RequestsPolicy = "api-requests";

    private const string Key = RateLimitOptions.SectionName;

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(Key))
            .Validate(o => Valid(o.Ingest), $"{Key}:Ingest needs PermitsPerSecond and Burst of at least 1 and a ReplenishmentPeriod between 00:00:00.1 and 1.00:00:00.")
            .Validate(o => Valid(o.Requests), $"{Key}:Requests needs PermitsPerSecond and Burst of at least 1 and a ReplenishmentPeriod between 00:00:00.1 and 1.00:00:00.")
            .ValidateOnStart();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(IngestPolicy, context => Partition(context, o => o.Ingest));
            limiter.AddPolicy(RequestsPolicy, context => Partition(context, o => o.Requests));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static bool Valid(RateLimitOptions.BucketSettings bucket) =>
        bucket.PermitsPerSecond >= 1 && bucket.Burst >= 1
        && bucket.ReplenishmentPeriod >= TimeSpan.FromMilliseconds(100) && bucket.ReplenishmentPeriod <= TimeSpan.FromDays(1);

    /// <summary>The caller's bucket: by API key name once the key is authenticated, else by remote address.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, Func<RateLimitOptions, RateLimitOptions.BucketSettings> bucketOf)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var key = context.User.FindFirstValue(ConsoleClaims.ApiKeyName);
        var partition = key is not null ? "key:" + key : "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
        var bucket = bucketOf(options);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.Burst,
            TokensPerPeriod = (int)Math.Clamp(Math.Round(bucket.PermitsPerSecond * bucket.ReplenishmentPeriod.TotalSeconds), 1, int.MaxValue),
            ReplenishmentPeriod = bucket.ReplenishmentPeriod,
            AutoReplenishment = true,
            QueueLimit = 0,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key has used up its requests for now. Nothing was done; send the request again in {seconds} s.",
            },
        });
    }
}
