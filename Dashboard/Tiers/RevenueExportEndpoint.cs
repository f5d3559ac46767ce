using System.Globalization;
using System.Text;
using Dashboard.Identity;

namespace Dashboard.Tiers;

/// <summary><c>GET /revenue/export.csv?months=12</c>: the revenue page's figures as a CSV download, for a signed-in revenue viewer.</summary>
public static class RevenueExportEndpoint
{
    public const string Path = "/revenue/export.csv";

    /// <summary>The export of the range the page shows.</summary>
    public static string UrlFor(int months) => string.Create(CultureInfo.InvariantCulture, $"{Path}?months={months}");

    public static IEndpointRouteBuilder MapRevenueExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.RevenueViewer)
            .WithName("ExportRevenue");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(int? months, HttpContext context, RevenueService revenue, CancellationToken cancellationToken)
    {
        if (months is { } asked && !RevenueService.MonthChoices.Contains(asked))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["months"] = [$"The range must be one of {string.Join(", ", RevenueService.MonthChoices)} months."] },
                title: "Unknown range");
        }

        var report = await revenue.LoadAsync(context.User, months ?? RevenueService.DefaultMonths, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetBytes(RevenueCsv.Write(report)), "text/csv; charset=utf-8", RevenueCsv.FileName(report));
    }
}
