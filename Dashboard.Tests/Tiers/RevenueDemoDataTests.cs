using Dashboard.Data.Businesses;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Demo;

namespace Dashboard.Tests.Tiers;

/// <summary>The revenue figures on the default demo data agree with the programme summary of the businesses store.</summary>
public sealed class RevenueDemoDataTests(SeededDemoDatabase seeded) : IClassFixture<SeededDemoDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Current_OnSeededDemoData_EqualsBusinessStoreSummary()
    {
        var database = seeded.Database.Database;
        var now = SeededDemoDatabase.Now;
        var summary = await new BusinessStore(database).SummaryAsync(now, Ct);
        var range = RevenueRange.Ending(now, 12);
        var periods = await new RevenueStore(database).PeriodsAsync(range.Since, range.Until, Ct);

        var report = RevenueCalculator.Compute(range, periods);
        var snapshot = RevenueCalculator.SnapshotAt(periods, now);

        Assert.True(summary.PayingBusinesses > 100, $"Only {summary.PayingBusinesses} paying businesses in the demo data.");
        Assert.Equal(summary.MonthlyRecurringRevenueCents, report.MrrCents);
        Assert.Equal(summary.PayingBusinesses, report.PayingBusinesses);
        Assert.Equal(summary.MonthlyRecurringRevenueCents, snapshot.MrrCents);
        Assert.Equal(summary.PayingBusinesses, snapshot.PayingBusinesses);
        Assert.Equal(report.MrrCents, report.Current.Tiers.Sum(t => t.MrrCents));
    }

    [Fact]
    public async Task CurrentByTier_OnSeededDemoData_CountsTheActivePaidSubscriptionsOfEachTier()
    {
        var now = SeededDemoDatabase.Now;
        var range = RevenueRange.Ending(now, 12);
        var periods = await new RevenueStore(seeded.Database.Database).PeriodsAsync(range.Since, range.Until, Ct);

        var report = RevenueCalculator.Compute(range, periods);

        var expected = seeded.Subscriptions
            .Where(s => s.Status == "Active" && s.TierCode != "free" && s.EffectiveFrom <= now && (s.EffectiveTo is null || s.EffectiveTo > now))
            .GroupBy(s => s.TierCode)
            .OrderBy(g => g.Key == "business" ? 0 : 1)
            .Select(g => (g.Key, g.Count()));
        Assert.Equal(expected, report.Current.Tiers.Select(t => (t.TierCode, t.PayingBusinesses)));

        // Discounts and negotiated prices make MRR differ from list prices times subscriptions.
        var atListPrice = report.Current.Tiers.Sum(t => t.PayingBusinesses * periods.First(p => p.TierCode == t.TierCode).MonthlyPriceCents);
        Assert.NotEqual(atListPrice, report.MrrCents);
    }
}
