using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>Dapper implementation of <see cref="IVerificationStore"/> for both providers: a request's detail and the state counts.</summary>
public sealed partial class VerificationStore(Database database, AuditLog audit, TimeProvider time) : IVerificationStore
{
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
