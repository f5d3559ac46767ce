using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>Dapper implementation of <see cref="IVerificationStore"/> for both providers: the queue and a request's detail.</summary>
public sealed partial class VerificationStore(Database database, AuditLog audit, TimeProvider time) : IVerificationStore
{
    private const string QueueFilter = """
        FROM VerificationRequests r
        JOIN Businesses b ON b.Id = r.BusinessId
        LEFT JOIN Users u ON u.Id = r.AssignedToUserId AND r.ClaimExpiresAt >= @Now
        WHERE ((@Status IS NULL AND r.Status IN @OpenStates) OR r.Status = @Status)
          AND (@Category IS NULL OR b.Category = @Category)
          AND (@Country IS NULL OR b.Country = @Country)
          AND (@RiskBand IS NULL OR r.RiskBand = @RiskBand)
          AND (@SubmittedBefore IS NULL OR r.SubmittedAt <= @SubmittedBefore)
          AND (@AssignedTo IS NULL OR (r.AssignedToUserId = @AssignedTo AND r.ClaimExpiresAt >= @Now))
          AND (@Unassigned = 0 OR r.AssignedToUserId IS NULL OR r.ClaimExpiresAt < @Now)
          AND (@Text IS NULL OR b.DisplayName LIKE @Text ESCAPE '\' OR b.LegalName LIKE @Text ESCAPE '\'
               OR b.PhoneE164 LIKE @Text ESCAPE '\' OR b.RegistrationNumber LIKE @Text ESCAPE '\')
        """;

    private const string QueueColumns = """
        SELECT r.Id, r.BusinessId, b.DisplayName, b.LegalName, b.Category, b.Country, r.Status, r.RiskBand, r.RiskScore,
               r.SubmittedAt, r.DueAt, u.Id AS AssignedToUserId, u.DisplayName AS AssignedTo, r.ClaimExpiresAt, r.Version
        """;

    private const string QueueCountSql = "SELECT COUNT(*) " + QueueFilter + ";";

    private const string CountByStatusSql = "SELECT Status, COUNT(*) AS Requests FROM VerificationRequests GROUP BY Status;";

    private const string OverdueSql = "SELECT COUNT(*) FROM VerificationRequests WHERE Status IN @OpenStates AND DueAt < @Now;";

    private const string DetailSql = """
        SELECT r.Id, r.BusinessId, r.Status, r.Attempt, r.RiskScore, r.RiskBand, r.SubmittedAt, r.DueAt,
               r.AssignedToUserId, a.DisplayName AS AssignedTo, r.ClaimExpiresAt,
               r.FirstApproverUserId, f.DisplayName AS FirstApprover, r.DecidedByUserId, d.DisplayName AS DecidedBy, r.DecidedAt,
               r.ReasonCode, r.DecisionNote, r.UpdatedAt, r.Version,
               b.ExternalId, b.DisplayName, b.LegalName, b.Category, b.Country, b.PhoneE164, b.Website, b.EmailDomain,
               b.RegistrationNumber, b.Employees, b.AnnualTurnoverEur, b.IsVerified, b.VerifiedAt
        FROM VerificationRequests r
        JOIN Businesses b ON b.Id = r.BusinessId
        LEFT JOIN Users a ON a.Id = r.AssignedToUserId
        LEFT JOIN Users f ON f.Id = r.FirstApproverUserId
        LEFT JOIN Users d ON d.Id = r.DecidedByUserId
        WHERE r.Id = @Id;
        """;

    private const string EventsSql = """
        SELECT e.Id, e.RequestId, e.At, e.ActorUserId, u.DisplayName AS Actor, e.Kind, e.FromStatus, e.ToStatus, e.ReasonCode, e.Note
        FROM VerificationEvents e
        LEFT JOIN Users u ON u.Id = e.ActorUserId
        WHERE e.RequestId = @Id
        ORDER BY e.At, e.Id;
        """;

    private const string DocumentsSql =
        "SELECT Id, Kind, FileName, Sha256, SizeBytes, UploadedAt FROM VerificationDocuments WHERE RequestId = @Id ORDER BY Id;";

    private const string HistorySql = """
        SELECT r.Id, r.BusinessId, b.DisplayName, b.LegalName, b.Category, b.Country, r.Status, r.RiskBand, r.RiskScore,
               r.SubmittedAt, r.DueAt, r.AssignedToUserId, NULL AS AssignedTo, r.ClaimExpiresAt, r.Version
        FROM VerificationRequests r
        JOIN Businesses b ON b.Id = r.BusinessId
        WHERE r.BusinessId = @BusinessId
        ORDER BY r.SubmittedAt DESC, r.Id DESC;
        """;

    private readonly IReadOnlyDictionary<string, string> _queuePageSql = BuildQueuePages(database.Paging);

    /// <summary>One page text per sort and direction: only these fixed ORDER BY clauses are ever sent.</summary>
    private static Dictionary<string, string> BuildQueuePages(string paging)
    {
        var orders = new Dictionary<QueueSort, string>
        {
            [QueueSort.Due] = "r.DueAt {0}, r.Id {0}",
            [QueueSort.Submitted] = "r.SubmittedAt {0}, r.Id {0}",
            [QueueSort.Risk] = "r.RiskScore {0}, r.DueAt, r.Id",
            [QueueSort.Business] = "b.DisplayName {0}, r.Id {0}",
        };
        var pages = new Dictionary<string, string>();
        foreach (var (sort, order) in orders)
        {
            foreach (var descending in new[] { false, true })
            {
                pages[QueueKey(sort, descending)] =
                    QueueColumns + "\n" + QueueFilter + "\nORDER BY " + string.Format(System.Globalization.CultureInfo.InvariantCulture, order, descending ? "DESC" : "ASC") + paging + ";";
            }
        }

        return pages;
    }

    private static string QueueKey(QueueSort sort, bool descending) => $"{sort}:{(descending ? "desc" : "asc")}";

    public async Task<Page<QueueItem>> QueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parameters = new
        {
            Now = now,
            Status = string.IsNullOrWhiteSpace(query.Status) ? null : query.Status,
            OpenStates = VerificationStatus.Open,
            Category = string.IsNullOrWhiteSpace(query.Category) ? null : query.Category,
            Country = string.IsNullOrWhiteSpace(query.Country) ? null : query.Country.ToUpperInvariant(),
            RiskBand = string.IsNullOrWhiteSpace(query.RiskBand) ? null : query.RiskBand,
            SubmittedBefore = query.MinAgeHours is > 0 ? now.AddHours(-query.MinAgeHours.Value) : (DateTimeOffset?)null,
            AssignedTo = query.AssignedToUserId,
            Unassigned = query.Unassigned ? 1 : 0,
            Text = string.IsNullOrWhiteSpace(query.Text) ? null : "%" + AuditLog.EscapeLike(query.Text.Trim()) + "%",
            Skip = Math.Max(0, query.Skip),
            Take = Math.Clamp(query.Take, 1, 200),
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(Command(QueueCountSql, parameters, cancellationToken)).ConfigureAwait(false);
        var items = await connection.QueryAsync<QueueItem>(Command(_queuePageSql[QueueKey(query.Sort, query.Descending)], parameters, cancellationToken)).ConfigureAwait(false);
        return new Page<QueueItem>(items.AsList(), total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StatusCount>(Command(CountByStatusSql, null, cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Status, r => r.Requests);
    }

    public async Task<int> CountOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(Command(OverdueSql, new { OpenStates = VerificationStatus.Open, Now = now }, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<RequestDetail?> GetAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, requestId, cancellationToken).ConfigureAwait(false);
    }

    private Task<RequestDetail?> GetAsync(DbConnection connection, DbTransaction? transaction, long requestId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RequestDetail>(Command(DetailSql, new { Id = requestId }, cancellationToken, transaction));

    public async Task<IReadOnlyList<RequestEvent>> EventsAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<RequestEvent>(Command(EventsSql, new { Id = requestId }, cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<IReadOnlyList<RequestDocument>> DocumentsAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<RequestDocument>(Command(DocumentsSql, new { Id = requestId }, cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<IReadOnlyList<QueueItem>> HistoryOfBusinessAsync(long businessId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<QueueItem>(Command(HistorySql, new { BusinessId = businessId }, cancellationToken)).ConfigureAwait(false)).AsList();
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, database.CommandTimeout, cancellationToken: cancellationToken);

    private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record StatusCount
    {
        public string Status { get; init; } = "";

        public int Requests { get; init; }
    }
}
