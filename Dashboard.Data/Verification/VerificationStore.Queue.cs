using System.Globalization;
using System.Text;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>The verification queue: one page and the number of requests that match.</summary>
public sealed partial class VerificationStore
{
    private readonly IReadOnlyDictionary<string, string> _queueSql = QueueSql.Texts(database).ToDictionary(t => t.Key, t => t.Value);

    public async Task<Page<QueueItem>> QueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        var (filters, parameters) = QueueSql.Bind(query, time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(Command(_queueSql[QueueSql.CountKey(filters)], parameters, cancellationToken)).ConfigureAwait(false);
        if (parameters.Skip >= total)
        {
            return new Page<QueueItem>([], total);
        }

        var items = await connection.QueryAsync<QueueItem>(Command(_queueSql[QueueSql.PageKey(filters, query.Sort, query.Descending)], parameters, cancellationToken)).ConfigureAwait(false);
        return new Page<QueueItem>(items.AsList(), total);
    }
}

/// <summary>The parameters of the queue's SQL; null leaves a filter out of the composed text.</summary>
internal sealed record QueueParameters
{
    public DateTimeOffset Now { get; init; }

    public string? Status { get; init; }

    public string? Category { get; init; }

    public string? Country { get; init; }

    public string? RiskBand { get; init; }

    public DateTimeOffset? SubmittedBefore { get; init; }

    public long? AssignedTo { get; init; }

    public string? Prefix { get; init; }

    public string? PhonePrefix { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; }
}

/// <summary>Which of the queue's filters a query sets; the queue's SQL is composed from the set, never from values.</summary>
[Flags]
internal enum QueueFilters
{
    None = 0,

    /// <summary>One state; without it the queue shows the open states.</summary>
    Status = 1,
    Category = 2,
    Country = 4,
    RiskBand = 8,
    SubmittedBefore = 16,
    AssignedTo = 32,
    Unassigned = 64,
    Text = 128,
    All = 255,
}

/// <summary>
/// The queue's SQL texts. A catch-all predicate such as <c>(@Country IS NULL OR r.Country = @Country)</c> keeps the
/// planner from using an index for the column, so each combination of filters gets its own WHERE clause, composed
/// from fixed fragments; every value stays a parameter. A page first finds its 25 ids by walking one index in the
/// page's order over index entries only (skipping earlier pages there), then reads those 25 rows and their business.
/// </summary>
internal static class QueueSql
{
    private const string Columns = """
        SELECT r.Id, r.BusinessId, b.DisplayName, b.LegalName, b.Category, b.Country, r.Status, r.RiskBand, r.RiskScore,
               r.SubmittedAt, r.DueAt, u.Id AS AssignedToUserId, u.DisplayName AS AssignedTo, r.ClaimExpiresAt, r.Version
        """;

    // A prefix on indexed columns (the NOCASE indexes on SQLite), so that a search seeks instead of reading every business.
    private const string TextCondition = """
        q.BusinessId IN (SELECT s.Id FROM Businesses s
                WHERE s.DisplayName LIKE @Prefix ESCAPE '\' OR s.LegalName LIKE @Prefix ESCAPE '\'
                   OR s.PhoneE164 LIKE @PhonePrefix ESCAPE '\' OR s.RegistrationNumber LIKE @Prefix ESCAPE '\')
        """;

    /// <summary>
    /// The open states written out, not bound: the partial (SQLite) and filtered (SQL Server) open-queue indexes are
    /// only used for a query that names their condition exactly as their definition in 0003_queue_indexes.sql does.
    /// </summary>
    internal static string OpenStatesCondition { get; } =
        "q.Status IN (" + string.Join(", ", VerificationStatus.Open.Select(s => "'" + s + "'")) + ")";

    /// <summary>Every count and page text for the provider, by key: what the store runs and what the tests parse.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Texts(Database database)
    {
        for (var filters = QueueFilters.None; filters <= QueueFilters.All; filters++)
        {
            yield return new(CountKey(filters), Count(database, filters));
            foreach (var sort in Enum.GetValues<QueueSort>())
            {
                yield return new(PageKey(filters, sort, descending: false), Page(database, filters, sort, descending: false));
                yield return new(PageKey(filters, sort, descending: true), Page(database, filters, sort, descending: true));
            }
        }
    }

    /// <summary>The query's filters and the parameter values of its SQL.</summary>
    public static (QueueFilters Filters, QueueParameters Parameters) Bind(QueueQuery query, DateTimeOffset now)
    {
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var parameters = new QueueParameters
        {
            Now = now,
            Status = string.IsNullOrWhiteSpace(query.Status) ? null : query.Status,
            Category = string.IsNullOrWhiteSpace(query.Category) ? null : query.Category,
            Country = string.IsNullOrWhiteSpace(query.Country) ? null : query.Country.ToUpperInvariant(),
            RiskBand = string.IsNullOrWhiteSpace(query.RiskBand) ? null : query.RiskBand,
            SubmittedBefore = query.MinAgeHours is > 0 ? now.AddHours(-query.MinAgeHours.Value) : null,
            AssignedTo = query.AssignedToUserId,
            Prefix = text is null ? null : AuditLog.EscapeLike(text) + "%",
            PhonePrefix = text is null ? null : AuditLog.EscapeLike(PhonePrefix(text)) + "%",
            Skip = Math.Max(0, query.Skip),
            Take = Math.Clamp(query.Take, 1, 200),
        };
        var filters =
            (parameters.Status is null ? QueueFilters.None : QueueFilters.Status)
            | (parameters.Category is null ? QueueFilters.None : QueueFilters.Category)
            | (parameters.Country is null ? QueueFilters.None : QueueFilters.Country)
            | (parameters.RiskBand is null ? QueueFilters.None : QueueFilters.RiskBand)
            | (parameters.SubmittedBefore is null ? QueueFilters.None : QueueFilters.SubmittedBefore)
            | (parameters.AssignedTo is null ? QueueFilters.None : QueueFilters.AssignedTo)
            | (query.Unassigned ? QueueFilters.Unassigned : QueueFilters.None)
            | (text is null ? QueueFilters.None : QueueFilters.Text);
        return (filters, parameters);
    }

    public static string CountKey(QueueFilters filters) => "count:" + ((int)filters).ToString(CultureInfo.InvariantCulture);

    public static string PageKey(QueueFilters filters, QueueSort sort, bool descending) =>
        $"page:{(int)filters}:{sort}:{(descending ? "desc" : "asc")}";

    /// <summary>A search for a phone number may leave out the plus of the international form.</summary>
    public static string PhonePrefix(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        return compact.Length > 0 && char.IsAsciiDigit(compact[0]) ? "+" + compact : compact;
    }

    private static string Count(Database database, QueueFilters filters) =>
        $"SELECT COUNT(*)\nFROM VerificationRequests q{database.UseIndex(CountIndex(filters))}\nWHERE {Where(filters)};";

    private static string Page(Database database, QueueFilters filters, QueueSort sort, bool descending)
    {
        var join = sort == QueueSort.Business ? "\n        JOIN Businesses qb ON qb.Id = q.BusinessId" : "";
        return $"""
            {Columns}
            FROM (
                SELECT q.Id
                FROM VerificationRequests q{database.UseIndex(PageIndex(filters, sort))}{join}
                WHERE {Where(filters)}
                ORDER BY {Order(sort, descending, "q", "qb")}{database.Paging}
            ) p
            JOIN VerificationRequests r ON r.Id = p.Id
            JOIN Businesses b ON b.Id = r.BusinessId
            LEFT JOIN Users u ON u.Id = r.AssignedToUserId AND r.ClaimExpiresAt >= @Now
            ORDER BY {Order(sort, descending, "r", "b")};
            """;
    }

    private static string Where(QueueFilters filters)
    {
        var where = new StringBuilder(filters.HasFlag(QueueFilters.Status) ? "q.Status = @Status" : OpenStatesCondition);
        void And(QueueFilters filter, string condition)
        {
            if (filters.HasFlag(filter))
            {
                where.Append("\n          AND ").Append(condition);
            }
        }

        And(QueueFilters.Category, "q.BusinessCategory = @Category");
        And(QueueFilters.Country, "q.BusinessCountry = @Country");
        And(QueueFilters.RiskBand, "q.RiskBand = @RiskBand");
        And(QueueFilters.SubmittedBefore, "q.SubmittedAt <= @SubmittedBefore");
        And(QueueFilters.AssignedTo, "q.AssignedToUserId = @AssignedTo AND q.ClaimExpiresAt >= @Now");
        And(QueueFilters.Unassigned, "(q.AssignedToUserId IS NULL OR q.ClaimExpiresAt < @Now)");
        And(QueueFilters.Text, TextCondition);
        return where.ToString();
    }

    /// <summary>The fixed ORDER BY of each sort; the request's id breaks ties so that pages never overlap.</summary>
    private static string Order(QueueSort sort, bool descending, string request, string business)
    {
        var direction = descending ? "DESC" : "ASC";
        return sort switch
        {
            QueueSort.Submitted => $"{request}.SubmittedAt {direction}, {request}.Id {direction}",
            QueueSort.Risk => $"{request}.RiskScore {direction}, {request}.DueAt, {request}.Id",
            QueueSort.Business => $"{business}.DisplayName {direction}, {request}.Id {direction}",
            _ => $"{request}.DueAt {direction}, {request}.Id {direction}",
        };
    }

    /// <summary>
    /// The index whose order is the page's order, with the filters' columns in it, so that skipping to page 1,000
    /// walks index entries only. A search instead starts from the few businesses whose names match.
    /// </summary>
    private static string PageIndex(QueueFilters filters, QueueSort sort)
    {
        if (filters.HasFlag(QueueFilters.Text))
        {
            return "IX_VerificationRequests_ByBusiness";
        }

        if (!filters.HasFlag(QueueFilters.Status))
        {
            return sort switch
            {
                QueueSort.Submitted => "IX_VerificationRequests_OpenBySubmitted",
                QueueSort.Risk => "IX_VerificationRequests_OpenByRisk",
                _ => "IX_VerificationRequests_OpenByDue",
            };
        }

        return sort switch
        {
            QueueSort.Due => "IX_VerificationRequests_StatusByDue",
            QueueSort.Risk => "IX_VerificationRequests_StatusByRisk",
            _ => filters.HasFlag(QueueFilters.Country) ? "IX_VerificationRequests_StatusCountryBySubmitted"
                : filters.HasFlag(QueueFilters.Category) ? "IX_VerificationRequests_StatusCategoryBySubmitted"
                : "IX_VerificationRequests_StatusBySubmitted",
        };
    }

    /// <summary>The index that narrows the count most: the open queue's, or the state with its country or category.</summary>
    private static string CountIndex(QueueFilters filters) =>
        filters.HasFlag(QueueFilters.Text) ? "IX_VerificationRequests_ByBusiness"
        : !filters.HasFlag(QueueFilters.Status) ? "IX_VerificationRequests_OpenByDue"
        : filters.HasFlag(QueueFilters.Country) ? "IX_VerificationRequests_StatusCountryBySubmitted"
        : filters.HasFlag(QueueFilters.Category) ? "IX_VerificationRequests_StatusCategoryBySubmitted"
        : "IX_VerificationRequests_StatusBySubmitted";
}
