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

    /// <summary>States in which a business may not apply again: the request is still open or waits for the business.</summary>
    public static IReadOnlyList<string> Active { get; } = [Pending, InReview, NeedsInfo, Escalated, AwaitingSecondApproval];
}

/// <summary>The reason codes of a rejection.</summary>
public static class RejectionReasons
{
    public static IReadOnlyList<string> All { get; } =
    [
        "LEGAL_NAME_NOT_MATCHING", "WEBSITE_NOT_MATCHING", "ADDRESS_NOT_MATCHING", "MALFORMED_DOCUMENTS",
        "BUSINESS_NOT_ELIGIBLE", "IMPERSONATION", "DISPLAY_NAME_POLICY", "OTHER",
    ];
}

/// <summary>Kinds of entries in a request's history.</summary>
public static class VerificationEventKinds
{
    public const string Submitted = nameof(Submitted);
    public const string Resubmitted = nameof(Resubmitted);
    public const string Claimed = nameof(Claimed);
    public const string Released = nameof(Released);
    public const string Assigned = nameof(Assigned);
    public const string Approved = nameof(Approved);
    public const string FirstApproval = nameof(FirstApproval);
    public const string Rejected = nameof(Rejected);
    public const string InfoRequested = nameof(InfoRequested);
    public const string Escalated = nameof(Escalated);
    public const string Revoked = nameof(Revoked);
    public const string Note = nameof(Note);
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

    public long? AssignedToUserId { get; init; }

    public string? AssignedTo { get; init; }

    public DateTimeOffset? ClaimExpiresAt { get; init; }

    public int Version { get; init; }
}

/// <summary>How the queue is sorted; each maps to a fixed ORDER BY.</summary>
public enum QueueSort
{
    Due,
    Submitted,
    Risk,
    Business,
}

/// <summary>The queue's filters; null means "any". <c>Status</c> null shows the open states.</summary>
public sealed record QueueQuery
{
    public string? Status { get; init; }

    public string? Category { get; init; }

    public string? Country { get; init; }

    public string? RiskBand { get; init; }

    /// <summary>Only requests submitted at least this many hours ago.</summary>
    public int? MinAgeHours { get; init; }

    public long? AssignedToUserId { get; init; }

    /// <summary>Only requests nobody holds a live claim on.</summary>
    public bool Unassigned { get; init; }

    public string? Text { get; init; }

    public QueueSort Sort { get; init; } = QueueSort.Due;

    public bool Descending { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 25;
}

/// <summary>A request with its business, as the detail page shows it.</summary>
public sealed record RequestDetail
{
    public long Id { get; init; }

    public long BusinessId { get; init; }

    public string Status { get; init; } = "";

    public int Attempt { get; init; }

    public int RiskScore { get; init; }

    public string RiskBand { get; init; } = "";

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public long? AssignedToUserId { get; init; }

    public string? AssignedTo { get; init; }

    public DateTimeOffset? ClaimExpiresAt { get; init; }

    public long? FirstApproverUserId { get; init; }

    public string? FirstApprover { get; init; }

    public long? DecidedByUserId { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? ReasonCode { get; init; }

    public string? DecisionNote { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int Version { get; init; }

    public string? ExternalId { get; init; }

    public string DisplayName { get; init; } = "";

    public string LegalName { get; init; } = "";

    public string Category { get; init; } = "";

    public string Country { get; init; } = "";

    public string PhoneE164 { get; init; } = "";

    public string? Website { get; init; }

    public string? EmailDomain { get; init; }

    public string? RegistrationNumber { get; init; }

    public int? Employees { get; init; }

    public long? AnnualTurnoverEur { get; init; }

    public bool IsVerified { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>True when <paramref name="userId"/> holds a claim on the request that has not run out at <paramref name="now"/>.</summary>
    public bool IsHeldBy(long userId, DateTimeOffset now) => AssignedToUserId == userId && ClaimExpiresAt >= now;

    public bool IsHeldByOther(long userId, DateTimeOffset now) => AssignedToUserId is { } holder && holder != userId && ClaimExpiresAt >= now;
}

/// <summary>One entry of a request's history.</summary>
public sealed record RequestEvent
{
    public long Id { get; init; }

    public long RequestId { get; init; }

    public DateTimeOffset At { get; init; }

    public long? ActorUserId { get; init; }

    public string? Actor { get; init; }

    public string Kind { get; init; } = "";

    public string? FromStatus { get; init; }

    public string? ToStatus { get; init; }

    public string? ReasonCode { get; init; }

    public string? Note { get; init; }
}

/// <summary>A document the business sent with its request (metadata; the files stay with the platform).</summary>
public sealed record RequestDocument
{
    public long Id { get; init; }

    public string Kind { get; init; } = "";

    public string FileName { get; init; } = "";

    public string Sha256 { get; init; } = "";

    public long SizeBytes { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>The outcome of a claim: claimed, or who holds the request and until when.</summary>
public sealed record ClaimOutcome(bool Claimed, string? HeldBy = null, DateTimeOffset? HeldUntil = null, string? Status = null);

/// <summary>
/// A state change of a request, applied only if the request is still at <see cref="ExpectedVersion"/>, in one of
/// <see cref="FromStatuses"/>, held by the actor when <see cref="RequireClaim"/> is set, and not first-approved by
/// <see cref="ForbiddenFirstApprover"/>.
/// </summary>
public sealed record Transition
{
    public required long RequestId { get; init; }

    public required int ExpectedVersion { get; init; }

    public required long ActorUserId { get; init; }

    public required string EventKind { get; init; }

    public required IReadOnlyCollection<string> FromStatuses { get; init; }

    public required string ToStatus { get; init; }

    public string? ReasonCode { get; init; }

    public string? Note { get; init; }

    public bool RequireClaim { get; init; } = true;

    public bool SetFirstApprover { get; init; }

    public bool SetDecided { get; init; }

    /// <summary>Sets or clears the business's verified marker in the same transaction.</summary>
    public bool? SetBusinessVerified { get; init; }

    public long? ForbiddenFirstApprover { get; init; }
}

/// <summary>Why a write on a request was refused; nothing was written.</summary>
public enum ConflictReason
{
    NotFound,
    StaleVersion,
    HeldByOther,
    NotHeld,
    WrongState,
    SameApprover,
}

/// <summary>A refused write on a verification request, with a message a reviewer can act on.</summary>
public sealed class VerificationConflictException(ConflictReason reason, string message) : Exception(message)
{
    public ConflictReason Reason { get; } = reason;
}
