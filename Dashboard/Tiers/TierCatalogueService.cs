using System.Globalization;
using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Tiers;

/// <summary>A change of the catalogue that its rules refuse, with a message that says why and what to do.</summary>
public class CatalogueRuleException(string message) : Exception(message);

/// <summary>A new version whose fields do not pass validation; nothing was saved.</summary>
public sealed class TierDraftException(IReadOnlyList<DraftError> errors)
    : CatalogueRuleException(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<DraftError> Errors { get; } = errors;
}

/// <summary>One validation message of the edit dialog and the field it is about.</summary>
public sealed record DraftError(string Field, string Message);

/// <summary>A tier version as an administrator enters it in the edit dialog: price in euros, limits, features, SLA and effective date.</summary>
public sealed class TierVersionDraft
{
    public decimal MonthlyPriceEur { get; set; }

    public int? ConversationsPer24h { get; set; }

    public bool ConversationsUnlimited { get; set; }

    public int? AgentSeats { get; set; }

    public bool AgentSeatsUnlimited { get; set; }

    public int? PhoneNumbers { get; set; }

    public bool PhoneNumbersUnlimited { get; set; }

    public bool VerifiedMarkerEligible { get; set; }

    public bool ApiAccess { get; set; }

    public bool BroadcastCampaigns { get; set; }

    public bool Analytics { get; set; }

    public string SupportSla { get; set; } = "";

    public DateOnly? EffectiveDate { get; set; }

    /// <summary>A draft with every field of <paramref name="version"/>, effective on <paramref name="effectiveDate"/>.</summary>
    public static TierVersionDraft From(CatalogueVersion version, DateOnly effectiveDate)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new()
        {
            MonthlyPriceEur = version.MonthlyPriceCents / 100m,
            ConversationsPer24h = version.ConversationsPer24h,
            ConversationsUnlimited = version.ConversationsPer24h is null,
            AgentSeats = version.AgentSeats,
            AgentSeatsUnlimited = version.AgentSeats is null,
            PhoneNumbers = version.PhoneNumbers,
            PhoneNumbersUnlimited = version.PhoneNumbers is null,
            VerifiedMarkerEligible = version.VerifiedMarkerEligible,
            ApiAccess = version.ApiAccess,
            BroadcastCampaigns = version.BroadcastCampaigns,
            Analytics = version.Analytics,
            SupportSla = version.SupportSla,
            EffectiveDate = effectiveDate,
        };
    }

    /// <summary>The terms this draft describes; only meaningful once it has passed validation.</summary>
    public TierTerms ToTerms() => new()
    {
        MonthlyPriceCents = (long)decimal.Round(MonthlyPriceEur * 100m),
        ConversationsPer24h = ConversationsUnlimited ? null : ConversationsPer24h,
        AgentSeats = AgentSeatsUnlimited ? null : AgentSeats,
        PhoneNumbers = PhoneNumbersUnlimited ? null : PhoneNumbers,
        VerifiedMarkerEligible = VerifiedMarkerEligible,
        ApiAccess = ApiAccess,
        BroadcastCampaigns = BroadcastCampaigns,
        Analytics = Analytics,
        SupportSla = SupportSla.Trim(),
    };
}

/// <summary>A limit that is lower on the latest version than on an older one (null is unlimited).</summary>
public sealed record LimitChange(string Limit, int? From, int? To);

/// <summary>What moving the businesses on one older version to the latest version changes for them.</summary>
public sealed record VersionImpact
{
    public int Version { get; init; }

    /// <summary>Businesses on this version that would move.</summary>
    public int Affected { get; init; }

    /// <summary>Businesses on this version left where they are because a change of theirs is pending.</summary>
    public int Skipped { get; init; }

    public IReadOnlyList<string> FeaturesLost { get; init; } = [];

    public IReadOnlyList<LimitChange> LimitsLowered { get; init; } = [];

    /// <summary>The support SLA before and after, when it changes.</summary>
    public (string From, string To)? SlaChange { get; init; }

    public long MonthlyChangeCents { get; init; }
}

/// <summary>A business that a move leaves where it is, and why.</summary>
public sealed record SkippedBusiness(long BusinessId, string Name, int Version, string Why);

/// <summary>The impact of moving a tier's businesses from older versions to its latest version, shown before anything changes.</summary>
public sealed record TierMovePreview
{
    public long TierId { get; init; }

    public string TierName { get; init; } = "";

    public long TargetVersionId { get; init; }

    public int TargetVersion { get; init; }

    public DateTimeOffset TargetEffectiveFrom { get; init; }

    public IReadOnlyList<int> FromVersions { get; init; } = [];

    /// <summary>Businesses that would move.</summary>
    public int Affected { get; init; }

    public IReadOnlyList<SkippedBusiness> Skipped { get; init; } = [];

    /// <summary>Per selected version, newest first.</summary>
    public IReadOnlyList<VersionImpact> Versions { get; init; } = [];

    /// <summary>Features any affected business loses.</summary>
    public IReadOnlyList<string> FeaturesLost { get; init; } = [];

    /// <summary>Limits lowered for any affected business, per version.</summary>
    public IReadOnlyList<(int Version, LimitChange Change)> LimitsLowered { get; init; } = [];

    /// <summary>Change of monthly recurring revenue: new minus old monthly price over the affected businesses.</summary>
    public long MonthlyChangeCents { get; init; }

    public string Fingerprint { get; init; } = "";

    /// <summary>Why the move cannot be applied now (the latest version is not in force yet), or null.</summary>
    public string? Blocker { get; init; }

    public bool CanApply => Blocker is null && Affected > 0;
}

/// <summary>
/// The tier catalogue's rules, in one place on the server: who may read it, who may add a version and how, and moving
/// businesses to a tier's latest version. Pages call this; it checks the acting user's policies itself, so a hidden
/// button is never the control.
/// </summary>
public sealed class TierCatalogueService(
    ITierCatalogueStore store,
    IAuthorizationService authorization,
    IAccountStore accounts,
    TimeProvider time)
{
    /// <summary>The longest support SLA text the catalogue stores.</summary>
    public const int MaxSlaLength = 40;

    /// <summary>A guard against a mistyped price: no tier costs more a month.</summary>
    public const decimal MaxMonthlyPriceEur = 1_000_000m;

    // Names are read when used, so that each reader gets them in their language.
    private static readonly (Func<string> Name, Func<CatalogueVersion, bool> Has)[] s_features =
    [
        (() => TierCatalogueText.VerifiedMarker, v => v.VerifiedMarkerEligible),
        (() => TierCatalogueText.ApiAccess, v => v.ApiAccess),
        (() => TierCatalogueText.BroadcastCampaigns, v => v.BroadcastCampaigns),
        (() => TierCatalogueText.Analytics, v => v.Analytics),
    ];

    private static readonly (Func<string> Name, Func<CatalogueVersion, int?> Value)[] s_limits =
    [
        (() => TierCatalogueText.Conversations, v => v.ConversationsPer24h),
        (() => TierCatalogueText.AgentSeats, v => v.AgentSeats),
        (() => TierCatalogueText.PhoneNumbers, v => v.PhoneNumbers),
    ];

    /// <summary>Today as the catalogue counts dates: in UTC.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Every tier with its versions and the businesses on each; for account managers, executives and admins.</summary>
    public async Task<IReadOnlyList<CatalogueTier>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await RequireAsync(user, Policies.CatalogueViewer, Say("ReadDenied"));
        return await store.ListAsync(time.GetUtcNow(), cancellationToken);
    }

    /// <summary>True when the user may add versions and move businesses (the Admin policy).</summary>
    public async Task<bool> CanEditAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded;

    /// <summary>The messages that keep <paramref name="draft"/> from becoming the version after <paramref name="latest"/>; empty when it may.</summary>
    public IReadOnlyList<DraftError> Validate(TierVersionDraft draft, CatalogueVersion latest)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(latest);
        var errors = new List<DraftError>();
        if (draft.MonthlyPriceEur < 0)
        {
            errors.Add(new(nameof(draft.MonthlyPriceEur), Say("PriceNegative")));
        }
        else if (draft.MonthlyPriceEur > MaxMonthlyPriceEur)
        {
            errors.Add(new(nameof(draft.MonthlyPriceEur), Say("PriceTooHigh", CultureFormat.Euro(MaxMonthlyPriceEur, 0))));
        }
        else if (decimal.Round(draft.MonthlyPriceEur, 2) != draft.MonthlyPriceEur)
        {
            errors.Add(new(nameof(draft.MonthlyPriceEur), Say("PriceDecimals")));
        }

        Limit(errors, nameof(draft.ConversationsPer24h), TierCatalogueText.Conversations, draft.ConversationsPer24h, draft.ConversationsUnlimited);
        Limit(errors, nameof(draft.AgentSeats), TierCatalogueText.AgentSeats, draft.AgentSeats, draft.AgentSeatsUnlimited);
        Limit(errors, nameof(draft.PhoneNumbers), TierCatalogueText.PhoneNumbers, draft.PhoneNumbers, draft.PhoneNumbersUnlimited);

        var sla = draft.SupportSla?.Trim() ?? "";
        if (sla.Length == 0)
        {
            errors.Add(new(nameof(draft.SupportSla), Say("SlaMissing")));
        }
        else if (sla.Length > MaxSlaLength)
        {
            errors.Add(new(nameof(draft.SupportSla), Say("SlaTooLong", MaxSlaLength, sla.Length)));
        }

        var latestDate = DateOnly.FromDateTime(latest.EffectiveFrom.UtcDateTime);
        if (draft.EffectiveDate is not { } date)
        {
            errors.Add(new(nameof(draft.EffectiveDate), Say("DateMissing")));
        }
        else if (date < Today)
        {
            errors.Add(new(nameof(draft.EffectiveDate), Say("DatePast", TierCatalogueText.Date(Today))));
        }
        else if (date < latestDate)
        {
            errors.Add(new(nameof(draft.EffectiveDate),
                Say("DateBeforeLatest", latest.VersionNumber, TierCatalogueText.Date(latestDate))));
        }

        if (errors.Count == 0 && draft.ToTerms() == latest.Terms)
        {
            errors.Add(new("", Say("NothingDiffers", latest.VersionNumber)));
        }

        return errors;
    }

    /// <summary>
    /// Adds the version after <paramref name="expectedLatestVersion"/>, the version the administrator edited. Existing
    /// subscriptions keep the version they are on. Refused when someone else added a version meanwhile.
    /// </summary>
    public async Task<CatalogueVersion> CreateVersionAsync(
        ClaimsPrincipal user, string? remoteIp, long tierId, int expectedLatestVersion, TierVersionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (_, actor) = await RequireAdminAsync(user, remoteIp, cancellationToken);
        var tier = await store.GetAsync(tierId, time.GetUtcNow(), cancellationToken)
            ?? throw new CatalogueRuleException(Say("TierGone"));
        var latest = tier.Latest ?? throw new CatalogueRuleException(Say("NoVersionToStart", tier.Name));
        if (latest.VersionNumber != expectedLatestVersion)
        {
            throw Conflict(tier, latest);
        }

        var errors = Validate(draft, latest);
        if (errors.Count > 0)
        {
            throw new TierDraftException(errors);
        }

        var effectiveFrom = new DateTimeOffset(draft.EffectiveDate!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        try
        {
            return await store.AddVersionAsync(tierId, expectedLatestVersion, draft.ToTerms(), effectiveFrom, actor, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var now = await store.GetAsync(tierId, time.GetUtcNow(), cancellationToken);
            throw Conflict(now ?? tier, now?.Latest ?? latest);
        }
    }

    /// <summary>
    /// What moving the businesses on <paramref name="fromVersions"/> (older versions of the tier) to its latest version
    /// would change: how many move, features lost, limits lowered, MRR change, and who is skipped.
    /// </summary>
    public async Task<TierMovePreview> PreviewMoveAsync(ClaimsPrincipal user, long tierId, IReadOnlyCollection<int> fromVersions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fromVersions);
        await RequireAdminAsync(user, null, cancellationToken);
        var now = time.GetUtcNow();
        var tier = await store.GetAsync(tierId, now, cancellationToken)
            ?? throw new CatalogueRuleException(Say("TierGone"));
        var latest = tier.Latest ?? throw new CatalogueRuleException(Say("NoVersion", tier.Name));
        var selected = fromVersions.Distinct().Where(v => v < latest.VersionNumber).OrderDescending().ToList();
        var candidates = await store.MoveCandidatesAsync(tierId, selected, now, cancellationToken);
        var affected = candidates.Where(c => !c.IsSkipped).ToList();

        var impacts = new List<VersionImpact>();
        foreach (var number in selected)
        {
            var version = tier.Versions.Single(v => v.VersionNumber == number);
            var moving = affected.Where(c => c.VersionNumber == number).ToList();
            impacts.Add(new VersionImpact
            {
                Version = number,
                Affected = moving.Count,
                Skipped = candidates.Count(c => c.VersionNumber == number && c.IsSkipped),
                FeaturesLost = s_features.Where(f => f.Has(version) && !f.Has(latest)).Select(f => f.Name()).ToList(),
                LimitsLowered = s_limits
                    .Where(l => IsLower(l.Value(latest), l.Value(version)))
                    .Select(l => new LimitChange(l.Name(), l.Value(version), l.Value(latest)))
                    .ToList(),
                SlaChange = version.SupportSla == latest.SupportSla ? null : (version.SupportSla, latest.SupportSla),
                MonthlyChangeCents = moving.Sum(c => c.MonthlyCents(latest.MonthlyPriceCents, now) - c.MonthlyCents(c.MonthlyPriceCents, now)),
            });
        }

        var withBusinesses = impacts.Where(i => i.Affected > 0).ToList();
        return new TierMovePreview
        {
            TierId = tier.Id,
            TierName = tier.Name,
            TargetVersionId = latest.Id,
            TargetVersion = latest.VersionNumber,
            TargetEffectiveFrom = latest.EffectiveFrom,
            FromVersions = selected,
            Affected = affected.Count,
            Skipped = candidates.Where(c => c.IsSkipped)
                .Select(c => new SkippedBusiness(c.BusinessId, c.BusinessName, c.VersionNumber, c.PendingChange switch
                {
                    SubscriptionStatus.PendingApproval => "a change awaits approval",
                    SubscriptionStatus.Scheduled => "a change is scheduled",
                    _ => "its subscription is ending",
                }))
                .ToList(),
            Versions = impacts,
            FeaturesLost = withBusinesses.SelectMany(i => i.FeaturesLost).Distinct().ToList(),
            LimitsLowered = withBusinesses.SelectMany(i => i.LimitsLowered.Select(l => (i.Version, l))).ToList(),
            MonthlyChangeCents = impacts.Sum(i => i.MonthlyChangeCents),
            Fingerprint = MoveCandidate.Fingerprint(latest.Id, affected),
            Blocker = latest.EffectiveFrom > now
                ? Say("NotYetInForce", tier.Name, latest.VersionNumber, TierCatalogueText.Date(latest.EffectiveFrom))
                : null,
        };
    }

    /// <summary>
    /// Moves the businesses of <paramref name="preview"/> in one transaction. Refused when the latest version is not in
    /// force yet, or when the businesses it would change are no longer those of the preview.
    /// </summary>
    public async Task<TierMoveResult> MoveAsync(ClaimsPrincipal user, string? remoteIp, TierMovePreview preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var (userId, actor) = await RequireAdminAsync(user, remoteIp, cancellationToken);
        var now = time.GetUtcNow();
        if (preview.TargetEffectiveFrom > now)
        {
            throw new CatalogueRuleException(
                Say("NotYetInForce", preview.TierName, preview.TargetVersion, TierCatalogueText.Date(preview.TargetEffectiveFrom)));
        }

        if (preview.Affected == 0)
        {
            throw new CatalogueRuleException(Say("NothingMoves"));
        }

        try
        {
            return await store.MoveToLatestAsync(new TierMove
            {
                TierId = preview.TierId,
                TargetVersionId = preview.TargetVersionId,
                FromVersions = preview.FromVersions,
                Fingerprint = preview.Fingerprint,
                Now = now,
                EnteredByUserId = userId,
            }, actor, cancellationToken);
        }
        catch (StaleMovePreviewException stale)
        {
            throw new CatalogueRuleException(stale.AffectedNow is { } count
                ? Say("MoveChanged", preview.Affected, count)
                : Say("MoveNewer", preview.TierName, preview.TargetVersion));
        }
        catch (ConcurrencyConflictException)
        {
            throw new CatalogueRuleException(
                "A subscription among them was changed by someone else while moving. Nothing was moved. Check the new preview and confirm again.");
        }
    }

    private static bool IsLower(int? latest, int? old) => latest is { } to && (old is null || to < old);

    private static void Limit(List<DraftError> errors, string field, string name, int? value, bool unlimited)
    {
        if (!unlimited && value is not > 0)
        {
            errors.Add(new(field, Say("LimitInvalid", name)));
        }
    }

    private static CatalogueRuleException Conflict(CatalogueTier tier, CatalogueVersion latest) =>
        new(Say("Conflict", tier.Name, latest.VersionNumber, latest.CreatedBy, TierCatalogueText.Time(latest.CreatedAt)));

    private async Task RequireAsync(ClaimsPrincipal user, string policy, string message)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException(message);
        }
    }

    private async Task<(long Id, Actor Actor)> RequireAdminAsync(ClaimsPrincipal user, string? remoteIp, CancellationToken cancellationToken)
    {
        await RequireAsync(user, Policies.Admin, Say("ChangeDenied"));
        if (!long.TryParse(user.FindFirstValue(ConsoleClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new UnauthorizedAccessException(Say("ChangeDenied"));
        }

        // An open circuit re-checks its user only every minute; an admin who was just disabled or demoted is refused at once.
        if (!await RevalidatingStateProvider.IsCurrentAsync(accounts, user, cancellationToken))
        {
            throw new UnauthorizedAccessException(Say("SignInAgain"));
        }

        return (id, Actor.User(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "", remoteIp));
    }

    /// <summary>A message for the reader, in the language of the request (TiersText, keys "Catalogue.…").</summary>
    private static string Say(string key, params object?[] args) => TiersText.Get("Catalogue." + key, args);
}
