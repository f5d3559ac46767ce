using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Verification;

/// <summary>Claims and state changes: each is one conditional write, so that of racing reviewers exactly one wins.</summary>
public sealed partial class VerificationStore
{
    private const string ClaimSql = """
        UPDATE VerificationRequests
        SET AssignedToUserId = @UserId,
            ClaimExpiresAt = @LeaseUntil,
            UpdatedAt = @Now,
            Status = CASE WHEN Status = 'Pending' THEN 'InReview' ELSE Status END,
            Version = CASE WHEN AssignedToUserId = @UserId AND ClaimExpiresAt >= @Now THEN Version ELSE Version + 1 END
        WHERE Id = @Id
          AND Status IN @Claimable
          AND (AssignedToUserId IS NULL OR AssignedToUserId = @UserId OR ClaimExpiresAt < @Now)
          AND (@NotOwnFirstApproval = 0 OR FirstApproverUserId IS NULL OR FirstApproverUserId <> @UserId);
        """;

    private const string HolderSql = """
        SELECT r.Status, r.AssignedToUserId, r.ClaimExpiresAt, u.DisplayName AS Holder
        FROM VerificationRequests r
        LEFT JOIN Users u ON u.Id = r.AssignedToUserId
        WHERE r.Id = @Id;
        """;

    private const string RenewSql =
        "UPDATE VerificationRequests SET ClaimExpiresAt = @LeaseUntil WHERE Id = @Id AND AssignedToUserId = @UserId AND ClaimExpiresAt >= @Now;";

    private const string ReleaseSql = """
        UPDATE VerificationRequests
        SET AssignedToUserId = NULL, ClaimExpiresAt = NULL, UpdatedAt = @Now, Version = Version + 1,
            Status = CASE WHEN Status = 'InReview' THEN 'Pending' ELSE Status END
        WHERE Id = @Id AND AssignedToUserId = @UserId;
        """;

    private const string TransitionSql = """
        UPDATE VerificationRequests
        SET Status = @ToStatus,
            Version = Version + 1,
            UpdatedAt = @Now,
            AssignedToUserId = NULL,
            ClaimExpiresAt = NULL,
            FirstApproverUserId = CASE WHEN @SetFirstApprover = 1 THEN @ActorUserId ELSE FirstApproverUserId END,
            DecidedByUserId = CASE WHEN @SetDecided = 1 THEN @ActorUserId ELSE DecidedByUserId END,
            DecidedAt = CASE WHEN @SetDecided = 1 THEN @Now ELSE DecidedAt END,
            ReasonCode = @ReasonCode,
            DecisionNote = @Note
        WHERE Id = @Id
          AND Version = @ExpectedVersion
          AND Status IN @FromStatuses
          AND (@RequireClaim = 0 OR (AssignedToUserId = @ActorUserId AND ClaimExpiresAt >= @Now))
          AND (@ForbiddenFirstApprover IS NULL OR FirstApproverUserId IS NULL OR FirstApproverUserId <> @ForbiddenFirstApprover);
        """;

    private const string SetVerifiedSql = """
        UPDATE Businesses
        SET IsVerified = @Verified,
            VerifiedAt = CASE WHEN @Verified = 1 THEN @Now ELSE NULL END,
            UpdatedAt = @Now,
            Version = Version + 1
        WHERE Id = (SELECT BusinessId FROM VerificationRequests WHERE Id = @Id);
        """;

    private const string InsertEventSql = """
        INSERT INTO VerificationEvents (RequestId, At, ActorUserId, Kind, FromStatus, ToStatus, ReasonCode, Note)
        VALUES (@RequestId, @At, @ActorUserId, @Kind, @FromStatus, @ToStatus, @ReasonCode, @Note);
        """;

    private const string LatestApprovedSql =
        "SELECT Id FROM VerificationRequests WHERE BusinessId = @BusinessId AND Status = 'Approved' ORDER BY DecidedAt DESC, Id DESC;";

    private const string AssignableSql =
        "SELECT Id AS RequestId, Status FROM VerificationRequests WHERE Id IN @Ids AND Status IN @Assignable;";

    private const string AssignSql = """
        UPDATE VerificationRequests
        SET AssignedToUserId = @Assignee, ClaimExpiresAt = @LeaseUntil, UpdatedAt = @Now, Version = Version + 1,
            Status = CASE WHEN Status = 'Pending' THEN 'InReview' ELSE Status END
        WHERE Id = @Id AND Status IN @Assignable;
        """;

    private readonly string _nextCandidatesSql = """
        SELECT Id FROM VerificationRequests
        WHERE Status IN @Claimable
          AND (AssignedToUserId IS NULL OR ClaimExpiresAt < @Now)
          AND (@NotOwnFirstApproval = 0 OR FirstApproverUserId IS NULL OR FirstApproverUserId <> @UserId)
        ORDER BY DueAt, Id
        """ + database.Paging + ";";

    public async Task<ClaimOutcome> ClaimAsync(long requestId, long userId, IReadOnlyCollection<string> claimableStatuses, bool notOwnFirstApproval,
        DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await ClaimAsync(connection, transaction, requestId, userId, claimableStatuses, notOwnFirstApproval, leaseUntil, actor, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<ClaimOutcome> ClaimAsync(DbConnection connection, DbTransaction transaction, long requestId, long userId,
        IReadOnlyCollection<string> claimableStatuses, bool notOwnFirstApproval, DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = await connection.QuerySingleOrDefaultAsync<ClaimState>(Command(HolderSql, new { Id = requestId }, cancellationToken, transaction)).ConfigureAwait(false);
        if (before is null)
        {
            throw new VerificationConflictException(ConflictReason.NotFound, $"Request {requestId} does not exist.");
        }

        var changed = await connection.ExecuteAsync(Command(ClaimSql, new
        {
            Id = requestId,
            UserId = userId,
            LeaseUntil = leaseUntil,
            Now = now,
            Claimable = claimableStatuses,
            NotOwnFirstApproval = notOwnFirstApproval ? 1 : 0,
        }, cancellationToken, transaction)).ConfigureAwait(false);
        if (changed == 0)
        {
            var holder = await connection.QuerySingleAsync<ClaimState>(Command(HolderSql, new { Id = requestId }, cancellationToken, transaction)).ConfigureAwait(false);
            var live = holder.AssignedToUserId is not null && holder.ClaimExpiresAt >= now;
            return new ClaimOutcome(false, live ? holder.Holder : null, live ? holder.ClaimExpiresAt : null, holder.Status);
        }

        var alreadyMine = before.AssignedToUserId == userId && before.ClaimExpiresAt >= now;
        if (!alreadyMine)
        {
            var status = before.Status == VerificationStatus.Pending ? VerificationStatus.InReview : before.Status;
            await InsertEventAsync(connection, transaction, requestId, now, userId, VerificationEventKinds.Claimed, before.Status, status, null, null, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(connection, transaction,
                new AuditEntry("RequestClaimed", "VerificationRequest", Text(requestId), $"Claimed until {leaseUntil:HH:mm} UTC", new { before.Status }, new { Status = status }),
                actor).ConfigureAwait(false);
        }

        return new ClaimOutcome(true);
    }

    public async Task<bool> RenewAsync(long requestId, long userId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(Command(RenewSql, new { Id = requestId, UserId = userId, LeaseUntil = leaseUntil, Now = time.GetUtcNow() }, cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> ReleaseAsync(long requestId, long userId, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var before = await connection.QuerySingleOrDefaultAsync<ClaimState>(Command(HolderSql, new { Id = requestId }, cancellationToken, transaction)).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(Command(ReleaseSql, new { Id = requestId, UserId = userId, Now = now }, cancellationToken, transaction)).ConfigureAwait(false);
        if (changed == 0 || before is null)
        {
            return false;
        }

        var status = before.Status == VerificationStatus.InReview ? VerificationStatus.Pending : before.Status;
        await InsertEventAsync(connection, transaction, requestId, now, userId, VerificationEventKinds.Released, before.Status, status, null, null, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            new AuditEntry("RequestReleased", "VerificationRequest", Text(requestId), "Released", new { before.Status }, new { Status = status }), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<long?> ClaimNextAsync(long userId, IReadOnlyCollection<string> claimableStatuses, bool notOwnFirstApproval, DateTimeOffset leaseUntil,
        Actor actor, CancellationToken cancellationToken)
    {
        // The pick and the claim are separate, but the claim is the conditional write: a candidate another reviewer
        // took in between simply fails to claim, and the next candidate is tried.
        for (var round = 0; round < 5; round++)
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var candidates = (await connection.QueryAsync<long>(Command(_nextCandidatesSql, new
            {
                Claimable = claimableStatuses,
                Now = time.GetUtcNow(),
                UserId = userId,
                NotOwnFirstApproval = notOwnFirstApproval ? 1 : 0,
                Skip = 0,
                Take = 5,
            }, cancellationToken)).ConfigureAwait(false)).AsList();
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var id in candidates)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var outcome = await ClaimAsync(connection, transaction, id, userId, claimableStatuses, notOwnFirstApproval, leaseUntil, actor, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (outcome.Claimed)
                {
                    return id;
                }
            }
        }

        return null;
    }

    public async Task<RequestDetail> TransitionAsync(Transition transition, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var before = await GetAsync(connection, transaction, transition.RequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new VerificationConflictException(ConflictReason.NotFound, $"Request {transition.RequestId} does not exist.");
        var changed = await connection.ExecuteAsync(Command(TransitionSql, new
        {
            Id = transition.RequestId,
            transition.ExpectedVersion,
            transition.ActorUserId,
            transition.FromStatuses,
            transition.ToStatus,
            transition.ReasonCode,
            transition.Note,
            RequireClaim = transition.RequireClaim ? 1 : 0,
            SetFirstApprover = transition.SetFirstApprover ? 1 : 0,
            SetDecided = transition.SetDecided ? 1 : 0,
            transition.ForbiddenFirstApprover,
            Now = now,
        }, cancellationToken, transaction)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw Explain(before, transition, now);
        }

        if (transition.SetBusinessVerified is { } verified)
        {
            await connection.ExecuteAsync(Command(SetVerifiedSql, new { Id = transition.RequestId, Verified = verified ? 1 : 0, Now = now }, cancellationToken, transaction)).ConfigureAwait(false);
        }

        await InsertEventAsync(connection, transaction, transition.RequestId, now, transition.ActorUserId, transition.EventKind, before.Status, transition.ToStatus,
            transition.ReasonCode, transition.Note, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEntry(
                "Request" + transition.EventKind, "VerificationRequest", Text(transition.RequestId),
                $"{before.DisplayName}: {before.Status} → {transition.ToStatus}" + (transition.ReasonCode is null ? "" : $" ({transition.ReasonCode})"),
                new { before.Status, before.Version, Verified = before.IsVerified },
                new { Status = transition.ToStatus, transition.ReasonCode, transition.Note, Verified = transition.SetBusinessVerified ?? before.IsVerified }),
            actor).ConfigureAwait(false);
        var after = await GetAsync(connection, transaction, transition.RequestId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return after!;
    }

    /// <summary>Says why a transition did not apply, from the row as it is now.</summary>
    private static VerificationConflictException Explain(RequestDetail current, Transition transition, DateTimeOffset now)
    {
        if (current.Version != transition.ExpectedVersion)
        {
            var by = current.IsHeldByOther(transition.ActorUserId, now) ? $"; {current.AssignedTo} holds it now" : "";
            return new VerificationConflictException(ConflictReason.StaleVersion,
                $"This request changed since you opened it (it is now {current.Status}{by}). Nothing was saved; reload to see the change.");
        }

        if (transition.RequireClaim && !current.IsHeldBy(transition.ActorUserId, now))
        {
            return current.IsHeldByOther(transition.ActorUserId, now)
                ? new VerificationConflictException(ConflictReason.HeldByOther,
                    $"{current.AssignedTo} holds this request until {current.ClaimExpiresAt:HH:mm} UTC. Nothing was saved.")
                : new VerificationConflictException(ConflictReason.NotHeld,
                    "Your claim on this request has run out. Claim it again before deciding; nothing was saved.");
        }

        if (transition.ForbiddenFirstApprover is { } forbidden && current.FirstApproverUserId == forbidden)
        {
            return new VerificationConflictException(ConflictReason.SameApprover,
                "You gave the first approval; the second must come from another senior reviewer. Nothing was saved.");
        }

        return new VerificationConflictException(ConflictReason.WrongState,
            $"A request that is {current.Status} cannot be changed this way. Nothing was saved.");
    }

    public async Task AddNoteAsync(long requestId, long userId, string note, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(connection, transaction, requestId, cancellationToken).ConfigureAwait(false)
            ?? throw new VerificationConflictException(ConflictReason.NotFound, $"Request {requestId} does not exist.");
        await InsertEventAsync(connection, transaction, requestId, now, userId, VerificationEventKinds.Note, current.Status, current.Status, null, note, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            new AuditEntry("RequestNoteAdded", "VerificationRequest", Text(requestId), note.Length > 200 ? note[..200] + "…" : note), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RequestDetail?> LatestApprovedOfBusinessAsync(long businessId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long?>(Command(LatestApprovedSql, new { BusinessId = businessId }, cancellationToken)).ConfigureAwait(false);
        return id is null ? null : await GetAsync(connection, null, id.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> AssignAsync(IReadOnlyCollection<long> requestIds, long assigneeUserId, DateTimeOffset leaseUntil, Actor actor, CancellationToken cancellationToken)
    {
        string[] assignable = [VerificationStatus.Pending, VerificationStatus.InReview];
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<ClaimState>(Command(AssignableSql,
            new { Ids = requestIds, Assignable = assignable }, cancellationToken, transaction)).ConfigureAwait(false)).AsList();
        foreach (var row in rows)
        {
            await connection.ExecuteAsync(Command(AssignSql, new { Id = row.RequestId, Assignee = assigneeUserId, LeaseUntil = leaseUntil, Now = now, Assignable = assignable }, cancellationToken, transaction)).ConfigureAwait(false);
            var status = row.Status == VerificationStatus.Pending ? VerificationStatus.InReview : row.Status;
            await InsertEventAsync(connection, transaction, row.RequestId, now, assigneeUserId, VerificationEventKinds.Assigned, row.Status, status, null, $"Assigned by {actor.Name}", cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(connection, transaction,
                new AuditEntry("RequestAssigned", "VerificationRequest", Text(row.RequestId), $"Assigned to user {assigneeUserId}", new { row.Status }, new { Status = status, AssignedTo = assigneeUserId }), actor).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private Task InsertEventAsync(DbConnection connection, DbTransaction transaction, long requestId, DateTimeOffset at, long? actorUserId, string kind,
        string? fromStatus, string? toStatus, string? reasonCode, string? note, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(InsertEventSql, new
        {
            RequestId = requestId,
            At = at,
            ActorUserId = actorUserId,
            Kind = kind,
            FromStatus = fromStatus,
            ToStatus = toStatus,
            ReasonCode = reasonCode,
            Note = note,
        }, cancellationToken, transaction));

    private sealed record ClaimState
    {
        public long RequestId { get; init; }

        public string Status { get; init; } = "";

        public long? AssignedToUserId { get; init; }

        public DateTimeOffset? ClaimExpiresAt { get; init; }

        public string? Holder { get; init; }
    }
}
