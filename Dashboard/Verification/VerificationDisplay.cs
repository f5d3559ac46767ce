using Dashboard.Data.Verification;
using MudBlazor;

namespace Dashboard.Verification;

/// <summary>How states, risk bands and reasons read on the verification pages, in one place.</summary>
public static class VerificationDisplay
{
    public static string StatusLabel(string status) => status switch
    {
        VerificationStatus.InReview => "In review",
        VerificationStatus.NeedsInfo => "Needs info",
        VerificationStatus.AwaitingSecondApproval => "Awaiting 2nd approval",
        _ => status,
    };

    public static Color RiskColor(string band) => band switch
    {
        "High" => Color.Error,
        "Medium" => Color.Warning,
        _ => Color.Success,
    };

    public static string ReasonLabel(string reason) => reason switch
    {
        "LEGAL_NAME_NOT_MATCHING" => "Legal name does not match the documents",
        "WEBSITE_NOT_MATCHING" => "Website does not match the business",
        "ADDRESS_NOT_MATCHING" => "Address does not match",
        "MALFORMED_DOCUMENTS" => "Documents unreadable or incomplete",
        "BUSINESS_NOT_ELIGIBLE" => "Business not eligible",
        "IMPERSONATION" => "Impersonation of another business",
        "DISPLAY_NAME_POLICY" => "Display name breaks the naming rules",
        _ => "Other",
    };
}
