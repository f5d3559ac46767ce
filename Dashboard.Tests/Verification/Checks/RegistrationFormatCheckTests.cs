using Dashboard.Data.Demo;
using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

public sealed class RegistrationFormatCheckTests
{
    private readonly VerificationChecks _checks = CheckHarness.Create();

    [Theory]
    [InlineData("HRB 123456")]
    [InlineData("HRA 4711")]
    [InlineData("  HRB   98765 ")]
    public async Task RunAsync_GermanHandelsregisterNumber_Passes(string number)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { RegistrationNumber = number });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Contains(check.Evidence, e => e.Contains("Handelsregister", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HRB 12x45")]
    [InlineData("HRC 123456")]
    [InlineData("123456")]
    [InlineData("HRB 0123")]
    public async Task RunAsync_MalformedGermanNumber_FailsNamingTheExpectedForm(string number)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { RegistrationNumber = number });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().RegistrationFormatPoints.Fail, check.Points);
        Assert.Contains(check.Evidence, e => e.Contains("e.g. HRB 123456", StringComparison.Ordinal));
        Assert.Contains(check.Evidence, e => e.Contains(number.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SwissUidWithCorrectCheckDigit_Passes()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Country = "CH", RegistrationNumber = "CHE-116.281.710" });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Contains("Check digit: correct", check.Evidence);
    }

    [Fact]
    public async Task RunAsync_SwissUidWithWrongCheckDigit_Fails()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Country = "CH", RegistrationNumber = "CHE-116.281.711" });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Contains("check digit", check.Summary, StringComparison.Ordinal);
        Assert.Contains("Check digit: wrong", check.Evidence);
        Assert.Contains(check.Evidence, e => e.Contains("CHE-116.281.710", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_EveryKnownFormatsExample_Passes()
    {
        var check = new RegistrationFormatCheck(new VerificationCheckOptions());

        Assert.All(RegistrationNumberFormats.All, format =>
            Assert.Equal(CheckVerdict.Pass, check.Run(CheckHarness.Bakery() with { Country = format.Country, RegistrationNumber = format.Example }).Verdict));
    }

    [Fact]
    public async Task RunAsync_MissingNumberOfOrdinaryCategory_Warns()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { RegistrationNumber = null });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().RegistrationFormatPoints.Warn, check.Points);
    }

    [Theory]
    [InlineData(DemoCatalog.Bank)]
    [InlineData(DemoCatalog.Airline)]
    [InlineData("payments")]
    public async Task RunAsync_MissingNumberOfHighRiskCategory_Fails(string category)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Category = category, RegistrationNumber = " " });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Contains("high-risk", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CountryWithoutKnownFormat_Warns()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Country = "IS", RegistrationNumber = "550169-2829" });

        var check = report.Check(CheckCodes.RegistrationFormat);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Contains(check.Evidence, e => e.Contains("no format is known", StringComparison.Ordinal));
    }
}
