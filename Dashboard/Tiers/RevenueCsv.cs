using System.Globalization;
using System.Text;
using Dashboard.Data.Tiers;

namespace Dashboard.Tiers;

/// <summary>
/// The revenue report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break): per month, one row per tier of the report and one for all tiers. Amounts are euros with a decimal
/// point; deltas of downgrades and churn are negative.
/// </summary>
public static class RevenueCsv
{
    /// <summary>The tier column of the rows that add up all tiers.</summary>
    public const string AllTiers = "All tiers";

    public static IReadOnlyList<string> Header { get; } =
    [
        "Month", "As of (UTC)", "Tier", "MRR EUR", "Paying businesses",
        "New", "New EUR", "Upgrades", "Upgrades EUR", "Downgrades", "Downgrades EUR", "Churned", "Churned EUR",
    ];

    public static string Write(RevenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        AppendRow(csv, Header.Select(h => Field(h)));
        foreach (var month in report.Months)
        {
            foreach (var (tier, figures) in report.Tiers.Zip(month.Tiers))
            {
                AppendRow(csv, Row(month, tier.Name, figures.MrrCents, figures.PayingBusinesses, figures.Movements));
            }

            AppendRow(csv, Row(month, AllTiers, month.MrrCents, month.PayingBusinesses, month.Movements));
        }

        return csv.ToString();
    }

    /// <summary>"revenue-12-months-2026-11-27.csv": the range and the day it was taken.</summary>
    public static string FileName(RevenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture, $"revenue-{report.Range.FullMonths}-months-{report.Range.Now.UtcDateTime:yyyy-MM-dd}.csv");
    }

    /// <summary>
    /// One field as RFC 4180 wants it. Text that a spreadsheet would run as a formula (a leading =, +, - or @) is
    /// prefixed with an apostrophe; amounts are written by this class and never pass through here as text.
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

    private static string[] Row(RevenueMonth month, string tier, long mrrCents, int paying, MovementSummary movements) =>
    [
        Field(RevenueFormat.IsoMonth(month.Month), isText: false),
        Field(month.ClosedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), isText: false),
        Field(tier),
        RevenueFormat.Decimal(mrrCents),
        paying.ToString(CultureInfo.InvariantCulture),
        .. Tally(movements.New), .. Tally(movements.Upgrade), .. Tally(movements.Downgrade), .. Tally(movements.Churn),
    ];

    private static string[] Tally(MovementTally tally) =>
        [tally.Count.ToString(CultureInfo.InvariantCulture), RevenueFormat.Decimal(tally.DeltaCents)];

    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields).Append("\r\n");
}
