using Dashboard.Tests.Support;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>Why a change waits for approval is kept without words and said in each reader's language.</summary>
public sealed class ApprovalReasonTests
{
    [Fact]
    public void Reasons_EnteredInEnglish_ReadInGerman_AreGerman()
    {
        string stored;
        using (new CultureScope("en-GB"))
        {
            stored = ApprovalReason.Serialize(
            [
                ApprovalReason.Of(ApprovalReason.Discount, 30.5m, 499_900L, 20),
                ApprovalReason.Of(ApprovalReason.FreePeriod, "SizeUnknown", 45, 30),
            ]);
            Assert.Equal(
                "The price is 30.5 % below the list price of €4,999.00; more than 20 % off needs approval. " +
                "The business's size is not known; a free period of 45 days is longer than the 30-day grace period and needs approval.",
                ApprovalReason.Describe(stored));
        }

        using (new CultureScope("de-DE"))
        {
            var german = ApprovalReason.Describe(stored);
            Assert.Contains("30,5 %", german, StringComparison.Ordinal);
            Assert.Contains("4.999,00 €", german, StringComparison.Ordinal);
            Assert.DoesNotContain("list price", german, StringComparison.Ordinal);
            Assert.DoesNotContain("grace period", german, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("Written before reasons were kept without words.", "Written before reasons were kept without words.")]
    [InlineData("[not json", "[not json")]
    public void Describe_TextThatIsNotKeptReasons_IsShownAsWritten(string? stored, string shown) =>
        Assert.Equal(shown, ApprovalReason.Describe(stored));
}
