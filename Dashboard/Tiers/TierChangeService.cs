using System.Globalization;
using System.Security.Claims;
using Dashboard.Audit;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Tiers;

/// <summary>
/// Changes a business's tier now or on a date, with the checks an account manager needs before confirming (features
/// lost, usage above the new limits, proration) and the approval rule: a big discount, a limit above the tier's, or a
/// large enterprise on an SME-only tier beyond the grace period waits for a second account manager or an admin, never
/// the person who entered it. Every rule is checked here, whoever calls.
/// </summary>
public sealed class TierChangeService(
    ISubscriptionStore store,
    IBusinessStore businesses,
    SmeEligibility sme,
    IAuthorizationService authorization,
    IOptions<TierChangeOptions> options,
    TimeProvider time,
    ILogger<TierChangeService> logger)
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Actions this service writes to the audit log (entity type <c>Subscription</c>, entity id the business id).</summary>
    public static class AuditActions
    {
        public const string Changed = "TierChanged";
        public const string Scheduled = "TierChangeScheduled";
        public const string Requested = "TierChangeRequested";
        public const string Approved = "TierChangeApproved";
        public const string Rejected = "TierChangeRejected";
        public const string Cancelled = "TierChangeCancelled";
        public const string Applied = "TierChangeApplied";
    }

    private TierChangeOptions Options => options.Value;

    /// <summary>The tiers a business can be moved to now: each tier's version in force.</summary>
    public async Task<IReadOnlyList<TierOffer>> OffersAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(user);
        return await store.OffersAsync(time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Works out what the change would do, without writing anything.</summary>
    public async Task<TierChangePreview> PreviewAsync(ClaimsPrincipal user, TierChangeRequest request, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(user);
        return await BuildPreviewAsync(request, cancellationToken);
    }

    /// <summary>Puts the change in force, schedules it, or leaves it waiting for approval, as its preview says.</summary>
    public async Task<TierChangeOutcome> SubmitAsync(ClaimsPrincipal user, TierChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (userId, actor) = await RequireEditorAsync(user);
        var preview = await BuildPreviewAsync(request, cancellationToken);
        if (!preview.IsValid)
        {
            throw new TierChangeRefusedException(preview.Errors);
        }

        var now = time.GetUtcNow();
        var target = preview.Target!;
        var current = preview.Current;
        var row = new NewSubscription
        {
            BusinessId = request.BusinessId,
            TierVersionId = target.TierVersionId,
            EffectiveFrom = preview.EffectiveAt,
            EffectiveTo = request.FreeUntil is { } until ? Midnight(until) : null,
            PriceOverrideCents = request.PriceOverrideCents,
            DiscountPercent = request.DiscountPercent,
            DiscountEndsAt = request.DiscountEndsOn is { } d ? Midnight(d) : null,
            ConversationsOverride = request.ConversationsOverride,
            AgentSeatsOverride = request.AgentSeatsOverride,
            OverridesEndAt = request.OverridesEndOn is { } o ? Midnight(o) : null,
            Reason = request.Reason.Trim(),
            EnteredAt = now,
            EnteredByUserId = userId,
        };

        var updates = new List<SubscriptionUpdate>();
        var inserts = new List<NewSubscription>();
        string action, status, message;
        if (preview.NeedsApproval)
        {
            row = row with
            {
                Status = SubscriptionStatus.PendingApproval,
                ApprovalStatus = ApprovalStatus.Pending,
                ApprovalReasons = ApprovalReason.Serialize(preview.Approval),
            };
            inserts.Add(row);
            (action, status) = (AuditActions.Requested, SubscriptionStatus.PendingApproval);
            message = Say("WaitsForApproval", target.TierName);
        }
        else if (preview.Immediate)
        {
            if (current is not null)
            {
                updates.Add(new SubscriptionUpdate(current with { Status = SubscriptionStatus.Ended, EffectiveTo = now }, current.Version));
            }

            inserts.Add(row with { EffectiveFrom = now, Status = SubscriptionStatus.Active });
            if (row.EffectiveTo is { } end && current is not null)
            {
                inserts.Add(ReturnRow(current, end, now));
            }

            (action, status) = (AuditActions.Changed, SubscriptionStatus.Active);
            message = Say("InForceNow", preview.BusinessName, target.TierName);
        }
        else
        {
            if (current is not null)
            {
                updates.Add(new SubscriptionUpdate(current with { EffectiveTo = preview.EffectiveAt }, current.Version));
            }

            inserts.Add(row with { Status = SubscriptionStatus.Scheduled });
            (action, status) = (AuditActions.Scheduled, SubscriptionStatus.Scheduled);
            message = Say("MovesOn", preview.BusinessName, target.TierName, CultureFormat.Date(preview.EffectiveAt));
        }

        var entry = new AuditEntry(action, AuditVisibility.Subscription, Text(request.BusinessId),
            $"{preview.BusinessName}: {current?.Tier.TierName ?? "no tier"} → {target.TierName} v{target.VersionNumber} ({status}{(preview.Immediate ? "" : $" from {preview.EffectiveAt:yyyy-MM-dd}")})",
            Terms(current, now), TermsOf(row with { Status = status }, target));
        var ids = await store.WriteAsync(new SubscriptionWrite { Updates = updates, Inserts = inserts, Audit = [entry] }, actor, cancellationToken);
        return new TierChangeOutcome(ids[0], status, message);
    }

    /// <summary>A second person approves a waiting change: it goes in force at once if its date has come, else it is scheduled.</summary>
    public async Task<TierChangeOutcome> ApproveAsync(ClaimsPrincipal user, long subscriptionId, int version, string? note, CancellationToken cancellationToken)
    {
        var (userId, actor) = await RequireEditorAsync(user);
        var pending = await RequirePendingAsync(subscriptionId, version, cancellationToken);
        if (pending.EnteredByUserId == userId)
        {
            throw new UnauthorizedAccessException(Say("OwnChangeApprove"));
        }

        var now = time.GetUtcNow();
        var current = (await store.OpenRowsAsync(pending.BusinessId, cancellationToken)).FirstOrDefault(r => r.Status == SubscriptionStatus.Active);
        var decided = pending with
        {
            ApprovalStatus = ApprovalStatus.Approved,
            ApprovedByUserId = userId,
            DecidedAt = now,
            DecisionNote = string.IsNullOrWhiteSpace(note) ? null : Limit(note.Trim(), nameof(note)),
        };
        if (decided.EffectiveTo is { } end && end <= Max(pending.EffectiveFrom, now))
        {
            throw new InvalidOperationException(Say("FreePeriodPassed", CultureFormat.Date(end)));
        }

        var updates = new List<SubscriptionUpdate>();
        var inserts = new List<NewSubscription>();
        string message;
        if (pending.EffectiveFrom <= now)
        {
            if (current is not null)
            {
                updates.Add(new SubscriptionUpdate(current with { Status = SubscriptionStatus.Ended, EffectiveTo = now }, current.Version));
            }

            decided = decided with { Status = SubscriptionStatus.Active, EffectiveFrom = now };
            if (decided.EffectiveTo is { } until && current is not null)
            {
                inserts.Add(ReturnRow(current, until, now));
            }

            message = Say("ApprovedNow", pending.Tier.TierName);
        }
        else
        {
            if (current is not null)
            {
                updates.Add(new SubscriptionUpdate(current with { EffectiveTo = pending.EffectiveFrom }, current.Version));
            }

            decided = decided with { Status = SubscriptionStatus.Scheduled };
            message = Say("ApprovedOn", pending.Tier.TierName, CultureFormat.Date(pending.EffectiveFrom));
        }

        updates.Add(new SubscriptionUpdate(decided, pending.Version));
        var entry = new AuditEntry(AuditActions.Approved, AuditVisibility.Subscription, Text(pending.BusinessId),
            $"Approved {pending.Tier.TierName} v{pending.Tier.VersionNumber} ({decided.Status}){(decided.DecisionNote is null ? "" : ": " + decided.DecisionNote)}",
            TermsOf(pending), TermsOf(decided));
        await store.WriteAsync(new SubscriptionWrite { Updates = updates, Inserts = inserts, Audit = [entry] }, actor, cancellationToken);
        return new TierChangeOutcome(pending.Id, decided.Status, message);
    }

    /// <summary>A second person turns a waiting change down; the business stays where it is.</summary>
    public async Task<TierChangeOutcome> RejectAsync(ClaimsPrincipal user, long subscriptionId, int version, string note, CancellationToken cancellationToken)
    {
        var (userId, actor) = await RequireEditorAsync(user);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new ArgumentException(Say("RejectNeedsNote"), nameof(note));
        }

        var pending = await RequirePendingAsync(subscriptionId, version, cancellationToken);
        if (pending.EnteredByUserId == userId)
        {
            throw new UnauthorizedAccessException(Say("OwnChangeReject"));
        }

        var decided = pending with
        {
            Status = SubscriptionStatus.Rejected,
            ApprovalStatus = ApprovalStatus.Rejected,
            ApprovedByUserId = userId,
            DecidedAt = time.GetUtcNow(),
            DecisionNote = Limit(note.Trim(), nameof(note)),
        };
        var entry = new AuditEntry(AuditActions.Rejected, AuditVisibility.Subscription, Text(pending.BusinessId),
            $"Rejected {pending.Tier.TierName} v{pending.Tier.VersionNumber}: {decided.DecisionNote}", TermsOf(pending), TermsOf(decided));
        await store.WriteAsync(new SubscriptionWrite { Updates = [new SubscriptionUpdate(decided, pending.Version)], Audit = [entry] }, actor, cancellationToken);
        return new TierChangeOutcome(pending.Id, decided.Status, Say("RejectedStays"));
    }

    /// <summary>Withdraws a scheduled change or one waiting for approval; the current tier then runs on.</summary>
    public async Task<TierChangeOutcome> CancelAsync(ClaimsPrincipal user, long subscriptionId, int version, CancellationToken cancellationToken)
    {
        var (_, actor) = await RequireEditorAsync(user);
        var row = await store.GetAsync(subscriptionId, cancellationToken) ?? throw new NotFoundException("Subscription", Text(subscriptionId));
        if (row.Status is not (SubscriptionStatus.Scheduled or SubscriptionStatus.PendingApproval))
        {
            throw new InvalidOperationException(Say("CannotCancel", Describe(row.Status)));
        }

        if (row.Version != version)
        {
            throw new ConcurrencyConflictException("Subscription", Text(subscriptionId));
        }

        var updates = new List<SubscriptionUpdate>();
        if (row.Status == SubscriptionStatus.Scheduled)
        {
            var current = (await store.OpenRowsAsync(row.BusinessId, cancellationToken)).FirstOrDefault(r => r.Status == SubscriptionStatus.Active);
            if (current is not null && current.Tier.SmeOnly && current.EffectiveTo == row.EffectiveFrom
                && !(await sme.JudgeAsync(row.BusinessId, cancellationToken) ?? throw new NotFoundException("Business", Text(row.BusinessId))).IsSme)
            {
                throw new InvalidOperationException(
                    Say("CannotCancelReturn", CultureFormat.Date(row.EffectiveFrom), current.Tier.TierName));
            }

            if (current is not null && current.EffectiveTo == row.EffectiveFrom)
            {
                updates.Add(new SubscriptionUpdate(current with { EffectiveTo = null }, current.Version));
            }
        }

        var cancelled = row with { Status = SubscriptionStatus.Cancelled, DecidedAt = time.GetUtcNow(), DecisionNote = "Cancelled" };
        updates.Add(new SubscriptionUpdate(cancelled, row.Version));
        var entry = new AuditEntry(AuditActions.Cancelled, AuditVisibility.Subscription, Text(row.BusinessId),
            $"Cancelled the change to {row.Tier.TierName} v{row.Tier.VersionNumber} from {row.EffectiveFrom:yyyy-MM-dd}", TermsOf(row), TermsOf(cancelled));
        await store.WriteAsync(new SubscriptionWrite { Updates = updates, Audit = [entry] }, actor, cancellationToken);
        return new TierChangeOutcome(row.Id, SubscriptionStatus.Cancelled, Say("Cancelled", row.Tier.TierName));
    }

    /// <summary>The changes waiting for approval, for account managers and admins.</summary>
    public async Task<IReadOnlyList<PendingChange>> PendingApprovalsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(user);
        return await store.PendingApprovalsAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> may approve or reject a change entered by <paramref name="enteredByUserId"/>.</summary>
    public async Task<bool> CanDecideAsync(ClaimsPrincipal user, long? enteredByUserId) =>
        (await authorization.AuthorizeAsync(user, Policies.Accounts)).Succeeded
        && long.TryParse(user.FindFirstValue(ConsoleClaims.UserId), out var id)
        && id != enteredByUserId;

    /// <summary>Puts in force every scheduled change whose date has come; run by the console, with no one at the keyboard.</summary>
    public async Task<int> ApplyDueAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        var skipped = new HashSet<long>();
        while (true)
        {
            var now = time.GetUtcNow();
            var due = (await store.DueAsync(now, 200, cancellationToken)).Where(r => !skipped.Contains(r.Id)).ToList();
            if (due.Count == 0)
            {
                return applied;
            }

            foreach (var row in due)
            {
                try
                {
                    await ApplyAsync(row, now, cancellationToken);
                    applied++;
                }
                catch (ConcurrencyConflictException ex)
                {
                    // Someone changed the business meanwhile; the next round reads it afresh.
                    logger.LogWarning(ex, "Scheduled change {SubscriptionId} of business {BusinessId} was not applied", row.Id, row.BusinessId);
                    skipped.Add(row.Id);
                }
            }
        }
    }

    private async Task ApplyAsync(SubscriptionRow due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = (await store.OpenRowsAsync(due.BusinessId, cancellationToken)).FirstOrDefault(r => r.Status == SubscriptionStatus.Active);
        var updates = new List<SubscriptionUpdate>();
        var inserts = new List<NewSubscription>();
        if (current is not null)
        {
            updates.Add(new SubscriptionUpdate(current with { Status = SubscriptionStatus.Ended, EffectiveTo = due.EffectiveFrom }, current.Version));
        }

        var active = due with { Status = SubscriptionStatus.Active };
        updates.Add(new SubscriptionUpdate(active, due.Version));
        if (due.EffectiveTo is { } until && current is not null)
        {
            inserts.Add(ReturnRow(current, until, now));
        }

        var entry = new AuditEntry(AuditActions.Applied, AuditVisibility.Subscription, Text(due.BusinessId),
            $"Scheduled change to {due.Tier.TierName} v{due.Tier.VersionNumber} took effect on {due.EffectiveFrom:yyyy-MM-dd HH:mm} UTC",
            current is null ? null : TermsOf(current), TermsOf(active));
        await store.WriteAsync(new SubscriptionWrite { Updates = updates, Inserts = inserts, Audit = [entry] }, Actor.Console("scheduler"), cancellationToken);
    }

    private async Task<TierChangePreview> BuildPreviewAsync(TierChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var business = await businesses.GetAsync(request.BusinessId, cancellationToken) ?? throw new NotFoundException("Business", Text(request.BusinessId));
        var verdict = await sme.JudgeAsync(request.BusinessId, cancellationToken);
        var isSme = verdict?.IsSme ?? false;
        var sizeKnown = verdict is { HasFigures: true };
        var open = await store.OpenRowsAsync(request.BusinessId, cancellationToken);
        var current = open.FirstOrDefault(r => r.Status == SubscriptionStatus.Active);
        var waiting = open.FirstOrDefault(r => r.Status is SubscriptionStatus.Scheduled or SubscriptionStatus.PendingApproval);

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var immediate = request.StartsOn is null || request.StartsOn <= today;
        var at = immediate ? now : Midnight(request.StartsOn!.Value);
        if (request.StartsOn is { } starts && starts < today)
        {
            errors[nameof(request.StartsOn)] = Say("StartPassed");
        }
        else if (request.StartsOn is { } later && later > today.AddDays(Options.MaxDaysAhead))
        {
            errors[nameof(request.StartsOn)] = Say("StartTooFar", Options.MaxDaysAhead);
        }

        var offers = await store.OffersAsync(at, cancellationToken);
        var target = offers.FirstOrDefault(o => o.TierCode == request.TierCode);
        if (target is null)
        {
            errors[nameof(request.TierCode)] = Say("ChooseTier");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors[nameof(request.Reason)] = Say("ReasonMissing");
        }
        else if (request.Reason.Trim().Length > 1000)
        {
            errors[nameof(request.Reason)] = Say("ReasonTooLong");
        }

        ValidateTerms(request, at, target, current, errors);
        if (waiting is not null)
        {
            errors[""] = waiting.Status == SubscriptionStatus.PendingApproval
                ? Say("AlreadyWaiting", waiting.Tier.TierName)
                : Say("AlreadyScheduled", waiting.Tier.TierName, CultureFormat.Date(waiting.EffectiveFrom));
        }

        if (target is null)
        {
            return new TierChangePreview { BusinessName = business.DisplayName, BusinessIsSme = isSme, BusinessSizeKnown = sizeKnown, Current = current, Waiting = waiting, EffectiveAt = at, Immediate = immediate, Errors = errors };
        }

        var newMonthly = SubscriptionPricing.MonthlyPriceCents(target.MonthlyPriceCents, request.PriceOverrideCents, Nullable(request.OverridesEndOn),
            request.DiscountPercent, Nullable(request.DiscountEndsOn), at);
        var currentMonthly = current?.MonthlyPriceCentsAt(at) ?? 0;
        var approval = ApprovalReasons(request, at, target, newMonthly, isSme, sizeKnown);
        if (request.FreeUntil is not null && current is null)
        {
            errors[nameof(request.FreeUntil)] = Say("NoTierToReturnTo");
        }

        var newConversations = request.ConversationsOverride ?? target.ConversationsPer24h;
        var usage = await store.UsageAsync(request.BusinessId, now.AddDays(-30), now, cancellationToken);
        return new TierChangePreview
        {
            BusinessName = business.DisplayName,
            BusinessIsSme = isSme,
            BusinessSizeKnown = sizeKnown,
            Current = current,
            Waiting = waiting,
            Target = target,
            EffectiveAt = at,
            Immediate = immediate,
            Direction = current is null ? "New" : target.SortOrder > current.Tier.SortOrder ? "Upgrade" : target.SortOrder < current.Tier.SortOrder ? "Downgrade" : "Same tier",
            CurrentMonthlyCents = currentMonthly,
            NewMonthlyCents = newMonthly,
            FeaturesLost = current is null ? [] : FeaturesLost(current.Tier, target),
            LimitsLowered = current is null ? [] : LimitsLowered(current, at, target, request),
            UsageWarnings = UsageWarnings(usage, newConversations, target.TierName),
            Proration = Prorate(at, currentMonthly, newMonthly),
            Approval = approval,
            Errors = errors,
        };
    }

    private void ValidateTerms(TierChangeRequest request, DateTimeOffset at, TierOffer? target, SubscriptionRow? current, Dictionary<string, string> errors)
    {
        if (request.DiscountPercent is { } discount)
        {
            if (discount is < 1 or > 100)
            {
                errors[nameof(request.DiscountPercent)] = Say("DiscountRange");
            }
            else if (request.DiscountEndsOn is null)
            {
                errors[nameof(request.DiscountEndsOn)] = Say("DiscountNeedsEnd");
            }
        }
        else if (request.DiscountEndsOn is not null)
        {
            errors[nameof(request.DiscountPercent)] = Say("DiscountMissing");
        }

        if (request.DiscountEndsOn is { } discountEnds && Midnight(discountEnds) <= at)
        {
            errors[nameof(request.DiscountEndsOn)] = Say("DiscountEndsEarly");
        }

        if (request.PriceOverrideCents is < 0)
        {
            errors[nameof(request.PriceOverrideCents)] = Say("PriceNegative");
        }

        if (request.ConversationsOverride is <= 0)
        {
            errors[nameof(request.ConversationsOverride)] = Say("ConversationsMin");
        }

        if (request.AgentSeatsOverride is <= 0)
        {
            errors[nameof(request.AgentSeatsOverride)] = Say("SeatsMin");
        }

        var anyOverride = request.PriceOverrideCents is not null || request.ConversationsOverride is not null || request.AgentSeatsOverride is not null;
        if (anyOverride && request.OverridesEndOn is null)
        {
            errors[nameof(request.OverridesEndOn)] = Say("OverridesNeedEnd");
        }
        else if (!anyOverride && request.OverridesEndOn is not null)
        {
            errors[nameof(request.OverridesEndOn)] = Say("OverrideMissing");
        }
        else if (request.OverridesEndOn is { } overridesEnd && Midnight(overridesEnd) <= at)
        {
            errors[nameof(request.OverridesEndOn)] = Say("OverridesEndEarly");
        }

        if (target is null)
        {
            return;
        }

        if (target.MonthlyPriceCents == 0 && (request.PriceOverrideCents is not null || request.DiscountPercent is not null))
        {
            errors[nameof(request.PriceOverrideCents)] = Say("TierFree", target.TierName);
        }

        if (request.FreeUntil is { } until)
        {
            if (!target.SmeOnly)
            {
                errors[nameof(request.FreeUntil)] = Say("FreePeriodNotSme", target.TierName);
            }
            else if (Midnight(until) <= at)
            {
                errors[nameof(request.FreeUntil)] = Say("FreePeriodEndsEarly");
            }
        }

        if (current is not null && current.Tier.TierVersionId == target.TierVersionId && request.FreeUntil is null
            && current.PriceOverrideCents == request.PriceOverrideCents && current.DiscountPercent == request.DiscountPercent
            && current.ConversationsOverride == request.ConversationsOverride && current.AgentSeatsOverride == request.AgentSeatsOverride
            && Nullable(request.DiscountEndsOn) == current.DiscountEndsAt && Nullable(request.OverridesEndOn) == current.OverridesEndAt)
        {
            errors[nameof(request.TierCode)] = Say("NothingChanges", target.TierName, target.VersionNumber);
        }
    }

    private List<ApprovalReason> ApprovalReasons(TierChangeRequest request, DateTimeOffset at, TierOffer target, long newMonthly, bool isSme, bool sizeKnown)
    {
        var reasons = new List<ApprovalReason>();
        if (target.MonthlyPriceCents > 0)
        {
            var off = (target.MonthlyPriceCents - newMonthly) * 100m / target.MonthlyPriceCents;
            if (off > Options.ApprovalAboveDiscountPercent)
            {
                reasons.Add(ApprovalReason.Of(ApprovalReason.Discount, Math.Round(off, 1), target.MonthlyPriceCents, Options.ApprovalAboveDiscountPercent));
            }
        }

        if (request.ConversationsOverride is { } conversations && target.ConversationsPer24h is { } tierConversations && conversations > tierConversations)
        {
            reasons.Add(ApprovalReason.Of(ApprovalReason.Conversations, conversations, target.TierName, tierConversations));
        }

        if (request.AgentSeatsOverride is { } seats && target.AgentSeats is { } tierSeats && seats > tierSeats)
        {
            reasons.Add(ApprovalReason.Of(ApprovalReason.Seats, seats, target.TierName, tierSeats));
        }

        if (target.SmeOnly && !isSme)
        {
            var who = sizeKnown ? "NotSme" : "SizeUnknown";
            if (request.FreeUntil is not { } until)
            {
                reasons.Add(ApprovalReason.Of(ApprovalReason.SmeOnly, who, target.TierName, Options.NonSmeFreeGraceDays));
            }
            else if ((Midnight(until) - at).TotalDays > Options.NonSmeFreeGraceDays)
            {
                reasons.Add(ApprovalReason.Of(ApprovalReason.FreePeriod, who, Math.Round((Midnight(until) - at).TotalDays), Options.NonSmeFreeGraceDays));
            }
        }

        return reasons;
    }

    private static List<string> FeaturesLost(TierOffer from, TierOffer to)
    {
        var lost = new List<string>();
        if (from.VerifiedMarkerEligible && !to.VerifiedMarkerEligible)
        {
            lost.Add(TierCatalogueText.VerifiedMarker);
        }

        if (from.ApiAccess && !to.ApiAccess)
        {
            lost.Add(TierCatalogueText.ApiAccess);
        }

        if (from.BroadcastCampaigns && !to.BroadcastCampaigns)
        {
            lost.Add(TierCatalogueText.BroadcastCampaigns);
        }

        if (from.Analytics && !to.Analytics)
        {
            lost.Add(TierCatalogueText.Analytics);
        }

        if (to.SortOrder < from.SortOrder && from.SupportSla != to.SupportSla)
        {
            lost.Add(Say("SlaLowered", from.SupportSla, to.SupportSla));
        }

        return lost;
    }

    private static List<string> LimitsLowered(SubscriptionRow current, DateTimeOffset at, TierOffer target, TierChangeRequest request)
    {
        var lowered = new List<string>();
        Check(TierCatalogueText.Conversations, current.ConversationsAt(at), request.ConversationsOverride ?? target.ConversationsPer24h);
        Check(TierCatalogueText.AgentSeats, current.AgentSeatsAt(at), request.AgentSeatsOverride ?? target.AgentSeats);
        Check(TierCatalogueText.PhoneNumbers, current.Tier.PhoneNumbers, target.PhoneNumbers);
        return lowered;

        void Check(string name, int? from, int? to)
        {
            if (to is { } newLimit && (from is null || newLimit < from))
            {
                lowered.Add(Say("LimitLowered", name, from is { } f ? CultureFormat.Number(f) : Say("Unlimited"), CultureFormat.Number(newLimit)));
            }
        }
    }

    private static List<string> UsageWarnings(IReadOnlyList<BusinessUsagePoint> usage, int? conversationLimit, string tierName)
    {
        if (conversationLimit is not { } limit || usage.Count == 0)
        {
            return [];
        }

        var over = usage.Where(u => u.Conversations > limit).ToList();
        if (over.Count == 0)
        {
            return [];
        }

        var peak = over.MaxBy(u => u.Conversations)!;
        return
        [
            Say("UsageOver", over.Count, tierName, CultureFormat.Number(limit), CultureFormat.Number(peak.Conversations), CultureFormat.Date(peak.Day)),
        ];
    }

    private static Proration Prorate(DateTimeOffset at, long currentMonthly, long newMonthly)
    {
        var monthStart = new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var monthEnd = monthStart.AddMonths(1);
        var share = (decimal)((monthEnd - at).TotalSeconds / (monthEnd - monthStart).TotalSeconds);
        return new Proration(DateOnly.FromDateTime(monthStart.UtcDateTime), (monthEnd - monthStart).Days, Math.Round((decimal)(monthEnd - at).TotalDays, 1),
            (long)Math.Round(currentMonthly * share, MidpointRounding.AwayFromZero), (long)Math.Round(newMonthly * share, MidpointRounding.AwayFromZero));
    }

    /// <summary>After a free period the business goes back to the tier it came from, on the same terms.</summary>
    private static NewSubscription ReturnRow(SubscriptionRow previous, DateTimeOffset from, DateTimeOffset now) => new()
    {
        BusinessId = previous.BusinessId,
        TierVersionId = previous.Tier.TierVersionId,
        EffectiveFrom = from,
        Status = SubscriptionStatus.Scheduled,
        PriceOverrideCents = previous.PriceOverrideCents,
        DiscountPercent = previous.DiscountPercent,
        DiscountEndsAt = previous.DiscountEndsAt,
        ConversationsOverride = previous.ConversationsOverride,
        AgentSeatsOverride = previous.AgentSeatsOverride,
        OverridesEndAt = previous.OverridesEndAt,
        Reason = $"Back to {previous.Tier.TierName} when the free period ends",
        EnteredAt = now,
    };

    private async Task<SubscriptionRow> RequirePendingAsync(long subscriptionId, int version, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(subscriptionId, cancellationToken) ?? throw new NotFoundException("Subscription", Text(subscriptionId));
        if (row.Status != SubscriptionStatus.PendingApproval)
        {
            throw new InvalidOperationException(Say("NoLongerWaiting", Describe(row.Status)));
        }

        return row.Version == version ? row : throw new ConcurrencyConflictException("Subscription", Text(subscriptionId));
    }

    private async Task<(long Id, Actor Actor)> RequireEditorAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.Accounts)).Succeeded
            || !long.TryParse(user.FindFirstValue(ConsoleClaims.UserId), out var id))
        {
            throw new UnauthorizedAccessException(Say("NotAllowed"));
        }

        return (id, Actor.User(id, user.Identity?.Name ?? ""));
    }

    private static object? Terms(SubscriptionRow? row, DateTimeOffset at) => row is null ? null : TermsOf(row) with { MonthlyPriceCents = row.MonthlyPriceCentsAt(at) };

    private static AuditTerms TermsOf(SubscriptionRow row) => new(row.Id, row.Tier.TierCode, row.Tier.VersionNumber, row.Status, row.EffectiveFrom, row.EffectiveTo,
        row.MonthlyPriceCentsAt(row.EffectiveFrom), row.PriceOverrideCents, row.DiscountPercent, row.DiscountEndsAt, row.ConversationsOverride, row.AgentSeatsOverride,
        row.OverridesEndAt, row.ApprovalStatus, row.ApprovedByUserId, row.DecisionNote);

    private static AuditTerms TermsOf(NewSubscription row, TierOffer tier) => new(null, tier.TierCode, tier.VersionNumber, row.Status, row.EffectiveFrom, row.EffectiveTo,
        SubscriptionPricing.MonthlyPriceCents(tier.MonthlyPriceCents, row.PriceOverrideCents, row.OverridesEndAt, row.DiscountPercent, row.DiscountEndsAt, row.EffectiveFrom),
        row.PriceOverrideCents, row.DiscountPercent, row.DiscountEndsAt, row.ConversationsOverride, row.AgentSeatsOverride, row.OverridesEndAt, row.ApprovalStatus, null, null);

    private sealed record AuditTerms(long? SubscriptionId, string Tier, int Version, string Status, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo,
        long MonthlyPriceCents, long? PriceOverrideCents, int? DiscountPercent, DateTimeOffset? DiscountEndsAt, int? ConversationsOverride, int? AgentSeatsOverride,
        DateTimeOffset? OverridesEndAt, string ApprovalStatus, long? ApprovedByUserId, string? DecisionNote);

    private static string Describe(string status) => TiersText.Get("Change.State." + status);

    private static string Limit(string text, string name) =>
        text.Length <= 1000 ? text : throw new ArgumentException(Say("NoteTooLong"), name);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset? Nullable(DateOnly? day) => day is { } d ? Midnight(d) : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Euro(long cents) => CultureFormat.Euro(cents / 100m, 2);

    /// <summary>A message for the account manager, in the language of the request (TiersText, keys "Change.…").</summary>
    private static string Say(string key, params object?[] args) => TiersText.Get("Change." + key, args);

    private static string Text(long id) => id.ToString(s_invariant);
}
