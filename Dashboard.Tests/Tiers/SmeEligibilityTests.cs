using Dapper;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Tiers;

public sealed class SmeEligibilityTests
{
    private static readonly SmeOptions s_options = new();

    [Fact]
    public void Judge_PlainSmallBusiness_IsSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.Sme, Year(2025, 40, 5_000_000, 3_000_000)), s_options);

        Assert.True(verdict.IsSme);
        Assert.False(verdict.Changed);
        Assert.True(Assert.Single(verdict.PeriodVerdicts).IsWithinLimits);
        Assert.Contains("2025: 40 employees, turnover €5,000,000, balance sheet €3,000,000 — within the limits", verdict.Reasons);
    }

    [Fact]
    public void Judge_HeadcountOfExactly250_IsNotSme()
    {
        var at = SmeEligibility.Judge(Business(SmeStatuses.Sme, Year(2025, 250, 1_000_000, 1_000_000)), s_options);
        var under = SmeEligibility.Judge(Business(SmeStatuses.Sme, Year(2025, 249, 1_000_000, 1_000_000)), s_options);

        Assert.False(at.IsSme);
        Assert.True(at.Changed);
        Assert.Equal("over the headcount limit of 250", at.PeriodVerdicts[0].Why);
        Assert.True(under.IsSme);
    }

    [Fact]
    public void Judge_TurnoverOverButBalanceSheetUnder_IsSme()
    {
        var turnoverOver = SmeEligibility.Judge(Business(SmeStatuses.Unknown, Year(2025, 100, 80_000_000, 43_000_000)), s_options);
        var bothOver = SmeEligibility.Judge(Business(SmeStatuses.Unknown, Year(2025, 100, 80_000_000, 43_000_001)), s_options);

        Assert.True(turnoverOver.IsSme);
        Assert.Contains("turnover over €50,000,000, but balance sheet within €43,000,000", turnoverOver.PeriodVerdicts[0].Why, StringComparison.Ordinal);
        Assert.False(bothOver.IsSme);
        Assert.Equal("turnover over €50,000,000 and balance sheet over €43,000,000", bothOver.PeriodVerdicts[0].Why);
    }

    [Fact]
    public void Judge_SmallFirmSixtyPercentOwnedByLargeGroup_IsNotSme()
    {
        var group = Link(7, "Large Group SE", 60, SmeLinkDirection.OwnedBy, Year(2025, 5_000, 2_000_000_000, 3_000_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 40, 5_000_000, 4_000_000)) with { Links = [group] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.False(verdict.IsSme);
        Assert.True(verdict.Changed);
        var period = verdict.PeriodVerdicts[0];
        Assert.Equal(5_040m, period.Employees);
        Assert.Equal(2_005_000_000m, period.TurnoverEur);
        var added = Assert.Single(period.Added);
        Assert.Equal((7L, SmeRelation.Linked, 1m), (added.BusinessId, added.Relation, added.Share));
        Assert.StartsWith("2025: 5,040 employees (own 40 + 100 % of Large Group SE 5,000)", period.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MajorityOwnedSubsidiary_AddedInFull()
    {
        var subsidiary = Link(8, "Filiale GmbH", 51, SmeLinkDirection.Owns, Year(2025, 150, 1_000_000, 1_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 120, 5_000_000, 4_000_000)) with { Links = [subsidiary] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.False(verdict.IsSme);
        Assert.Equal(270m, verdict.PeriodVerdicts[0].Employees);
    }

    [Fact]
    public void Judge_ThirtyPercentPartner_AddsItsFiguresProRata()
    {
        var partner = Link(9, "Partner GmbH", 30, SmeLinkDirection.Owns, Year(2025, 100, 20_000_000, 10_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 200, 10_000_000, 10_000_000)) with { Links = [partner] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        // In full the partner would lift the headcount to 300, over the limit.
        Assert.True(verdict.IsSme);
        var period = verdict.PeriodVerdicts[0];
        Assert.Equal((230m, 16_000_000m, 13_000_000m), (period.Employees, period.TurnoverEur, period.BalanceSheetEur));
        var added = Assert.Single(period.Added);
        Assert.Equal((SmeRelation.Partner, 0.3m), (added.Relation, added.Share));
        Assert.Contains("(own 200 + 30 % of Partner GmbH 30)", period.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PartnerShareTipsHeadcountOver_IsNotSme()
    {
        var partner = Link(9, "Partner GmbH", 40, SmeLinkDirection.OwnedBy, Year(2025, 130, 1_000_000, 1_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 200, 10_000_000, 10_000_000)) with { Links = [partner] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.False(verdict.IsSme);
        Assert.Equal(252m, verdict.PeriodVerdicts[0].Employees);
    }

    [Fact]
    public void Judge_StakeOfExactlyFiftyPercent_IsPartnerNotLinked()
    {
        var half = Link(10, "Half Owner AG", 50, SmeLinkDirection.OwnedBy, Year(2025, 200, 1_000_000, 1_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 100, 1_000_000, 1_000_000)) with { Links = [half] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.True(verdict.IsSme);
        Assert.Equal(200m, verdict.PeriodVerdicts[0].Employees);
    }

    [Fact]
    public void Judge_StakeUnderPartnerThreshold_AddsNothing()
    {
        var minor = Link(11, "Investor Ltd", 24, SmeLinkDirection.OwnedBy, Year(2025, 90_000, 9_000_000_000, 9_000_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 10, 1_000_000, 1_000_000)) with { Links = [minor] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.True(verdict.IsSme);
        Assert.Empty(verdict.PeriodVerdicts[0].Added);
        Assert.Equal(10m, verdict.PeriodVerdicts[0].Employees);
    }

    [Fact]
    public void Judge_SmeOverTheLimitsOneYear_StaysSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.Sme, Small(2024), Large(2025)), s_options);

        Assert.True(verdict.IsSme);
        Assert.False(verdict.Changed);
        Assert.Equal("Over the limits in 2025 only; stays an SME until a second consecutive year over the limits.", verdict.Reasons[0]);
        Assert.Equal([2025, 2024], verdict.PeriodVerdicts.Select(p => p.FiscalYear));
        Assert.Equal([false, true], verdict.PeriodVerdicts.Select(p => p.IsWithinLimits));
    }

    [Fact]
    public void Judge_SmeOverTheLimitsTwoYearsInARow_BecomesNonSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.Sme, Small(2023), Large(2024), Large(2025)), s_options);

        Assert.False(verdict.IsSme);
        Assert.True(verdict.Changed);
        Assert.Equal("Over the limits in 2024 and 2025, 2 consecutive years: no longer an SME.", verdict.Reasons[0]);
        Assert.Contains("The stored status is SME; under the rule it is not an SME — update it.", verdict.Reasons);
    }

    [Fact]
    public void Judge_NonSmeUnderTheLimitsOneYear_StaysNonSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.NonSme, Large(2024), Small(2025)), s_options);

        Assert.False(verdict.IsSme);
        Assert.False(verdict.Changed);
        Assert.Equal("Within the limits in 2025 only; stays a non-SME until a second consecutive year within the limits.", verdict.Reasons[0]);
    }

    [Fact]
    public void Judge_NonSmeUnderTheLimitsTwoYearsInARow_BecomesSme()
    {
        // Given oldest first on purpose: the rule orders the periods itself.
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.NonSme, Large(2023), Small(2024), Small(2025)), s_options);

        Assert.True(verdict.IsSme);
        Assert.True(verdict.Changed);
        Assert.Equal("Within the limits in 2024 and 2025, 2 consecutive years: now an SME.", verdict.Reasons[0]);
    }

    [Fact]
    public void Judge_OverTheLimitsInYearsThatAreNotConsecutive_StaysSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.Sme, Small(2022), Large(2023), Small(2024), Large(2025)), s_options);

        Assert.True(verdict.IsSme);
    }

    [Fact]
    public void Judge_SinglePeriodOverTheLimits_DecidesEvenAgainstStoredSme()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.Sme, Large(2025)), s_options);

        Assert.False(verdict.IsSme);
        Assert.True(verdict.Changed);
        Assert.Equal("Only 2025 is recorded, so it decides: over the limits, not an SME.", verdict.Reasons[0]);
    }

    [Fact]
    public void Judge_ThreeConsecutivePeriodsConfigured_TwoYearsOverStaySme()
    {
        var options = new SmeOptions { ConsecutivePeriods = 3 };

        var twoOver = SmeEligibility.Judge(Business(SmeStatuses.Sme, Small(2022), Large(2023), Large(2024)), options);
        var threeOver = SmeEligibility.Judge(Business(SmeStatuses.Sme, Small(2022), Large(2023), Large(2024), Large(2025)), options);

        Assert.True(twoOver.IsSme);
        Assert.Equal("Over the limits in 2023 and 2024 only; stays an SME until a third consecutive year over the limits.", twoOver.Reasons[0]);
        Assert.False(threeOver.IsSme);
    }

    [Fact]
    public void Judge_LinkedBusinessYearsAreMatchedToEachPeriod_OnlyTheYearItIsLargeCounts()
    {
        var holding = Link(12, "Holding AG", 60, SmeLinkDirection.OwnedBy, Year(2025, 190, 1_000_000, 1_000_000), Year(2024, 100, 1_000_000, 1_000_000));
        var figures = Business(SmeStatuses.Sme, Year(2025, 120, 1_000_000, 1_000_000), Year(2024, 120, 1_000_000, 1_000_000)) with { Links = [holding] };

        var verdict = SmeEligibility.Judge(figures, s_options);

        Assert.Equal([310m, 220m], verdict.PeriodVerdicts.Select(p => p.Employees));
        Assert.True(verdict.IsSme);
        Assert.Contains(
            "2025: 310 employees (own 120 + 100 % of Holding AG 190), turnover €2,000,000 (own €1,000,000 + 100 % of Holding AG €1,000,000), "
            + "balance sheet €2,000,000 (own €1,000,000 + 100 % of Holding AG €1,000,000) — over the headcount limit of 250",
            verdict.Reasons);
    }

    [Fact]
    public void Judge_NoFiguresAtAll_KeepsStoredStatusAndSaysWhatIsMissing()
    {
        var verdict = SmeEligibility.Judge(Business(SmeStatuses.NonSme), s_options);

        Assert.False(verdict.HasFigures);
        Assert.False(verdict.IsSme);
        Assert.False(verdict.Changed);
        Assert.Contains("headcount, turnover and balance sheet", Assert.Single(verdict.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_BusinessWithLinksInSqlite_AddsLinkedAndPartnerFiguresPerYear()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);
        await using var connection = await db.Database.OpenAsync(ct);
        var small = await InsertBusinessAsync(connection, "Kleinbetrieb KG", SmeStatuses.Sme, 5, 100_000, 100_000);
        var holding = await InsertBusinessAsync(connection, "Holding AG", SmeStatuses.NonSme, null, null, null);
        var partner = await InsertBusinessAsync(connection, "Partner GmbH", SmeStatuses.Sme, 50, 4_000_000, 2_000_000);
        var minor = await InsertBusinessAsync(connection, "Minor Stake SA", SmeStatuses.NonSme, 9_000, 900_000_000, 900_000_000);
        var unrelated = await InsertBusinessAsync(connection, "Unrelated Ltd", SmeStatuses.NonSme, 9_000, 900_000_000, 900_000_000);
        await InsertFinancialsAsync(connection, small, 2024, 120, 10_000_000, 8_000_000);
        await InsertFinancialsAsync(connection, small, 2025, 120, 12_000_000, 9_000_000);
        await InsertFinancialsAsync(connection, holding, 2024, 100, 30_000_000, 20_000_000);
        await InsertFinancialsAsync(connection, holding, 2025, 190, 40_000_000, 30_000_000);
        await InsertFinancialsAsync(connection, unrelated, 2025, 9_000, 900_000_000, 900_000_000);
        await InsertLinkAsync(connection, small, holding, 60);   // Holding AG owns 60 % of the small business.
        await InsertLinkAsync(connection, partner, small, 30);   // The small business owns 30 % of Partner GmbH.
        await InsertLinkAsync(connection, small, minor, 10);     // Too small a stake to count.
        var eligibility = new SmeEligibility(new SmeFiguresStore(db.Database), Options.Create(new SmeOptions()));

        var figures = await new SmeFiguresStore(db.Database).LoadAsync(small, ct);
        var verdict = await eligibility.JudgeAsync(small, ct);

        Assert.NotNull(figures);
        Assert.Equal([2025, 2024], figures.Periods.Select(p => p.FiscalYear));
        Assert.Equal(
            [(holding, SmeLinkDirection.OwnedBy, 60), (partner, SmeLinkDirection.Owns, 30), (minor, SmeLinkDirection.OwnedBy, 10)],
            figures.Links.Select(l => (l.BusinessId, l.Direction, l.OwnershipPercent)));
        Assert.Equal([(int?)null], figures.Links.Single(l => l.BusinessId == partner).Periods.Select(p => p.FiscalYear));

        Assert.NotNull(verdict);
        Assert.Equal([325m, 235m], verdict.PeriodVerdicts.Select(p => p.Employees));
        Assert.Equal(12_000_000m + 40_000_000m + 1_200_000m, verdict.PeriodVerdicts[0].TurnoverEur);
        Assert.True(verdict.IsSme);
        Assert.False(verdict.Changed);
        Assert.Equal("Over the limits in 2025 only; stays an SME until a second consecutive year over the limits.", verdict.Reasons[0]);
        Assert.Contains(verdict.Reasons, r => r.StartsWith(
            "2025: 325 employees (own 120 + 100 % of Holding AG 190 + 30 % of Partner GmbH 15 [current figures])", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JudgeAsync_NoFinancialsRows_FallsBackToCurrentFigures()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);
        await using var connection = await db.Database.OpenAsync(ct);
        var large = await InsertBusinessAsync(connection, "Growing Fast GmbH", SmeStatuses.Sme, 300, 20_000_000, 10_000_000);
        var blank = await InsertBusinessAsync(connection, "No Figures UG", SmeStatuses.Sme, null, 1_000_000, null);
        var eligibility = new SmeEligibility(new SmeFiguresStore(db.Database), Options.Create(new SmeOptions()));

        var verdict = await eligibility.JudgeAsync(large, ct);
        var unknown = await eligibility.JudgeAsync(blank, ct);
        var missing = await eligibility.JudgeAsync(large + 1000, ct);

        Assert.NotNull(verdict);
        var period = Assert.Single(verdict.PeriodVerdicts);
        Assert.Null(period.FiscalYear);
        Assert.Equal(300m, period.Employees);
        Assert.False(verdict.IsSme);
        Assert.True(verdict.Changed);
        Assert.Equal("Only the current figures are recorded, so they decide: over the limits, not an SME.", verdict.Reasons[0]);
        Assert.NotNull(unknown);
        Assert.False(unknown.HasFigures);
        Assert.True(unknown.IsSme);
        Assert.Null(missing);
    }

    private static SmePeriodFigures Year(int? year, long employees, long turnover, long balanceSheet) =>
        new() { FiscalYear = year, Employees = employees, AnnualTurnoverEur = turnover, BalanceSheetEur = balanceSheet };

    private static SmePeriodFigures Small(int year) => Year(year, 40, 5_000_000, 4_000_000);

    private static SmePeriodFigures Large(int year) => Year(year, 400, 90_000_000, 60_000_000);

    private static SmeFigures Business(string storedStatus, params SmePeriodFigures[] periods) =>
        new() { BusinessId = 1, Name = "Muster GmbH", StoredStatus = storedStatus, Periods = periods };

    private static SmeLink Link(long id, string name, int percent, SmeLinkDirection direction, params SmePeriodFigures[] periods) =>
        new() { BusinessId = id, Name = name, OwnershipPercent = percent, Direction = direction, Periods = periods };

    private static Task<long> InsertBusinessAsync(System.Data.Common.DbConnection connection, string name, string smeStatus, long? employees, long? turnover, long? balanceSheet) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, Employees, AnnualTurnoverEur, BalanceSheetEur, SmeStatus, CreatedAt, UpdatedAt)
            VALUES (@Name, @Name, 'Retail', 'DE', '+4930123456', @Employees, @Turnover, @BalanceSheet, @SmeStatus, '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
            SELECT last_insert_rowid();
            """,
            new { Name = name, Employees = employees, Turnover = turnover, BalanceSheet = balanceSheet, SmeStatus = smeStatus });

    private static Task InsertFinancialsAsync(System.Data.Common.DbConnection connection, long businessId, int year, long employees, long turnover, long balanceSheet) =>
        connection.ExecuteAsync(
            "INSERT INTO BusinessFinancials (BusinessId, FiscalYear, Employees, AnnualTurnoverEur, BalanceSheetEur) VALUES (@BusinessId, @Year, @Employees, @Turnover, @BalanceSheet);",
            new { BusinessId = businessId, Year = year, Employees = employees, Turnover = turnover, BalanceSheet = balanceSheet });

    private static Task InsertLinkAsync(System.Data.Common.DbConnection connection, long ownedId, long ownerId, int percent) =>
        connection.ExecuteAsync(
            "INSERT INTO BusinessLinks (BusinessId, LinkedBusinessId, OwnershipPercent) VALUES (@Owned, @Owner, @Percent);",
            new { Owned = ownedId, Owner = ownerId, Percent = percent });
}
