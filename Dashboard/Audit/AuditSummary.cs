using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Tiers;
using Dashboard.Verification;

namespace Dashboard.Audit;

/// <summary>
/// The summary of an audit entry in the reader's language. The log keeps summaries as they were written, in English: the
/// record does not change with its readers. The console knows the sentences it writes, so a German reader sees each of
/// them in German, figures and names included; text a person typed (a note, a reason) is shown as written.
/// </summary>
public static partial class AuditSummary
{
    private static readonly (Regex Pattern, Func<Match, string> Say)[] s_sentences =
    [
        (Claimed(), m => Say("Claimed", m.Groups["time"].Value)),
        (Released(), _ => Say("Released")),
        (SignedIn(), _ => Say("SignedIn")),
        (SignedOut(), _ => Say("SignedOut")),
        (PasswordReset(), _ => Say("PasswordReset")),
        (SignInRefused(), m => Say(m.Groups["locked"].Success ? "SignInRefusedLocked" : "SignInRefused", Say("Refusal." + Key(m.Groups["reason"].Value)))),
        (TierVersionCreated(), m => Say("TierVersionCreated", m.Groups["tier"].Value, m.Groups["version"].Value, Date(m.Groups["date"].Value))),
        (UserCreated(), m => Say("UserCreated", m.Groups["email"].Value)),
        (KeyCreated(), m => Say("KeyCreated", m.Groups["name"].Value)),
        (KeyRevoked(), m => Say("KeyRevoked", m.Groups["name"].Value)),
        (Assigned(), m => Say("Assigned", m.Groups["id"].Value)),
        (Applied(), m => Say("Applied", m.Groups["name"].Value, m.Groups["external"].Value, m.Groups["score"].Value, VerificationDisplay.RiskLabel(m.Groups["band"].Value))),
        (SmeStatus(), m => Say("SmeStatus", m.Groups["name"].Value, SmeLabel(m.Groups["from"].Value), SmeLabel(m.Groups["to"].Value))),
        (TierChange(), m => Say(m.Groups["date"].Success ? "TierChangeFrom" : "TierChange", m.Groups["name"].Value,
            m.Groups["from"].Value == "no tier" ? TiersText.Get("NoTier") : m.Groups["from"].Value, m.Groups["tier"].Value, m.Groups["version"].Value,
            SubscriptionLabel(m.Groups["status"].Value), Date(m.Groups["date"].Value))),
        (Transition(), m => Say(m.Groups["reason"].Success ? "TransitionWithReason" : "Transition", m.Groups["name"].Value,
            VerificationDisplay.StatusLabel(m.Groups["from"].Value), VerificationDisplay.StatusLabel(m.Groups["to"].Value),
            m.Groups["reason"].Success ? VerificationDisplay.ReasonLabel(m.Groups["reason"].Value) : "")),
        (ChangeApproved(), m => Say(m.Groups["note"].Success ? "ChangeApprovedNote" : "ChangeApproved", m.Groups["tier"].Value, m.Groups["version"].Value,
            SubscriptionLabel(m.Groups["status"].Value), m.Groups["note"].Value)),
        (ChangeRejected(), m => Say("ChangeRejected", m.Groups["tier"].Value, m.Groups["version"].Value, m.Groups["note"].Value)),
        (ChangeCancelled(), m => Say("ChangeCancelled", m.Groups["tier"].Value, m.Groups["version"].Value, Date(m.Groups["date"].Value))),
        (ChangeTookEffect(), m => Say("ChangeTookEffect", m.Groups["tier"].Value, m.Groups["version"].Value, DateTime(m.Groups["at"].Value))),
        (MovedToLatest(), m => Say("MovedToLatest", m.Groups["name"].Value, m.Groups["id"].Value, m.Groups["tier"].Value, m.Groups["from"].Value, m.Groups["to"].Value)),
        (BusinessesMoved(), m => Say("BusinessesMoved", m.Groups["count"].Value, m.Groups["tier"].Value, m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["skipped"].Value)),
    ];

    /// <summary>The summary as the reader reads it: as stored for English readers and for text the console did not write.</summary>
    public static string? Of(string? stored)
    {
        if (string.IsNullOrEmpty(stored) || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
        {
            return stored;
        }

        foreach (var (pattern, say) in s_sentences)
        {
            if (pattern.Match(stored) is { Success: true } match)
            {
                return say(match);
            }
        }

        return stored;
    }

    private static string Say(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, AuditFormat.Text("Summary." + key), args);

    private static string Key(string text) => text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static string Date(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d", CultureInfo.CurrentCulture)
            : iso;

    private static string DateTime(string iso) =>
        System.DateTime.TryParseExact(iso, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("g", CultureInfo.CurrentCulture)
            : iso;

    private static string SubscriptionLabel(string status) => TiersText.Get("Status." + status) is var label && label != "Status." + status ? label : status;

    private static string SmeLabel(string status) => TiersText.Get("SmeStatus." + status) is var label && label != "SmeStatus." + status ? label : status;

    [GeneratedRegex(@"^Claimed until (?<time>\d\d:\d\d) UTC$")]
    private static partial Regex Claimed();

    [GeneratedRegex(@"^Released$")]
    private static partial Regex Released();

    [GeneratedRegex(@"^Signed in$")]
    private static partial Regex SignedIn();

    [GeneratedRegex(@"^Signed out$")]
    private static partial Regex SignedOut();

    [GeneratedRegex(@"^Password reset$")]
    private static partial Regex PasswordReset();

    [GeneratedRegex(@"^(?<reason>Unknown e-mail|Wrong password|Account locked|Account disabled)(?<locked>; account locked)?$")]
    private static partial Regex SignInRefused();

    [GeneratedRegex(@"^Created (?<tier>.+) v(?<version>\d+), effective from (?<date>\d{4}-\d\d-\d\d)$")]
    private static partial Regex TierVersionCreated();

    [GeneratedRegex(@"^Created (?<email>\S+@\S+)$")]
    private static partial Regex UserCreated();

    [GeneratedRegex(@"^Created API key (?<name>.+)$")]
    private static partial Regex KeyCreated();

    [GeneratedRegex(@"^Revoked API key (?<name>.+)$")]
    private static partial Regex KeyRevoked();

    [GeneratedRegex(@"^Assigned to user (?<id>\d+)$")]
    private static partial Regex Assigned();

    [GeneratedRegex(@"^(?<name>.+) \((?<external>[^()]+)\) applied; risk (?<score>\d+) (?<band>\w+)$")]
    private static partial Regex Applied();

    [GeneratedRegex(@"^(?<name>.+): SME status (?<from>\w+) → (?<to>\w+)$")]
    private static partial Regex SmeStatus();

    [GeneratedRegex(@"^(?<name>.+): (?<from>.+) → (?<tier>.+) v(?<version>\d+) \((?<status>\w+)(?: from (?<date>\d{4}-\d\d-\d\d))?\)$")]
    private static partial Regex TierChange();

    [GeneratedRegex(@"^(?<name>.+): (?<from>[A-Za-z]+) → (?<to>[A-Za-z]+)(?: \((?<reason>[A-Z_]+)\))?$")]
    private static partial Regex Transition();

    [GeneratedRegex(@"^Approved (?<tier>.+) v(?<version>\d+) \((?<status>\w+)\)(?:: (?<note>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ChangeApproved();

    [GeneratedRegex(@"^Rejected (?<tier>.+) v(?<version>\d+): (?<note>.*)$", RegexOptions.Singleline)]
    private static partial Regex ChangeRejected();

    [GeneratedRegex(@"^Cancelled the change to (?<tier>.+) v(?<version>\d+) from (?<date>\d{4}-\d\d-\d\d)$")]
    private static partial Regex ChangeCancelled();

    [GeneratedRegex(@"^Scheduled change to (?<tier>.+) v(?<version>\d+) took effect on (?<at>\d{4}-\d\d-\d\d \d\d:\d\d) UTC$")]
    private static partial Regex ChangeTookEffect();

    [GeneratedRegex(@"^(?<name>.+) \(business (?<id>\d+)\) moved from (?<tier>.+) v(?<from>\d+) to v(?<to>\d+)$")]
    private static partial Regex MovedToLatest();

    [GeneratedRegex(@"^Moved (?<count>\d+) businesses from (?<tier>.+) (?<from>\S+) to v(?<to>\d+); (?<skipped>\d+) skipped with a pending change$")]
    private static partial Regex BusinessesMoved();
}
