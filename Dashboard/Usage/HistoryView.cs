using System.Globalization;

namespace Dashboard.Usage;

/// <summary>The ranges the usage history offers; <see cref="Custom"/> takes its dates from the URL.</summary>
public enum HistoryRange
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Custom,
}

/// <summary>What the usage history compares the range with.</summary>
public enum HistoryComparison
{
    Both,
    PreviousPeriod,
    PreviousYear,
    None,
}

/// <summary>
/// The usage history's view as it stands in the URL (<c>?range=7d&amp;split=kind&amp;compare=both</c>, plus
/// <c>from</c> and <c>to</c> for a custom range), so that a view can be shared and back and forward move between views.
/// </summary>
public sealed record HistoryView(HistoryRange Range, DateOnly? From, DateOnly? To, UsageGroupBy Split, HistoryComparison Compare)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static HistoryView Default { get; } = new(HistoryRange.Week, null, null, UsageGroupBy.None, HistoryComparison.Both);

    /// <summary>The ranges in the order the page offers them, with their URL token and label.</summary>
    public static IReadOnlyList<(HistoryRange Range, string Token, string Label)> Ranges { get; } =
    [
        (HistoryRange.Day, "24h", "24 h"),
        (HistoryRange.Week, "7d", "7 d"),
        (HistoryRange.Month, "30d", "30 d"),
        (HistoryRange.Quarter, "90d", "90 d"),
        (HistoryRange.Year, "365d", "365 d"),
        (HistoryRange.Custom, "custom", "Custom"),
    ];

    /// <summary>The splits the page offers (a country split would draw some 250 lines), with their URL token and label.</summary>
    public static IReadOnlyList<(UsageGroupBy Split, string Token, string Label)> Splits { get; } =
    [
        (UsageGroupBy.None, "none", "None"),
        (UsageGroupBy.Kind, "kind", "Kind"),
        (UsageGroupBy.Region, "region", "Region"),
        (UsageGroupBy.Tier, "tier", "Tier"),
    ];

    public static IReadOnlyList<(HistoryComparison Compare, string Token, string Label)> Comparisons { get; } =
    [
        (HistoryComparison.Both, "both", "Previous period and year"),
        (HistoryComparison.PreviousPeriod, "previous", "Previous period"),
        (HistoryComparison.PreviousYear, "year", "Previous year"),
        (HistoryComparison.None, "none", "No comparison"),
    ];

    public bool ComparesPreviousPeriod => Compare is HistoryComparison.Both or HistoryComparison.PreviousPeriod;

    public bool ComparesPreviousYear => Compare is HistoryComparison.Both or HistoryComparison.PreviousYear;

    public string RangeToken => Ranges.Single(r => r.Range == Range).Token;

    public string SplitToken => Splits.Single(s => s.Split == Split).Token;

    public string CompareToken => Comparisons.Single(c => c.Compare == Compare).Token;

    /// <summary>Reads the query as the page does: a missing or unknown value means the default; dates are kept only for a custom range.</summary>
    public static HistoryView Parse(string? range, string? from, string? to, string? split, string? compare)
    {
        var chosen = Find(Ranges, range) ?? Default.Range;
        return new HistoryView(
            chosen,
            chosen == HistoryRange.Custom ? ParseDate(from) : null,
            chosen == HistoryRange.Custom ? ParseDate(to) : null,
            Find(Splits, split) ?? Default.Split,
            Find(Comparisons, compare) ?? Default.Compare);
    }

    /// <summary>Reads the query as the export does: a value that is given must be known; the errors name each bad parameter.</summary>
    public static HistoryView? TryParse(string? range, string? from, string? to, string? split, string? compare, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var view = Parse(range, from, to, split, compare);
        Check(errors, "range", range, Find(Ranges, range) is not null, $"The range must be one of {string.Join(", ", Ranges.Select(r => r.Token))}.");
        Check(errors, "split", split, Find(Splits, split) is not null, $"The split must be one of {string.Join(", ", Splits.Select(s => s.Token))}.");
        Check(errors, "compare", compare, Find(Comparisons, compare) is not null, $"The comparison must be one of {string.Join(", ", Comparisons.Select(c => c.Token))}.");
        if (view.Range == HistoryRange.Custom)
        {
            Check(errors, "from", from, ParseDate(from) is not null, $"The start must be a date written {DateFormat}.");
            Check(errors, "to", to, ParseDate(to) is not null, $"The end must be a date written {DateFormat}.");
        }

        return errors.Count == 0 ? view : null;
    }

    /// <summary>The query parameters of this view; a null value removes the parameter from the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["range"] = RangeToken,
        ["from"] = Range == HistoryRange.Custom ? From?.ToString(DateFormat, CultureInfo.InvariantCulture) : null,
        ["to"] = Range == HistoryRange.Custom ? To?.ToString(DateFormat, CultureInfo.InvariantCulture) : null,
        ["split"] = SplitToken,
        ["compare"] = CompareToken,
    };

    /// <summary>The view as a query string, "range=7d&amp;split=none&amp;compare=both", for links such as the export.</summary>
    public string ToQueryString() => string.Join('&', ToQueryParameters()
        .Where(p => p.Value is not null)
        .Select(p => p.Key + "=" + Uri.EscapeDataString((string)p.Value!)));

    private static T? Find<T>(IReadOnlyList<(T Value, string Token, string Label)> choices, string? token)
        where T : struct, Enum =>
        choices.Where(c => string.Equals(c.Token, token?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(c => (T?)c.Value).FirstOrDefault();

    private static void Check(Dictionary<string, string[]> errors, string name, string? value, bool known, string message)
    {
        if (value is not null && !known)
        {
            errors[name] = [message];
        }
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
