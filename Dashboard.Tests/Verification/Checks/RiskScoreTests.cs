using Dashboard.Data.Demo;
using Dashboard.Data.Verification;
using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

public sealed class RiskScoreTests
{
    private static readonly VerificationCheckOptions s_defaults = new();

    [Fact]
    public async Task RunAsync_CleanBusiness_ScoresZeroLowWithEveryCheckListed()
    {
        var report = await CheckHarness.Create().RunAsync(CheckHarness.Bakery());

        Assert.Equal(
            [CheckCodes.EmailDomain, CheckCodes.RegistrationFormat, CheckCodes.Duplicates, CheckCodes.DisplayName, CheckCodes.Impersonation],
            report.Checks.Select(c => c.Code));
        Assert.All(report.Checks, c => Assert.Equal(CheckVerdict.Pass, c.Verdict));
        Assert.Equal(0, report.RiskScore);
        Assert.Equal(CheckReport.Low, report.RiskBand);
    }

    [Fact]
    public async Task RunAsync_HighRiskCategory_AddsCategoryPartWithItsPoints()
    {
        var report = await CheckHarness.Create().RunAsync(CheckHarness.Bakery() with { Category = DemoCatalog.Bank });

        var category = report.Check(CheckCodes.Category);
        Assert.Equal(s_defaults.HighRiskCategoryPoints, category.Points);
        Assert.Contains("Bank", category.Summary, StringComparison.Ordinal);
        Assert.Equal(s_defaults.HighRiskCategoryPoints, report.RiskScore);
        Assert.Equal(CheckReport.Low, report.RiskBand);
    }

    [Fact]
    public async Task RunAsync_SeveralFindings_AddsEachPartIntoMediumBand()
    {
        // Bank base 20 + free-mail 20 + missing number of a high-risk category 25 = 65.
        var subject = CheckHarness.Bakery() with { Category = DemoCatalog.Bank, EmailDomain = "gmail.com", RegistrationNumber = null };

        var report = await CheckHarness.Create().RunAsync(subject);

        Assert.Equal(s_defaults.HighRiskCategoryPoints + s_defaults.EmailDomainPoints.Fail + s_defaults.RegistrationFormatPoints.Fail, report.RiskScore);
        Assert.Equal(65, report.RiskScore);
        Assert.Equal(report.Checks.Sum(c => c.Points), report.RiskScore);
        Assert.Equal(CheckReport.Medium, report.RiskBand);
    }

    [Fact]
    public async Task RunAsync_SharedPhoneOnTop_ReachesHighBand()
    {
        var store = new FakeCheckDataStore(duplicates:
            [new DuplicateBusiness { BusinessId = 7, DisplayName = "Nordbank", Country = "DE", MatchedField = DuplicateField.Phone, MatchedValue = "+498912345678" }]);
        var subject = CheckHarness.Bakery() with { Category = DemoCatalog.Bank, EmailDomain = "gmail.com", RegistrationNumber = null };

        var report = await CheckHarness.Create(store).RunAsync(subject);

        Assert.Equal(95, report.RiskScore);
        Assert.Equal(CheckReport.High, report.RiskBand);
    }

    [Fact]
    public async Task RunAsync_PartsAboveHundred_CapsAtHundred()
    {
        var subject = CheckHarness.Bakery() with
        {
            DisplayName = "OFFICIAL LUFTHАNSA", LegalName = "Lufthansa Support Ltd", Category = DemoCatalog.Airline,
            EmailDomain = "gmail.com", RegistrationNumber = "HRB 12",
        };

        var report = await CheckHarness.Create().RunAsync(subject);

        Assert.True(report.Checks.Sum(c => c.Points) > CheckReport.MaxRiskScore);
        Assert.Equal(CheckReport.MaxRiskScore, report.RiskScore);
        Assert.Equal(CheckReport.High, report.RiskBand);
    }

    [Theory]
    [InlineData(0, CheckReport.Low)]
    [InlineData(39, CheckReport.Low)]
    [InlineData(40, CheckReport.Medium)]
    [InlineData(69, CheckReport.Medium)]
    [InlineData(70, CheckReport.High)]
    [InlineData(100, CheckReport.High)]
    public void BandOf_DefaultLimits_PutsScoreInBand(int score, string band)
    {
        Assert.Equal(band, s_defaults.BandOf(score));
    }

    [Fact]
    public async Task RunAsync_ConfiguredPointsAndBands_AreUsed()
    {
        var options = new VerificationCheckOptions
        {
            EmailDomainPoints = new CheckPoints { Warn = 3, Fail = 9 },
            HighRiskCategories = ["LocalShop"],
            HighRiskCategoryPoints = 2,
            MediumRiskFrom = 5,
            HighRiskFrom = 11,
        };

        var report = await CheckHarness.Create(new FakeCheckDataStore(), options).RunAsync(CheckHarness.Bakery() with { EmailDomain = "gmx.de" });

        Assert.Equal(9, report.Check(CheckCodes.EmailDomain).Points);
        Assert.Equal(2, report.Check(CheckCodes.Category).Points);
        Assert.Equal(11, report.RiskScore);
        Assert.Equal(CheckReport.High, report.RiskBand);
    }
}
