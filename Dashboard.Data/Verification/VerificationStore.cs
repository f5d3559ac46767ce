using Dapper;

namespace Dashboard.Data.Verification;

/// <summary>The states of a verification request.</summary>
public static class VerificationStatus
{
    public const string Pending = nameof(Pending);
    public const string InReview = nameof(InReview);
    public const string Approved = nameof(Approved);
    public const string Rejected = nameof(Rejected);
    public const string NeedsInfo = nameof(NeedsInfo);
    public const string Escalated = nameof(Escalated);
    public const string AwaitingSecondApproval = nameof(AwaitingSecondApproval);
    public const string Revoked = nameof(Revoked);

    public static IReadOnlyList<string> All { get; } =
        [Pending, InReview, NeedsInfo, Escalated, AwaitingSecondApproval, Approved, Rejected, Revoked];

    /// <summary>States that still need a reviewer's work.</summary>
    public static IReadOnlyList<string> Open { get; } = [Pending, InReview, Escalated, AwaitingSecondApproval];
}

/// <summary>One row of the verification queue.</summary>
public sealed record QueueItem
{
    public long Id { get; init; }

    public long BusinessId { get; init; }

    public string DisplayName { get; init; } = "";

    public string LegalName { get; init; } = "";

    public string Category { get; init; } = "";

    public string Country { get; init; } = "";

    public string Status { get; init; } = "";

    public string RiskBand { get; init; } = "";

    public int RiskScore { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public string? AssignedTo { get; init; }
}

/// <summary>What the queue shows: a state (null = all open states), a free-text search, a page.</summary>
public sealed record QueueQuery
{
    public string? Status { get; init; }

    public string? Text { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>Verification requests: the reviewers' queue and its counts.</summary>
public interface IVerificationStore
{
    Task<Page<QueueItem>> QueueAsync(QueueQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken);

    /// <summary>Open requests past their due time at <paramref name="now"/>.</summary>
    Task<int> CountOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IVerificationStore"/> for both providers.</summary>
public sealed class VerificationStore(Database database) : IVerificationStore
{
    private const string Filter = """
        FROM VerificationRequests r
        JOIN Businesses b ON b.Id = r.BusinessId
        LEFT JOIN Users u ON u.Id = r.AssignedToUserId
        WHERE ((@Status IS NULL AND r.Status IN @OpenStates) OR r.Status = @Status)
          AND (@Text IS NULL OR b.DisplayName LIKE @Text ESCAPE '\' OR b.LegalName LIKE @Text ESCAPE '\'
               OR b.PhoneE164 LIKE @Text ESCAPE '\' OR b.RegistrationNumber LIKE @Text ESCAPE '\')
        """;

    private const string CountSql = "SELECT COUNT(*) " + Filter + ";";

    private readonly string _pageSql = """
        SELECT r.Id, r.BusinessId, b.DisplayName, b.LegalName, b.Category, b.Country, r.Status, r.RiskBand, r.RiskScore,
               r.SubmittedAt, r.DueAt, u.DisplayName AS AssignedTo
        """ + "\n" + Filter + "\nORDER BY r.DueAt, r.Id" + database.Paging + ";";

    private const string CountByStatusSql = "SELECT Status, COUNT(*) AS Requests FROM VerificationRequests GROUP BY Status;";

    private const string OverdueSql = "SELECT COUNT(*) FROM VerificationRequests WHERE Status IN @OpenStates AND DueAt < @Now;";

    public async Task<Page<QueueItem>> QueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            Status = string.IsNullOrWhiteSpace(query.Status) ? null : query.Status,
            OpenStates = VerificationStatus.Open,
            Text = string.IsNullOrWhiteSpace(query.Text) ? null : "%" + Audit.AuditLog.EscapeLike(query.Text.Trim()) + "%",
            Skip = Math.Max(0, query.Skip),
            Take = Math.Clamp(query.Take, 1, 200),
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var items = await connection.QueryAsync<QueueItem>(new CommandDefinition(_pageSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Page<QueueItem>(items.AsList(), total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StatusCount>(new CommandDefinition(CountByStatusSql, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Status, r => r.Requests);
    }

    public async Task<int> CountOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(OverdueSql, new { OpenStates = VerificationStatus.Open, Now = now }, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record StatusCount
    {
        public string Status { get; init; } = "";

        public int Requests { get; init; }
    }
}
