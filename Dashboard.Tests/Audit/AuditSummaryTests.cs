using Dashboard.Audit;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Audit;

/// <summary>The log keeps its summaries in English; German readers see each sentence the console writes in German.</summary>
public sealed class AuditSummaryTests
{
    [Theory]
    [InlineData("Claimed until 08:04 UTC", "Übernommen bis 08:04 UTC")]
    [InlineData("Released", "Freigegeben")]
    [InlineData("Signed in", "Angemeldet")]
    [InlineData("Wrong password; account locked", "Falsches Passwort; Konto gesperrt")]
    [InlineData("Created lena@example.com", "lena@example.com angelegt")]
    [InlineData("Created API key platform-usage", "API-Schlüssel platform-usage angelegt")]
    [InlineData("Created Business v3, effective from 2026-12-01", "Business v3 angelegt, gültig ab 01.12.2026")]
    [InlineData("Hafenbistro Lotte: Pending → Rejected (MALFORMED_DOCUMENTS)", "Hafenbistro Lotte: Wartend → Abgelehnt (Unterlagen unleserlich oder unvollständig)")]
    [InlineData("Hafenbistro Lotte (biz-7) applied; risk 12 Low", "Hafenbistro Lotte (biz-7) hat sich beworben; Risiko 12 Niedrig")]
    [InlineData("Elbkasse: Business → Enterprise v1 (PendingApproval from 2026-12-01)", "Elbkasse: Business → Enterprise v1 (Wartet auf Freigabe ab 01.12.2026)")]
    [InlineData("Rejected Enterprise v1: too steep a discount", "Enterprise v1 abgelehnt: too steep a discount")]
    [InlineData("Moved 12 businesses from Business v1, v2 to v3; 1 skipped with a pending change", "12 Unternehmen von Business v1, v2 auf v3 umgestellt; 1 mit offenem Wechsel übersprungen")]
    public void Summary_WrittenByTheConsole_IsGermanForGermanReaders(string stored, string german)
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal(german, AuditSummary.Of(stored));
    }

    [Theory]
    [InlineData("Claimed until 08:04 UTC")]
    [InlineData("Hafenbistro Lotte: Pending → Rejected (MALFORMED_DOCUMENTS)")]
    public void Summary_ForEnglishReaders_IsAsStored(string stored)
    {
        using var culture = new CultureScope("en-GB");

        Assert.Equal(stored, AuditSummary.Of(stored));
    }

    [Fact]
    public void Summary_ThatAPersonTyped_IsShownAsWritten()
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal("Called the owner, documents follow on Monday", AuditSummary.Of("Called the owner, documents follow on Monday"));
        Assert.Null(AuditSummary.Of(null));
    }

    [Theory]
    [InlineData("Submitted with 1 document(s)", "Mit 1 Dokument(en) eingereicht")]
    [InlineData("Resubmitted with 3 document(s)", "Mit 3 Dokument(en) erneut eingereicht")]
    [InlineData("Bitte den Handelsregisterauszug nachreichen", "Bitte den Handelsregisterauszug nachreichen")]
    public void TimelineNote_WrittenByTheConsole_IsGermanForGermanReaders(string stored, string german)
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal(german, Dashboard.Verification.VerificationDisplay.NoteLabel(stored));
    }
}
