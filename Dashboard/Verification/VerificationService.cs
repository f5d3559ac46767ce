using System.Security.Claims;
using Dashboard.Data.Audit;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Verification;

/// <summary>A request as its reviewer sees it after opening: the detail, and whether they hold it.</summary>
public sealed record OpenedRequest(RequestDetail Request, ClaimOutcome Claim);

/// <summary>
/// The verification workflow's rules, in one place on the server: who may claim and decide what, the four-eyes
/// rule, and revocation. Pages and endpoints call this; it checks the acting user's policies itself, so a hidden
/// button is never the control.
/// </summary>
public sealed class VerificationService(
    IVerificationStore store,
    IAuthorizationService authorization,
    IOptions<VerificationOptions> options,
    VerificationFeed feed,
    TimeProvider time,
    Checks.VerifiedNameCache? verifiedNames = null,
    Checks.VerificationChecks? checks = null)
{
    private static readonly string[] s_reviewerClaimable = [VerificationStatus.Pending, VerificationStatus.InReview];
    private static readonly string[] s_seniorClaimable =
        [VerificationStatus.Pending, VerificationStatus.InReview, VerificationStatus.Escalated, VerificationStatus.AwaitingSecondApproval];

    private VerificationOptions Options => options.Value;

    /// <summary>Opens a request: claims it when this user may work on it and nobody else holds it.</summary>
    public async Task<OpenedRequest?> OpenAsync(ClaimsPrincipal user, long requestId, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        var request = await store.GetAsync(requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var claimable = senior ? s_seniorClaimable : s_reviewerClaimable;
        if (!claimable.Contains(request.Status))
        {
            return new OpenedRequest(request, new ClaimOutcome(false, Status: request.Status));
        }

        var claim = await store.ClaimAsync(requestId, id, claimable, notOwnFirstApproval: true, time.GetUtcNow() + Options.ClaimLease, actor, cancellationToken);
        if (claim.Claimed)
        {
            await feed.PublishAsync(requestId, VerificationEventKinds.Claimed, null, actor.Name);
        }

        return new OpenedRequest((await store.GetAsync(requestId, cancellationToken))!, claim);
    }

    public async Task<bool> RenewAsync(ClaimsPrincipal user, long requestId, CancellationToken cancellationToken)
    {
        var (id, _, _) = await RequireReviewerAsync(user);
        return await store.RenewAsync(requestId, id, time.GetUtcNow() + Options.ClaimLease, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(ClaimsPrincipal user, long requestId, CancellationToken cancellationToken)
    {
        var (id, actor, _) = await RequireReviewerAsync(user);
        var released = await store.ReleaseAsync(requestId, id, actor, cancellationToken);
        if (released)
        {
            await feed.PublishAsync(requestId, VerificationEventKinds.Released, null, actor.Name);
        }

        return released;
    }

    /// <summary>Claims the most urgent request this user may work on; null when the queue is empty for them.</summary>
    public async Task<long?> NextAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        var next = await store.ClaimNextAsync(id, senior ? s_seniorClaimable : s_reviewerClaimable, notOwnFirstApproval: true,
            time.GetUtcNow() + Options.ClaimLease, actor, cancellationToken);
        if (next is { } requestId)
        {
            await feed.PublishAsync(requestId, VerificationEventKinds.Claimed, null, actor.Name);
        }

        return next;
    }

    /// <summary>
    /// Approves. A high-risk request (category or score) moves to <see cref="VerificationStatus.AwaitingSecondApproval"/>;
    /// only a senior reviewer who did not give the first approval completes it.
    /// </summary>
    public async Task<RequestDetail> ApproveAsync(ClaimsPrincipal user, long requestId, int version, string? note, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        var request = await LoadAsync(requestId, version, cancellationToken);
        Transition transition;
        if (request.Status == VerificationStatus.AwaitingSecondApproval)
        {
            if (!senior)
            {
                throw new UnauthorizedAccessException(VerificationDisplay.Get("Error.SeniorSecondApproval"));
            }

            if (request.FirstApproverUserId == id)
            {
                throw new VerificationConflictException(ConflictReason.SameApprover,
                    VerificationDisplay.Get("Conflict.SameApprover"));
            }

            transition = Decide(requestId, version, id, VerificationEventKinds.Approved, [VerificationStatus.AwaitingSecondApproval], VerificationStatus.Approved, null, note)
                with { SetDecided = true, SetBusinessVerified = true, ForbiddenFirstApprover = id };
        }
        else if (Options.NeedsFourEyes(request.Category, await RiskScoreAsync(request, cancellationToken)))
        {
            transition = Decide(requestId, version, id, VerificationEventKinds.FirstApproval, [VerificationStatus.InReview, VerificationStatus.Escalated],
                VerificationStatus.AwaitingSecondApproval, null, note) with { SetFirstApprover = true };
        }
        else
        {
            transition = Decide(requestId, version, id, VerificationEventKinds.Approved, [VerificationStatus.InReview, VerificationStatus.Escalated],
                VerificationStatus.Approved, null, note) with { SetDecided = true, SetBusinessVerified = true };
        }

        return await ApplyAsync(transition, actor, cancellationToken);
    }

    /// <summary>
    /// The higher of the score at submission and the checks' score now: a business that has become riskier since it
    /// applied (a verified business of the same name since, a phone number now shared) gets the second approval its
    /// score now calls for.
    /// </summary>
    private async Task<int> RiskScoreAsync(RequestDetail request, CancellationToken cancellationToken) =>
        checks is null ? request.RiskScore : Math.Max(request.RiskScore, (await checks.RunAsync(request, cancellationToken)).RiskScore);

    public async Task<RequestDetail> RejectAsync(ClaimsPrincipal user, long requestId, int version, string reasonCode, string note, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        if (!RejectionReasons.All.Contains(reasonCode))
        {
            throw new ArgumentException($"'{reasonCode}' is not a rejection reason. Reasons: {string.Join(", ", RejectionReasons.All)}.", nameof(reasonCode));
        }

        RequireText(note, VerificationDisplay.Get("Error.RejectNote"), nameof(note));
        string[] from = senior
            ? [VerificationStatus.InReview, VerificationStatus.Escalated, VerificationStatus.AwaitingSecondApproval]
            : [VerificationStatus.InReview];
        await LoadAsync(requestId, version, cancellationToken);
        return await ApplyAsync(Decide(requestId, version, id, VerificationEventKinds.Rejected, from, VerificationStatus.Rejected, reasonCode, note.Trim())
            with { SetDecided = true }, actor, cancellationToken);
    }

    public async Task<RequestDetail> RequestInfoAsync(ClaimsPrincipal user, long requestId, int version, string message, CancellationToken cancellationToken)
    {
        var (id, actor, _) = await RequireReviewerAsync(user);
        RequireText(message, VerificationDisplay.Get("Error.InfoMessage"), nameof(message));
        await LoadAsync(requestId, version, cancellationToken);
        return await ApplyAsync(Decide(requestId, version, id, VerificationEventKinds.InfoRequested, [VerificationStatus.InReview, VerificationStatus.Escalated],
            VerificationStatus.NeedsInfo, null, message.Trim()), actor, cancellationToken);
    }

    public async Task<RequestDetail> EscalateAsync(ClaimsPrincipal user, long requestId, int version, string note, CancellationToken cancellationToken)
    {
        var (id, actor, _) = await RequireReviewerAsync(user);
        RequireText(note, VerificationDisplay.Get("Error.EscalateNote"), nameof(note));
        await LoadAsync(requestId, version, cancellationToken);
        return await ApplyAsync(Decide(requestId, version, id, VerificationEventKinds.Escalated, [VerificationStatus.InReview],
            VerificationStatus.Escalated, null, note.Trim()), actor, cancellationToken);
    }

    public async Task AddNoteAsync(ClaimsPrincipal user, long requestId, string note, CancellationToken cancellationToken)
    {
        var (id, actor, _) = await RequireReviewerAsync(user);
        RequireText(note, VerificationDisplay.Get("Error.EmptyNote"), nameof(note));
        await store.AddNoteAsync(requestId, id, note.Trim(), actor, cancellationToken);
        await feed.PublishAsync(requestId, VerificationEventKinds.Note, null, actor.Name);
    }

    /// <summary>Takes the verified marker away from a business (senior reviewers only), with a reason.</summary>
    public async Task<RequestDetail> RevokeAsync(ClaimsPrincipal user, long businessId, string reason, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        if (!senior)
        {
            throw new UnauthorizedAccessException(VerificationDisplay.Get("Error.SeniorRevoke"));
        }

        RequireText(reason, VerificationDisplay.Get("Error.RevokeReason"), nameof(reason));
        var approved = await store.LatestApprovedOfBusinessAsync(businessId, cancellationToken)
            ?? throw new VerificationConflictException(ConflictReason.WrongState, VerificationDisplay.Get("Error.NothingToRevoke"));
        return await ApplyAsync(Decide(approved.Id, approved.Version, id, VerificationEventKinds.Revoked, [VerificationStatus.Approved],
            VerificationStatus.Revoked, null, reason.Trim()) with { RequireClaim = false, SetDecided = true, SetBusinessVerified = false }, actor, cancellationToken);
    }

    /// <summary>Assigns open requests to a reviewer; answers how many were assigned (decided ones are skipped).</summary>
    public async Task<int> AssignAsync(ClaimsPrincipal user, IReadOnlyCollection<long> requestIds, long assigneeUserId, CancellationToken cancellationToken)
    {
        var (_, actor, _) = await RequireReviewerAsync(user);
        var assigned = await store.AssignAsync(requestIds, assigneeUserId, time.GetUtcNow() + Options.ClaimLease, actor, cancellationToken);
        foreach (var requestId in requestIds)
        {
            await feed.PublishAsync(requestId, VerificationEventKinds.Assigned, null, actor.Name);
        }

        return assigned;
    }

    /// <summary>Rejects several open requests as spam (senior reviewers only); answers how many were rejected.</summary>
    public async Task<int> RejectAsSpamAsync(ClaimsPrincipal user, IReadOnlyCollection<long> requestIds, CancellationToken cancellationToken)
    {
        var (id, actor, senior) = await RequireReviewerAsync(user);
        if (!senior)
        {
            throw new UnauthorizedAccessException(VerificationDisplay.Get("Error.SeniorBulk"));
        }

        var rejected = 0;
        foreach (var requestId in requestIds)
        {
            var request = await store.GetAsync(requestId, cancellationToken);
            if (request is null || !VerificationStatus.Open.Contains(request.Status))
            {
                continue;
            }

            try
            {
                await ApplyAsync(Decide(requestId, request.Version, id, VerificationEventKinds.Rejected, VerificationStatus.Open, VerificationStatus.Rejected,
                    "OTHER", "Rejected as spam") with { RequireClaim = false, SetDecided = true }, actor, cancellationToken);
                rejected++;
            }
            catch (VerificationConflictException)
            {
                // Changed meanwhile (decided by someone else): left as it is.
            }
        }

        return rejected;
    }

    private static Transition Decide(long requestId, int version, long userId, string kind, IReadOnlyCollection<string> from, string to, string? reason, string? note) => new()
    {
        RequestId = requestId,
        ExpectedVersion = version,
        ActorUserId = userId,
        EventKind = kind,
        FromStatuses = from,
        ToStatus = to,
        ReasonCode = reason,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
    };

    private async Task<RequestDetail> ApplyAsync(Transition transition, Actor actor, CancellationToken cancellationToken)
    {
        var after = await store.TransitionAsync(transition, actor, cancellationToken);
        if (transition.SetBusinessVerified is not null)
        {
            // The impersonation check compares names with the verified businesses: the next check reads them anew.
            verifiedNames?.Invalidate();
        }

        await feed.PublishAsync(after.Id, transition.EventKind, after.Status, actor.Name);
        return after;
    }

    private async Task<RequestDetail> LoadAsync(long requestId, int version, CancellationToken cancellationToken)
    {
        var request = await store.GetAsync(requestId, cancellationToken)
            ?? throw new VerificationConflictException(ConflictReason.NotFound, $"Request {requestId} does not exist.");
        if (request.Version != version)
        {
            var by = request.IsHeldByOther(0, time.GetUtcNow()) ? $"; {request.AssignedTo} holds it now" : "";
            throw new VerificationConflictException(ConflictReason.StaleVersion,
                $"This request changed since you opened it (it is now {request.Status}{by}). Nothing was saved; reload to see the change.");
        }

        return request;
    }

    private static void RequireText(string? value, string message, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(message, name);
        }

        if (value.Length > 2000)
        {
            throw new ArgumentException(VerificationDisplay.Get("Error.TooLong"), name);
        }
    }

    private async Task<(long Id, Actor Actor, bool Senior)> RequireReviewerAsync(ClaimsPrincipal user)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Reviewer)).Succeeded
            || !long.TryParse(user.FindFirstValue(ConsoleClaims.UserId), out var id))
        {
            throw new UnauthorizedAccessException(VerificationDisplay.Get("Error.ReviewersOnly"));
        }

        var senior = (await authorization.AuthorizeAsync(user, Policies.SeniorReviewer)).Succeeded;
        return (id, Actor.User(id, user.Identity?.Name ?? ""), senior);
    }
}
