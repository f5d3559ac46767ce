using System.Text;
using Dashboard.Identity;

namespace Dashboard.Usage;

/// <summary>
/// <c>GET /usage/history/export.csv?range=7d&amp;split=kind&amp;compare=both</c> (and <c>from</c>, <c>to</c> for a custom
/// range): what the usage history page shows, as a CSV download for a signed-in usage viewer.
/// </summary>
public static class HistoryExportEndpoint
{
    public const string Path = "/usage/history/export.csv";

    /// <summary>The export of the view the page shows.</summary>
    public static string UrlFor(HistoryView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Path + "?" + view.ToQueryString();
    }

    public static IEndpointRouteBuilder MapUsageHistoryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.UsageViewer)
            .WithName("ExportUsageHistory");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string? range, string? from, string? to, string? split, string? compare, HttpContext context,
        UsageHistoryService history, CancellationToken cancellationToken)
    {
        if (HistoryView.TryParse(range, from, to, split, compare, out var errors) is not { } view)
        {
            return Results.ValidationProblem(errors, title: "Unknown view");
        }

        if (history.Problems(view) is { Count: > 0 } problems)
        {
            return Results.ValidationProblem(problems, title: "The range cannot be shown");
        }

        var report = await history.LoadAsync(context.User, view, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetBytes(HistoryCsv.Write(report)), "text/csv; charset=utf-8", HistoryCsv.FileName(report));
    }
}
