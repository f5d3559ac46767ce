using System.Globalization;
using Dashboard.Data.Tiers;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>The CSV text of a revenue report: RFC 4180 fields, one row per tier and month plus the totals, invariant numbers.</summary>
public sealed class RevenueCsvTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Business", "Business")]
    [InlineData("Gold, annual", "\"Gold, annual\"")]
    [InlineData("The \"Plus\" tier", "\"The \"\"Plus\"\" tier\"")]
    [InlineData("Two\r\nlines", "\"Two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@tier", "'@tier")]
    public void Field_Text_IsQuotedAsRfc4180Wants(string value, string expected)
    {
        Assert.Equal(expected, RevenueCsv.Field(value));
    }

    [Fact]
    public void Write_CraftedReport_HasATierRowAndATotalRowPerMonthWithInvariantNumbers()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            SubscriptionPeriod[] periods =
            [
                new() { Id = 1, BusinessId = 1, EffectiveFrom = new(2026, 6, 3, 0, 0, 0, TimeSpan.Zero), MonthlyPriceCents = 49_900, PriceOverrideCents = 123_456,
                        TierCode = "business", TierName = "Business, monthly", TierSortOrder = 2 },
                new() { Id = 2, BusinessId = 2, EffectiveFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), EffectiveTo = new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero),
                        MonthlyPriceCents = 499_900, TierCode = "enterprise", TierName = "Enterprise", TierSortOrder = 3 },
            ];
            var report = RevenueCalculator.Compute(RevenueRange.Ending(s_now, 1), periods);

            var lines = RevenueCsv.Write(report).Split("\r\n");

            Assert.Equal(
                [
                    "Month,As of (UTC),Tier,MRR EUR,Paying businesses,New,New EUR,Upgrades,Upgrades EUR,Downgrades,Downgrades EUR,Churned,Churned EUR",
                    "2026-05,2026-05-31T23:59:59Z,\"Business, monthly\",0.00,0,0,0.00,0,0.00,0,0.00,0,0.00",
                    "2026-05,2026-05-31T23:59:59Z,Enterprise,4999.00,1,0,0.00,0,0.00,0,0.00,0,0.00",
                    "2026-05,2026-05-31T23:59:59Z,All tiers,4999.00,1,0,0.00,0,0.00,0,0.00,0,0.00",
                    "2026-06,2026-06-15T12:00:00Z,\"Business, monthly\",1234.56,1,1,1234.56,0,0.00,0,0.00,0,0.00",
                    "2026-06,2026-06-15T12:00:00Z,Enterprise,0.00,0,0,0.00,0,0.00,0,0.00,1,-4999.00",
                    "2026-06,2026-06-15T12:00:00Z,All tiers,1234.56,1,1,1234.56,0,0.00,0,0.00,1,-4999.00",
                    "",
                ],
                lines);
            Assert.Equal("revenue-1-months-2026-06-15.csv", RevenueCsv.FileName(report));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
