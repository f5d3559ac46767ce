using System.Globalization;
using System.Text;

namespace Dashboard.Usage;

/// <summary>
/// The usage history as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break; invariant culture, UTC). One table, its first column saying what a row is:
/// <list type="bullet">
/// <item><c>point</c>: a chart point after downsampling, per series, oldest first;</item>
/// <item><c>previous period point</c>: a point of the dashed previous-period line, at its own (earlier) time;</item>
/// <item><c>total</c>: each series over the range, then all messages;</item>
/// <item><c>compared</c>, <c>previous period</c>, <c>previous year</c>: the comparison totals over the compared span and
/// over each period, with the change in percent on the period rows (empty when the period had nothing).</item>
/// </list>
/// </summary>
public static class HistoryCsv
{
    public const string PointRow = "point";
    public const string PreviousPointRow = "previous period point";
    public const string TotalRow = "total";
    public const string ComparedRow = "compared";
    public const string PreviousPeriodRow = "previous period";
    public const string PreviousYearRow = "previous year";

    public static IReadOnlyList<string> Header { get; } = ["Row", "Series", "From (UTC)", "To (UTC)", "Messages", "Change %"];

    public static string Write(HistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plan = report.Plan;
        var csv = new StringBuilder();
        AppendRow(csv, Header.Select(h => Field(h)));
        var starts = plan.BucketStarts.ToList();
        foreach (var series in report.Series)
        {
            for (var i = 0; i < starts.Count; i++)
            {
                AppendRow(csv, Row(PointRow, series.Name, starts[i], plan.BucketEnd(starts[i]), series.Points[i], null));
            }
        }

        if (report.PreviousPeriodLine is { } line && plan.Period(HistoryPeriodKind.PreviousPeriod) is { } period)
        {
            for (var i = 0; i < starts.Count; i++)
            {
                AppendRow(csv, Row(PreviousPointRow, UsageHistoryService.AllName, starts[i] - period.Shift, plan.BucketEnd(starts[i]) - period.Shift, line.Points[i], null));
            }
        }

        foreach (var series in report.Series.Where(_ => report.Series.Count > 1))
        {
            AppendRow(csv, Row(TotalRow, series.Name, plan.From, plan.To, series.Total, null));
        }

        AppendRow(csv, Row(TotalRow, UsageHistoryService.AllName, plan.From, plan.To, report.Total, null));
        foreach (var row in report.Comparison)
        {
            AppendRow(csv, Row(ComparedRow, row.Name, plan.ComparedFrom, plan.ComparedTo, row.Current, null));
        }

        AppendPeriod(csv, report, plan.Period(HistoryPeriodKind.PreviousPeriod), PreviousPeriodRow, r => r.PreviousPeriod, r => r.PreviousPeriodChange);
        AppendPeriod(csv, report, plan.Period(HistoryPeriodKind.PreviousYear), PreviousYearRow, r => r.PreviousYear, r => r.PreviousYearChange);
        return csv.ToString();
    }

    /// <summary>"usage-history-7d-by-kind-2026-06-15.csv", or with a custom range "usage-history-2026-05-01-to-2026-05-31-by-region-2026-06-15.csv".</summary>
    public static string FileName(HistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var view = report.Plan.View;
        var range = view.Range == HistoryRange.Custom
            ? string.Create(CultureInfo.InvariantCulture, $"{report.Plan.FirstBusinessDay:yyyy-MM-dd}-to-{report.Plan.LastBusinessDay:yyyy-MM-dd}")
            : view.RangeToken;
        var split = view.Split == UsageGroupBy.None ? "" : "-by-" + view.SplitToken;
        return string.Create(CultureInfo.InvariantCulture, $"usage-history-{range}{split}-{report.Plan.Now.UtcDateTime:yyyy-MM-dd}.csv");
    }

    /// <summary>
    /// One field as RFC 4180 wants it. Text that a spreadsheet would run as a formula (a leading =, +, - or @) is
    /// prefixed with an apostrophe; numbers are written by this class and never pass through here as text.
    /// </summary>
    public static string Field(string value, bool isText = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (isText && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void AppendPeriod(StringBuilder csv, HistoryReport report, HistoryPeriod? period, string kind,
        Func<HistoryComparisonRow, long?> total, Func<HistoryComparisonRow, double?> change)
    {
        if (period is not { IsAvailable: true })
        {
            return;
        }

        foreach (var row in report.Comparison)
        {
            AppendRow(csv, Row(kind, row.Name, period.From, period.To, total(row) ?? 0, change(row)));
        }
    }

    private static string[] Row(string kind, string series, DateTimeOffset from, DateTimeOffset to, long messages, double? change) =>
    [
        Field(kind),
        Field(series),
        HistoryFormat.CsvInstant(from),
        HistoryFormat.CsvInstant(to),
        messages.ToString(CultureInfo.InvariantCulture),
        HistoryFormat.CsvChange(change),
    ];

    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields).Append("\r\n");
}
