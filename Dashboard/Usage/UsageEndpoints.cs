using System.Globalization;
using System.Text.Json.Serialization;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Platform;

namespace Dashboard.Usage;

/// <summary><c>POST</c> and <c>GET /api/v1/usage/volume</c>, and the <c>/hubs/usage</c> hub.</summary>
public static class UsageEndpoints
{
    /// <summary>The answer to a batch.</summary>
    public sealed record IngestResponse(int Accepted, bool Duplicate);

    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/usage/volume", PostAsync)
            .RequireAuthorization(Policies.Scope(ApiScopes.UsageWrite))
            .RequireRateLimiting(ApiRateLimits.IngestPolicy)
            .WithName("PostUsageVolume");
        api.MapGet("/usage/volume", GetAsync)
            .RequireAuthorization(Policies.Scope(ApiScopes.UsageRead))
            .WithName("GetUsageVolume");
        return api;
    }

    public static IEndpointRouteBuilder MapUsageHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<UsageHub>(UsageHub.Path);
        return endpoints;
    }

    private static async Task<IResult> PostAsync(HttpContext context, UsageIngest ingest, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ingest.IngestJsonAsync(context.Request.BodyReader, context.Request.ContentLength, context.User.Identity?.Name, cancellationToken);
            return result.Errors is { } errors
                ? Results.ValidationProblem(errors, title: "The batch has invalid samples", detail: "Nothing was counted. Correct the named fields and send the batch again.")
                : Results.Json(new IngestResponse(result.Accepted, result.Duplicate), UsageJsonContext.Default.IngestResponse);
        }
        catch (UsageIngestException refused)
        {
            if (refused.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return Results.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Message);
        }
    }

    private static async Task<IResult> GetAsync(string? from, string? to, string? groupBy, UsageQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var start = ParseTime(from, "from", required: true, errors);
        var end = ParseTime(to, "to", required: false, errors) ?? time.GetUtcNow();
        var grouping = UsageGroupBy.None;
        if (!string.IsNullOrEmpty(groupBy) && (!Enum.TryParse(groupBy, ignoreCase: true, out grouping) || grouping == UsageGroupBy.None || int.TryParse(groupBy, out _)))
        {
            errors["groupBy"] = [$"Unknown grouping '{groupBy}'. Group by kind, country, region or tier, or leave it out for the total only."];
        }

        if (start is { } s && s >= end && !errors.ContainsKey("to"))
        {
            errors["to"] = ["The end of the range must be after its start."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The range or grouping is invalid", detail: "Give from (and optionally to) as UTC ISO-8601 times, e.g. from=2025-06-01T00:00:00Z.");
        }

        var volume = await queries.VolumeAsync(start!.Value, end, grouping, cancellationToken);
        return Results.Json(volume, UsageJsonContext.Default.UsageVolume);
    }

    private static DateTimeOffset? ParseTime(string? value, string name, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[name] = [$"Give {name} as a UTC ISO-8601 time, e.g. 2025-06-01T00:00:00Z."];
            }

            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && parsed.Year is >= 2000 and <= 9000)
        {
            return parsed;
        }

        errors[name] = [$"'{value}' is not a time. Give {name} as a UTC ISO-8601 time, e.g. 2025-06-01T00:00:00Z."];
        return null;
    }
}

/// <summary>Source-generated JSON for the usage API's answers.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UsageEndpoints.IngestResponse))]
[JsonSerializable(typeof(UsageVolume))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
