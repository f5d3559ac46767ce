namespace Dashboard.Verification;

/// <summary>Settings of the <c>Verification</c> section: deadlines, claims, re-application limits and the four-eyes rule.</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "Verification";

    /// <summary>Hours a request may wait for a decision before it breaches the SLA.</summary>
    public int SlaHours { get; set; } = 48;

    /// <summary>Minutes a claim lasts without renewal; an open detail page renews it.</summary>
    public int ClaimLeaseMinutes { get; set; } = 15;

    /// <summary>Days a business waits after a rejection before it may apply again.</summary>
    public int CooldownDays { get; set; } = 30;

    public int MaxAttemptsPerYear { get; set; } = 3;

    /// <summary>Categories whose approval needs a second, senior approval.</summary>
    public List<string> FourEyesCategories { get; set; } = ["Bank", "Insurer", "Payments", "Airline", "Government"];

    /// <summary>A risk score at or above this needs a second, senior approval whatever the category.</summary>
    public int FourEyesRiskScore { get; set; } = 70;

    public TimeSpan Sla => TimeSpan.FromHours(SlaHours);

    public TimeSpan ClaimLease => TimeSpan.FromMinutes(ClaimLeaseMinutes);

    public bool NeedsFourEyes(string category, int riskScore) =>
        riskScore >= FourEyesRiskScore || FourEyesCategories.Contains(category, StringComparer.OrdinalIgnoreCase);
}
