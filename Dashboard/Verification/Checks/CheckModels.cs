namespace Dashboard.Verification.Checks;

/// <summary>The business a verification request is about, as the checks see it; <see cref="BusinessId"/> is null before it is stored.</summary>
public sealed record CheckSubject(
    long? BusinessId,
    string DisplayName,
    string LegalName,
    string Category,
    string Country,
    string PhoneE164,
    string? Website,
    string? EmailDomain,
    string? RegistrationNumber);

/// <summary>How a check judged the request.</summary>
public enum CheckVerdict
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One check's outcome: its verdict, the risk points it adds, a one-line summary and the evidence a reviewer can verify.</summary>
public sealed record CheckResult(string Code, string Title, CheckVerdict Verdict, int Points, string Summary, IReadOnlyList<string> Evidence);

/// <summary>
/// A name the subject's names resemble, with a similarity between 0 and 1; the source is
/// <see cref="NameMatch.VerifiedBusiness"/> (with its id) or <see cref="NameMatch.ProtectedBrand"/>.
/// </summary>
public sealed record NameMatch(string Name, string Source, long? BusinessId, double Similarity)
{
    public const string VerifiedBusiness = "Verified business";
    public const string ProtectedBrand = "Protected brand";
}

/// <summary>
/// Every check's result, the closest existing names, and the risk score (0–100) with its band:
/// <see cref="CheckReport.Low"/>, <see cref="CheckReport.Medium"/> or <see cref="CheckReport.High"/>.
/// </summary>
public sealed record CheckReport(IReadOnlyList<CheckResult> Checks, IReadOnlyList<NameMatch> ClosestNames, int RiskScore, string RiskBand)
{
    public const string Low = nameof(Low);
    public const string Medium = nameof(Medium);
    public const string High = nameof(High);

    public const int MaxRiskScore = 100;
}

/// <summary>The codes of the checks, as they appear in reports and evidence.</summary>
public static class CheckCodes
{
    public const string EmailDomain = "EMAIL_DOMAIN";
    public const string RegistrationFormat = "REGISTRATION_FORMAT";
    public const string Duplicates = "DUPLICATES";
    public const string DisplayName = "DISPLAY_NAME";
    public const string Impersonation = "IMPERSONATION";

    /// <summary>Not a check: the base risk of a high-risk category, shown as a result so that the score adds up on screen.</summary>
    public const string Category = "CATEGORY";
}
