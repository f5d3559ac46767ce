using Dashboard.Data.Tiers;

namespace Dashboard.Data.Demo;

/// <summary>The words the demo data writes into status, kind and reason columns.</summary>
internal static class DemoVocabulary
{
    public const string Free = "free";
    public const string Business = "business";
    public const string Enterprise = "enterprise";

    public const string Pending = "Pending";
    public const string InReview = "InReview";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string NeedsInfo = "NeedsInfo";
    public const string Escalated = "Escalated";
    public const string AwaitingSecondApproval = "AwaitingSecondApproval";
    public const string Revoked = "Revoked";

    public const string Submitted = "Submitted";
    public const string Claimed = "Claimed";
    public const string Released = "Released";
    public const string InfoRequested = "InfoRequested";
    public const string Resubmitted = "Resubmitted";
    public const string FirstApproval = "FirstApproval";
    public const string Note = "Note";

    public const string LegalNameNotMatching = "LEGAL_NAME_NOT_MATCHING";
    public const string WebsiteNotMatching = "WEBSITE_NOT_MATCHING";
    public const string AddressNotMatching = "ADDRESS_NOT_MATCHING";
    public const string MalformedDocuments = "MALFORMED_DOCUMENTS";
    public const string BusinessNotEligible = "BUSINESS_NOT_ELIGIBLE";
    public const string Impersonation = "IMPERSONATION";
    public const string DisplayNamePolicy = "DISPLAY_NAME_POLICY";
    public const string Other = "OTHER";

    public const string CommercialRegisterExtract = "CommercialRegisterExtract";
    public const string TaxCertificate = "TaxCertificate";
    public const string UtilityBill = "UtilityBill";
    public const string IdentityDocument = "IdentityDocument";
    public const string BrandRegistration = "BrandRegistration";

    public const string Low = "Low";
    public const string Medium = "Medium";
    public const string High = "High";

    public const string Active = "Active";
    public const string Ended = "Ended";
    public const string Scheduled = "Scheduled";
    public const string PendingApproval = "PendingApproval";
    public const string NotRequired = "NotRequired";

    public const string Sme = "Sme";
    public const string NonSme = "NonSme";

    /// <summary>Risk bands: Low below 40, Medium below 70, High from 70.</summary>
    public static string RiskBand(int score) => score >= 70 ? High : score >= 40 ? Medium : Low;
}

/// <summary>Everything the seeder writes, built in memory first so that one seed always gives the same rows.</summary>
internal sealed class DemoDataSet
{
    public required DateTimeOffset Now { get; init; }

    public required DateTimeOffset CatalogueStart { get; init; }

    public required IReadOnlyList<TierPlan> Tiers { get; init; }

    public required IReadOnlyList<BusinessPlan> Businesses { get; init; }

    public required IReadOnlyList<FinancialsPlan> Financials { get; init; }

    public required IReadOnlyList<LinkPlan> Links { get; init; }

    public required IReadOnlyList<RequestPlan> Requests { get; init; }

    public required IReadOnlyList<SubscriptionPlan> Subscriptions { get; init; }

    public required IReadOnlyList<BusinessUsagePlan> BusinessUsage { get; init; }
}

/// <summary>A tier with its first version; property names are the column names.</summary>
internal sealed class TierPlan
{
    public long Id { get; set; }

    public long VersionId { get; set; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public int SortOrder { get; init; }

    public bool SmeOnly { get; init; }

    public long TierId => Id;

    public int VersionNumber => 1;

    public DateTimeOffset EffectiveFrom { get; init; }

    public long MonthlyPriceCents { get; init; }

    public int? ConversationsPer24h { get; init; }

    public int? AgentSeats { get; init; }

    public int? PhoneNumbers { get; init; }

    public bool VerifiedMarkerEligible { get; init; }

    public bool ApiAccess { get; init; }

    public bool BroadcastCampaigns { get; init; }

    public bool Analytics { get; init; }

    public required string SupportSla { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>A business row plus what the generator needs to know about it while it plans the rest.</summary>
internal sealed class BusinessPlan
{
    public long Id { get; set; }

    public string? ExternalId { get; set; }

    public string DisplayName { get; set; } = "";

    public string LegalName { get; set; } = "";

    public string Category => Profile.Name;

    public string Country => CountryInfo.Code;

    public string PhoneE164 { get; set; } = "";

    public string? Website { get; set; }

    public string? EmailDomain { get; set; }

    public string? RegistrationNumber { get; set; }

    public int Employees { get; set; }

    public long AnnualTurnoverEur { get; set; }

    public long BalanceSheetEur { get; set; }

    public bool IsVerified { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public string SmeStatus => IsSme ? DemoVocabulary.Sme : DemoVocabulary.NonSme;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; } = 1;

    public required DemoCategory Profile { get; set; }

    public required DemoCountry CountryInfo { get; init; }

    public required DemoRegion Region { get; init; }

    public string LegalForm { get; set; } = "";

    public bool IsSme { get; set; }

    public string Tier { get; set; } = DemoVocabulary.Free;

    public long? AccountManagerUserId { get; set; }

    public bool EmailDomainDiffers { get; set; }

    public bool UsesFreeMail { get; set; }

    public bool SharesPhone { get; set; }

    public bool SharesRegistrationNumber { get; set; }

    public BusinessPlan? Impersonates { get; set; }

    public bool IsImpersonationTarget { get; set; }

    public bool IsLinkedChild { get; set; }

    public List<RequestPlan> Requests { get; } = [];

    public void SetFigures(int employees, long turnover, long balanceSheet, SmeThresholds thresholds)
    {
        Employees = employees;
        AnnualTurnoverEur = turnover;
        BalanceSheetEur = balanceSheet;
        IsSme = thresholds.IsWithin(employees, turnover, balanceSheet);
    }
}

/// <summary>One fiscal year's size figures of a business.</summary>
internal sealed record FinancialsPlan(BusinessPlan Business, int FiscalYear, int Employees, long AnnualTurnoverEur, long BalanceSheetEur)
{
    public long BusinessId => Business.Id;
}

/// <summary>An ownership link: <see cref="Owner"/> holds <see cref="OwnershipPercent"/> % of <see cref="Business"/>.</summary>
internal sealed record LinkPlan(BusinessPlan Business, BusinessPlan Owner, int OwnershipPercent)
{
    public long BusinessId => Business.Id;

    public long LinkedBusinessId => Owner.Id;
}

/// <summary>A verification request with its documents and its history.</summary>
internal sealed class RequestPlan(BusinessPlan business)
{
    public long Id { get; set; }

    public BusinessPlan Business { get; } = business;

    public long BusinessId => Business.Id;

    public string BusinessCountry => Business.Country;

    public string BusinessCategory => Business.Category;

    public string Status { get; set; } = DemoVocabulary.Pending;

    public int Attempt { get; set; } = 1;

    public int RiskScore { get; set; }

    public string RiskBand => DemoVocabulary.RiskBand(RiskScore);

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset DueAt => SubmittedAt.AddHours(48);

    public long? AssignedToUserId { get; set; }

    public DateTimeOffset? ClaimExpiresAt { get; set; }

    public long? FirstApproverUserId { get; set; }

    public long? DecidedByUserId { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? ReasonCode { get; set; }

    public string? DecisionNote { get; set; }

    public DateTimeOffset UpdatedAt => Events[^1].At;

    public int Version => Events.Count;

    public List<EventPlan> Events { get; } = [];

    public List<DocumentPlan> Documents { get; } = [];
}

/// <summary>One step in a request's history.</summary>
internal sealed class EventPlan(RequestPlan request)
{
    public RequestPlan Request { get; } = request;

    public long RequestId => Request.Id;

    public DateTimeOffset At { get; set; }

    public long? ActorUserId { get; init; }

    public required string Kind { get; init; }

    public string? FromStatus { get; init; }

    public string? ToStatus { get; init; }

    public string? ReasonCode { get; init; }

    public string? Note { get; init; }
}

/// <summary>A document a business uploaded with its request.</summary>
internal sealed record DocumentPlan(RequestPlan Request, string Kind, string FileName, string Sha256, long SizeBytes, DateTimeOffset UploadedAt)
{
    public long RequestId => Request.Id;
}

/// <summary>One row of a business's tier history.</summary>
internal sealed class SubscriptionPlan
{
    public required BusinessPlan Business { get; init; }

    public long BusinessId => Business.Id;

    public required TierPlan Tier { get; set; }

    public long TierVersionId => Tier.VersionId;

    public DateTimeOffset EffectiveFrom { get; set; }

    public DateTimeOffset? EffectiveTo { get; set; }

    public string Status { get; set; } = DemoVocabulary.Active;

    public long? PriceOverrideCents { get; set; }

    public int? DiscountPercent { get; set; }

    public DateTimeOffset? DiscountEndsAt { get; set; }

    public int? ConversationsOverride { get; set; }

    public int? AgentSeatsOverride { get; set; }

    public string ApprovalStatus { get; init; } = DemoVocabulary.NotRequired;

    public string? ApprovalReasons { get; init; }

    /// <summary>Overrides seeded before end dates existed run as long as the discount, or stay open.</summary>
    public DateTimeOffset? OverridesEndAt => PriceOverrideCents is null && ConversationsOverride is null && AgentSeatsOverride is null ? null : DiscountEndsAt;

    public long? ApprovedByUserId => null;

    public string? Reason { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public long? EnteredByUserId { get; set; }

    public int Version { get; set; } = 1;
}
