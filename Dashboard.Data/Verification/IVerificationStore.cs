using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>A business's application as the platform sends it.</summary>
public sealed record BusinessApplication
{
    public required string ExternalId { get; init; }

    public required string LegalName { get; init; }

    public required string DisplayName { get; init; }

    public required string Category { get; init; }

    public required string Country { get; init; }

    public required string PhoneE164 { get; init; }

    public string? Website { get; init; }

    public string? EmailDomain { get; init; }

    public string? RegistrationNumber { get; init; }

    public int? Employees { get; init; }

    public long? AnnualTurnoverEur { get; init; }

    public IReadOnlyList<NewDocument> Documents { get; init; } = [];
}

/// <summary>A document's metadata sent with an application.</summary>
public sealed record NewDocument(string Kind, string FileName, string Sha256, long SizeBytes);

/// <summary>The limits on applying: the wait after a rejection, attempts per year, and the review deadline.</summary>
public sealed record IntakePolicy(TimeSpan CooldownAfterRejection, int MaxAttemptsPerYear, TimeSpan Sla);

/// <summary>The stored application: the request and business it created or updated.</summary>
public sealed record IntakeResult(long RequestId, long BusinessId, string Status, bool Resubmission);

/// <summary>Why an application was refused, and from when the business may apply again (if ever).</summary>
public sealed class IntakeRefusedException(string message, DateTimeOffset? retryAfter) : Exception(message)
{
    public DateTimeOffset? RetryAfter { get; } = retryAfter;
}

/// <summary>Per-reviewer decisions on one day.</summary>
public sealed record ReviewerDay(DateTimeOffset Day, long UserId, string Reviewer, int Decisions, int Approvals, int Rejections);

/// <summary>One decided request: when it came in and when it was decided, for handling times.</summary>
public sealed record DecidedRequest(long UserId, DateTimeOffset SubmittedAt, DateTimeOffset DecidedAt, string Status);

/// <summary>When a request was open: for backlog and SLA breaches over time.</summary>
public sealed record RequestSpan(DateTimeOffset SubmittedAt, DateTimeOffset DueAt, DateTimeOffset? DecidedAt, string Status);

/// <summary>Verification requests: the queue, a request's detail, claims, decisions, intake and statistics.</summary>
public interface IVerificationStore
{
    Task<Page<QueueItem>> QueueAsync(QueueQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken);

    /// <summary>Open requests past their due time.</summary>
    Task<int> CountOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<RequestDetail?> GetAsync(long requestId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestEvent>> EventsAsync(long requestId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestDocument>> DocumentsAsync(long requestId, CancellationToken cancellationToken);

    /// <summary>Requests of the same business, newest first (its verification history).</summary>
    Task<IReadOnlyList<QueueItem>> HistoryOfBusinessAsync(long businessId, CancellationToken cancellationToken);

    /// <summary>One conditional write: claims the request for the user unless someone else holds a live claim.</summary>
    Task<ClaimOutcome> ClaimAsync(long requestId, long userId, IReadOnlyCollection<string> claimableStatuses, bool notOwnFirstApproval, DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken);

    /// <summary>Extends the user's claim; false when the user no longer holds it.</summary>
    Task<bool> RenewAsync(long requestId, long userId, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task<bool> ReleaseAsync(long requestId, long userId, Actor actor, CancellationToken cancellationToken);

    /// <summary>Claims the most urgent request nobody holds (earliest due), or answers null when there is none.</summary>
    Task<long?> ClaimNextAsync(long userId, IReadOnlyCollection<string> claimableStatuses, bool notOwnFirstApproval, DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken);

    /// <summary>Applies a state change with its history entry, verified-marker change and audit entry, or throws <see cref="VerificationConflictException"/>.</summary>
    Task<RequestDetail> TransitionAsync(Transition transition, Actor actor, CancellationToken cancellationToken);

    Task AddNoteAsync(long requestId, long userId, string note, Actor actor, CancellationToken cancellationToken);

    /// <summary>The newest approved request of a business, for revocation.</summary>
    Task<RequestDetail?> LatestApprovedOfBusinessAsync(long businessId, CancellationToken cancellationToken);

    /// <summary>Assigns open requests to a reviewer (a claim lasting <paramref name="leaseUntil"/>); answers how many were assigned.</summary>
    Task<int> AssignAsync(IReadOnlyCollection<long> requestIds, long assigneeUserId, DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken);

    Task<long?> FindBusinessIdAsync(string externalId, CancellationToken cancellationToken);

    Task<IntakeResult> SubmitAsync(BusinessApplication application, IntakePolicy policy, int riskScore, string riskBand, Actor actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReviewerDay>> DecisionsPerReviewerAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task<IReadOnlyList<DecidedRequest>> DecidedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestSpan>> SpansAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
