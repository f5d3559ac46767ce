using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>Applications from the platform, and the figures of the reviewer statistics.</summary>
public sealed partial class VerificationStore
{
    private const string BusinessByExternalIdSql = "SELECT Id, IsVerified FROM Businesses WHERE ExternalId = @ExternalId;";

    private const string UpdateBusinessSql = """
        UPDATE Businesses
        SET DisplayName = @DisplayName, LegalName = @LegalName, Category = @Category, Country = @Country, PhoneE164 = @PhoneE164,
            Website = @Website, EmailDomain = @EmailDomain, RegistrationNumber = @RegistrationNumber,
            Employees = COALESCE(@Employees, Employees), AnnualTurnoverEur = COALESCE(@AnnualTurnoverEur, AnnualTurnoverEur),
            UpdatedAt = @Now, Version = Version + 1
        WHERE Id = @Id;
        """;

    // The queue filters on the copies of the business's country and category that each request carries.
    private const string CopyBusinessToRequestsSql = """
        UPDATE VerificationRequests
        SET BusinessCountry = @Country, BusinessCategory = @Category
        WHERE BusinessId = @Id AND (BusinessCountry <> @Country OR BusinessCategory <> @Category);
        """;

    private const string ActiveRequestSql =
        "SELECT Id, Status, Attempt FROM VerificationRequests WHERE BusinessId = @BusinessId AND Status IN @Active;";

    private const string LastRejectionSql =
        "SELECT MAX(DecidedAt) FROM VerificationRequests WHERE BusinessId = @BusinessId AND Status = 'Rejected';";

    private const string AttemptsSinceSql =
        "SELECT SubmittedAt FROM VerificationRequests WHERE BusinessId = @BusinessId AND SubmittedAt > @Since ORDER BY SubmittedAt;";

    private const string ResubmitSql = """
        UPDATE VerificationRequests
        SET Status = 'Pending', Attempt = Attempt + 1, DueAt = @DueAt, RiskScore = @RiskScore, RiskBand = @RiskBand,
            AssignedToUserId = NULL, ClaimExpiresAt = NULL, UpdatedAt = @Now, Version = Version + 1
        WHERE Id = @Id AND Status = 'NeedsInfo';
        """;

    private const string InsertDocumentSql = """
        INSERT INTO VerificationDocuments (RequestId, Kind, FileName, Sha256, SizeBytes, UploadedAt)
        VALUES (@RequestId, @Kind, @FileName, @Sha256, @SizeBytes, @UploadedAt);
        """;

    private const string DecisionEventsSql = """
        SELECT e.At, e.ActorUserId, u.DisplayName AS Actor, e.Kind
        FROM VerificationEvents e
        JOIN Users u ON u.Id = e.ActorUserId
        WHERE e.At >= @From AND e.At < @To AND e.Kind IN @Kinds;
        """;

    private const string DecidedSql = """
        SELECT DecidedByUserId AS UserId, SubmittedAt, DecidedAt, Status
        FROM VerificationRequests
        WHERE DecidedAt >= @From AND DecidedAt < @To AND DecidedByUserId IS NOT NULL AND Status IN ('Approved', 'Rejected');
        """;

    private const string SpansSql = """
        SELECT SubmittedAt, DueAt, DecidedAt, Status
        FROM VerificationRequests
        WHERE SubmittedAt < @To AND (DecidedAt IS NULL OR DecidedAt >= @From);
        """;

    private const string StarterSubscriptionSql = """
        INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, EffectiveTo, Status, ApprovalStatus, Reason, EnteredAt, EnteredByUserId, Version)
        SELECT @BusinessId, v.Id, @Now, NULL, 'Active', 'NotRequired', 'Free tier at sign-up', @Now, NULL, 1
        FROM TierVersions v
        JOIN Tiers t ON t.Id = v.TierId
        WHERE t.Code = 'free'
          AND v.VersionNumber = (SELECT MAX(x.VersionNumber) FROM TierVersions x WHERE x.TierId = v.TierId AND x.EffectiveFrom <= @Now);
        """;

    private readonly string _insertBusiness = database.InsertReturningId("Businesses",
        "ExternalId", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "Website", "EmailDomain", "RegistrationNumber",
        "Employees", "AnnualTurnoverEur", "CreatedAt", "UpdatedAt");

    private readonly string _insertRequest = database.InsertReturningId("VerificationRequests",
        "BusinessId", "BusinessCountry", "BusinessCategory", "Status", "Attempt", "RiskScore", "RiskBand", "SubmittedAt", "DueAt", "UpdatedAt");

    public async Task<long?> FindBusinessIdAsync(string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<BusinessRef>(Command(BusinessByExternalIdSql, new { ExternalId = externalId }, cancellationToken)).ConfigureAwait(false);
        return row?.Id;
    }

    public async Task<IntakeResult> SubmitAsync(BusinessApplication application, IntakePolicy policy, int riskScore, string riskBand, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var fields = new
        {
            application.ExternalId,
            application.DisplayName,
            application.LegalName,
            application.Category,
            application.Country,
            application.PhoneE164,
            application.Website,
            application.EmailDomain,
            application.RegistrationNumber,
            application.Employees,
            application.AnnualTurnoverEur,
            Now = now,
        };

        var existing = await connection.QuerySingleOrDefaultAsync<BusinessRef>(Command(BusinessByExternalIdSql, new { application.ExternalId }, cancellationToken, transaction)).ConfigureAwait(false);
        long businessId;
        if (existing is null)
        {
            businessId = await connection.ExecuteScalarAsync<long>(Command(_insertBusiness, new
            {
                fields.ExternalId, fields.DisplayName, fields.LegalName, fields.Category, fields.Country, fields.PhoneE164, fields.Website,
                fields.EmailDomain, fields.RegistrationNumber, fields.Employees, fields.AnnualTurnoverEur, CreatedAt = now, UpdatedAt = now,
            }, cancellationToken, transaction)).ConfigureAwait(false);

            // A new business starts on the free tier's version in force, so that the platform gets entitlements at once.
            await connection.ExecuteAsync(Command(StarterSubscriptionSql, new { BusinessId = businessId, Now = now }, cancellationToken, transaction)).ConfigureAwait(false);
        }
        else
        {
            if (existing.IsVerified)
            {
                throw new IntakeRefusedException("This business is verified already; there is nothing to apply for.", null);
            }

            businessId = existing.Id;
            await connection.ExecuteAsync(Command(UpdateBusinessSql, new
            {
                Id = businessId, fields.DisplayName, fields.LegalName, fields.Category, fields.Country, fields.PhoneE164, fields.Website,
                fields.EmailDomain, fields.RegistrationNumber, fields.Employees, fields.AnnualTurnoverEur, fields.Now,
            }, cancellationToken, transaction)).ConfigureAwait(false);
            await connection.ExecuteAsync(Command(CopyBusinessToRequestsSql, new { Id = businessId, fields.Country, fields.Category }, cancellationToken, transaction)).ConfigureAwait(false);
        }

        var active = await connection.QuerySingleOrDefaultAsync<ActiveRequest>(Command(ActiveRequestSql, new { BusinessId = businessId, Active = VerificationStatus.Active }, cancellationToken, transaction)).ConfigureAwait(false);
        long requestId;
        var resubmission = false;
        if (active is { Status: VerificationStatus.NeedsInfo })
        {
            requestId = active.Id;
            resubmission = true;
            await connection.ExecuteAsync(Command(ResubmitSql, new { Id = requestId, DueAt = now + policy.Sla, RiskScore = riskScore, RiskBand = riskBand, Now = now }, cancellationToken, transaction)).ConfigureAwait(false);
            await InsertEventAsync(connection, transaction, requestId, now, null, VerificationEventKinds.Resubmitted, VerificationStatus.NeedsInfo, VerificationStatus.Pending, null,
                $"Resubmitted with {application.Documents.Count} document(s)", cancellationToken).ConfigureAwait(false);
        }
        else if (active is not null)
        {
            throw new IntakeRefusedException($"A verification request for this business is already {active.Status}; wait for its decision.", null);
        }
        else
        {
            var lastRejection = await connection.ExecuteScalarAsync<DateTimeOffset?>(Command(LastRejectionSql, new { BusinessId = businessId }, cancellationToken, transaction)).ConfigureAwait(false);
            if (lastRejection is { } rejectedAt && rejectedAt + policy.CooldownAfterRejection > now)
            {
                var retry = rejectedAt + policy.CooldownAfterRejection;
                throw new IntakeRefusedException($"The last request was rejected on {rejectedAt:yyyy-MM-dd}; the business may apply again from {retry:yyyy-MM-dd HH:mm} UTC.", retry);
            }

            var attempts = (await connection.QueryAsync<DateTimeOffset>(Command(AttemptsSinceSql, new { BusinessId = businessId, Since = now.AddYears(-1) }, cancellationToken, transaction)).ConfigureAwait(false)).AsList();
            if (attempts.Count >= policy.MaxAttemptsPerYear)
            {
                var retry = attempts[attempts.Count - policy.MaxAttemptsPerYear].AddYears(1);
                throw new IntakeRefusedException($"The business has applied {attempts.Count} times in the last 12 months (at most {policy.MaxAttemptsPerYear}); it may apply again from {retry:yyyy-MM-dd HH:mm} UTC.", retry);
            }

            try
            {
                requestId = await connection.ExecuteScalarAsync<long>(Command(_insertRequest, new
                {
                    BusinessId = businessId,
                    BusinessCountry = fields.Country,
                    BusinessCategory = fields.Category,
                    Status = VerificationStatus.Pending,
                    Attempt = attempts.Count + 1,
                    RiskScore = riskScore,
                    RiskBand = riskBand,
                    SubmittedAt = now,
                    DueAt = now + policy.Sla,
                    UpdatedAt = now,
                }, cancellationToken, transaction)).ConfigureAwait(false);
            }
            catch (DbException ex) when (database.IsUniqueViolation(ex))
            {
                throw new IntakeRefusedException("A verification request for this business is already open; wait for its decision.", null);
            }

            await InsertEventAsync(connection, transaction, requestId, now, null, VerificationEventKinds.Submitted, null, VerificationStatus.Pending, null,
                $"Submitted with {application.Documents.Count} document(s)", cancellationToken).ConfigureAwait(false);
        }

        foreach (var document in application.Documents)
        {
            await connection.ExecuteAsync(Command(InsertDocumentSql, new
            {
                RequestId = requestId, document.Kind, document.FileName, Sha256 = document.Sha256.ToLowerInvariant(), document.SizeBytes, UploadedAt = now,
            }, cancellationToken, transaction)).ConfigureAwait(false);
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(
                resubmission ? "RequestResubmitted" : "RequestSubmitted", "VerificationRequest", Text(requestId),
                $"{application.DisplayName} ({application.ExternalId}) applied; risk {riskScore} {riskBand}",
                null, new { BusinessId = businessId, application.ExternalId, application.LegalName, RiskScore = riskScore, Documents = application.Documents.Count }),
            actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IntakeResult(requestId, businessId, VerificationStatus.Pending, resubmission);
    }

    public async Task<IReadOnlyList<ReviewerDay>> DecisionsPerReviewerAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        string[] kinds = [VerificationEventKinds.Approved, VerificationEventKinds.FirstApproval, VerificationEventKinds.Rejected,
            VerificationEventKinds.InfoRequested, VerificationEventKinds.Escalated];
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DecisionEvent>(Command(DecisionEventsSql, new { From = from, To = to, Kinds = kinds }, cancellationToken)).ConfigureAwait(false);
        return rows
            .GroupBy(r => (Day: new DateTimeOffset(r.At.UtcDateTime.Date, TimeSpan.Zero), r.ActorUserId, r.Actor))
            .Select(g => new ReviewerDay(g.Key.Day, g.Key.ActorUserId, g.Key.Actor,
                g.Count(), g.Count(e => e.Kind is VerificationEventKinds.Approved or VerificationEventKinds.FirstApproval), g.Count(e => e.Kind == VerificationEventKinds.Rejected)))
            .OrderBy(d => d.Day).ThenBy(d => d.Reviewer, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<DecidedRequest>> DecidedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<DecidedRow>(Command(DecidedSql, new { From = from, To = to }, cancellationToken)).ConfigureAwait(false))
            .Select(r => new DecidedRequest(r.UserId, r.SubmittedAt, r.DecidedAt, r.Status)).ToList();
    }

    public async Task<IReadOnlyList<RequestSpan>> SpansAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<SpanRow>(Command(SpansSql, new { From = from, To = to }, cancellationToken)).ConfigureAwait(false))
            .Select(r => new RequestSpan(r.SubmittedAt, r.DueAt, r.DecidedAt, r.Status)).ToList();
    }

    private sealed record BusinessRef
    {
        public long Id { get; init; }

        public bool IsVerified { get; init; }
    }

    private sealed record ActiveRequest
    {
        public long Id { get; init; }

        public string Status { get; init; } = "";

        public int Attempt { get; init; }
    }

    private sealed record DecisionEvent
    {
        public DateTimeOffset At { get; init; }

        public long ActorUserId { get; init; }

        public string Actor { get; init; } = "";

        public string Kind { get; init; } = "";
    }

    private sealed record DecidedRow
    {
        public long UserId { get; init; }

        public DateTimeOffset SubmittedAt { get; init; }

        public DateTimeOffset DecidedAt { get; init; }

        public string Status { get; init; } = "";
    }

    private sealed record SpanRow
    {
        public DateTimeOffset SubmittedAt { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        public string Status { get; init; } = "";
    }
}
