using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

public sealed class DisplayNameCheckTests
{
    private readonly VerificationChecks _checks = CheckHarness.Create();

    [Theory]
    [InlineData("Official Lufthansa Support", "claims a status", "'Official'")]
    [InlineData("0ff1cial Lufthansa", "claims a status", "'0ff1cial'")]
    [InlineData("Zalando – offiziell", "claims a status", "'offiziell'")]
    [InlineData("Sparkasse Verifiziert", "claims a status", "'Verifiziert'")]
    [InlineData("Verified Travel", "claims a status", "'Verified'")]
    [InlineData("ZALANDO SALE", "written in capitals", "'ZALANDO'")]
    [InlineData("Bank", "a generic word alone", "'Bank'")]
    [InlineData("Customer Service", "a generic word alone", "'Customer Service'")]
    [InlineData("Shop GmbH", "a generic word alone", "'Shop GmbH'")]
    [InlineData("WhatsApp Business Help", "names the platform", "'WhatsApp'")]
    [InlineData("Whats App Kundenservice", "names the platform", "'Whats App'")]
    [InlineData("Meta Pay Hilfe", "names the platform", "'Meta'")]
    [InlineData("Instagram Shop Berlin", "names the platform", "'Instagram'")]
    [InlineData("Lufthаnsa", "mixes scripts", "U+0430, Cyrillic")]
    public async Task RunAsync_NameBreakingARule_FailsForThatRule(string displayName, string rule, string offendingPart)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName });

        var check = report.Check(CheckCodes.DisplayName);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().DisplayNamePoints.Fail, check.Points);
        Assert.Contains(rule, check.Summary, StringComparison.Ordinal);
        Assert.Contains(check.Evidence, e => e.Contains(offendingPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SeveralRulesBroken_NamesEachRule()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "OFFICIAL WHATSAPP SUPPORT" });

        var check = report.Check(CheckCodes.DisplayName);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(3, check.Evidence.Count);
        Assert.Contains("breaks 3 rules", check.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IKEA")]
    [InlineData("DHL")]
    [InlineData("SAP SE")]
    [InlineData("BMW Niederlassung München")]
    [InlineData("Bäckerei Huber")]
    [InlineData("Metallbau Schmidt")]
    [InlineData("Banco Sol")]
    [InlineData("Κωστας Shop")]
    public async Task RunAsync_AcceptableName_Passes(string displayName)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName });

        var check = report.Check(CheckCodes.DisplayName);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Equal(0, check.Points);
    }

    [Fact]
    public async Task RunAsync_LongerAcronymsAllowed_PassesCapitals()
    {
        var checks = CheckHarness.Create(new FakeCheckDataStore(), new VerificationCheckOptions { MaxAcronymLength = 7 });

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "ZALANDO SALE" });

        Assert.DoesNotContain(report.Check(CheckCodes.DisplayName).Evidence, e => e.Contains("capitals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ConfiguredGenericName_Fails()
    {
        var options = new VerificationCheckOptions { GenericNames = ["Pizza"] };
        var checks = CheckHarness.Create(new FakeCheckDataStore(), options);

        var pizza = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "PIZZA" });
        var bank = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Bank" });

        Assert.Equal(CheckVerdict.Fail, pizza.Check(CheckCodes.DisplayName).Verdict);
        Assert.Equal(CheckVerdict.Pass, bank.Check(CheckCodes.DisplayName).Verdict);
    }

    [Fact]
    public async Task RunAsync_EmptyName_Fails()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "  " });

        Assert.Equal(CheckVerdict.Fail, report.Check(CheckCodes.DisplayName).Verdict);
    }
}
