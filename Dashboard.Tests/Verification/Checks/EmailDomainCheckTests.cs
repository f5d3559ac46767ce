using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

public sealed class EmailDomainCheckTests
{
    private readonly VerificationChecks _checks = CheckHarness.Create();

    [Theory]
    [InlineData("https://www.baeckerei-huber.de", "baeckerei-huber.de")]
    [InlineData("http://baeckerei-huber.de/impressum", "info@baeckerei-huber.de")]
    [InlineData("www.Baeckerei-Huber.DE:443", "mail.baeckerei-huber.de")]
    public async Task RunAsync_SameRegistrableDomain_Passes(string website, string email)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = website, EmailDomain = email });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Equal(0, check.Points);
    }

    [Theory]
    [InlineData("https://www.example.co.uk/shop", "mail.example.co.uk")]
    [InlineData("https://shop.example.com.au", "example.com.au")]
    [InlineData("https://www.example.co.jp", "support.example.co.jp")]
    [InlineData("https://example.com.br", "contato.example.com.br")]
    [InlineData("https://www.example.co.za", "mail.example.co.za")]
    public async Task RunAsync_SubdomainsUnderTwoLevelSuffix_Pass(string website, string email)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = website, EmailDomain = email });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Contains(check.Evidence, e => e.Contains("registered domain example.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DifferentCompaniesUnderCoUk_WarnsRatherThanTreatingCoUkAsTheDomain()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = "https://www.harbor-books.co.uk", EmailDomain = "harbour-books.co.uk" });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Contains("harbour-books.co.uk", check.Summary, StringComparison.Ordinal);
        Assert.Contains("harbor-books.co.uk", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DifferentDomains_WarnsWithBothDomainsInEvidence()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = "https://www.baeckerei-huber.de", EmailDomain = "huber-backwaren.com" });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().EmailDomainPoints.Warn, check.Points);
        Assert.Contains(check.Evidence, e => e.Contains("huber-backwaren.com", StringComparison.Ordinal));
        Assert.Contains(check.Evidence, e => e.Contains("baeckerei-huber.de", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("baeckerei.huber@gmx.de")]
    [InlineData("yahoo.co.uk")]
    [InlineData("hotmail.de")]
    [InlineData("t-online.de")]
    [InlineData("proton.me")]
    public async Task RunAsync_FreeMailDomain_Fails(string email)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { EmailDomain = email });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().EmailDomainPoints.Fail, check.Points);
        Assert.Contains("free-mail", check.Summary, StringComparison.Ordinal);
        Assert.Contains(check.Evidence, e => e.Contains("baeckerei-huber.de", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FreeMailWithoutWebsite_Fails()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = null, EmailDomain = "web.de" });

        Assert.Equal(CheckVerdict.Fail, report.Check(CheckCodes.EmailDomain).Verdict);
    }

    [Fact]
    public async Task RunAsync_NoEmailDomain_Warns()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { EmailDomain = null });

        var check = report.Check(CheckCodes.EmailDomain);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Contains(check.Evidence, e => e.Contains("none given", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CompanyDomainWithoutWebsite_Warns()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = null });

        Assert.Equal(CheckVerdict.Warn, report.Check(CheckCodes.EmailDomain).Verdict);
    }

    [Theory]
    [InlineData("https://www.Example.co.uk:8443/a?b=c", "example.co.uk", "example.co.uk")]
    [InlineData("info@shop.example.com", "shop.example.com", "example.com")]
    [InlineData("WWW.EXAMPLE.DE.", "example.de", "example.de")]
    public void Host_WebsiteOrAddress_GivesHostAndRegistrableDomain(string text, string host, string registrable)
    {
        Assert.Equal(host, DomainNames.Host(text));
        Assert.Equal(registrable, DomainNames.RegistrableDomain(host));
    }

    [Fact]
    public async Task RunAsync_UnicodeWebsiteAndAceEmailDomain_Pass()
    {
        var ace = new System.Globalization.IdnMapping().GetAscii("müller-reisen.de");

        var report = await _checks.RunAsync(CheckHarness.Bakery() with { Website = "https://www.müller-reisen.de", EmailDomain = ace });

        Assert.StartsWith("xn--", ace, StringComparison.Ordinal);
        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.EmailDomain).Verdict);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("https://")]
    [InlineData("-bad-.de")]
    public void Host_NoPlausibleDomain_IsNull(string text)
    {
        Assert.Null(DomainNames.Host(text));
    }
}
