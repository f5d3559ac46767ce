using System.Globalization;
using Dashboard.Data.Audit;

namespace Dashboard.Audit;

/// <summary>The audit page's filters as they stand in the URL, so that a filtered view can be shared as a link.</summary>
public sealed record AuditFilter(string? Actor, string? EntityType, string? Action, DateOnly? From, DateOnly? To)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static AuditFilter Empty { get; } = new(null, null, null, null, null);

    public bool IsEmpty => this == Empty;

    /// <summary>Reads the query values; blank or unreadable values mean "any".</summary>
    public static AuditFilter Parse(string? actor, string? entityType, string? action, string? from, string? to) =>
        new(Blank(actor), Blank(entityType), Blank(action), ParseDate(from), ParseDate(to));

    /// <summary>The query parameters of this filter; a null value removes the parameter from the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["actor"] = Actor,
        ["entity"] = EntityType,
        ["action"] = Action,
        ["from"] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>The store query for one page. Dates are whole UTC days; "to" includes its own day.</summary>
    public AuditQuery ToAuditQuery(IReadOnlyCollection<string>? visibleEntityTypes, int skip, int take) => new()
    {
        Actor = Actor,
        EntityType = EntityType,
        Action = Action,
        From = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        To = To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        VisibleEntityTypes = visibleEntityTypes,
        Skip = skip,
        Take = take,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
