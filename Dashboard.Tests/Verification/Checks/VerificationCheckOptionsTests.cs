using Dashboard.Tests.Support;
using Dashboard.Verification.Checks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Verification.Checks;

public sealed class VerificationCheckOptionsTests
{
    [Fact]
    public void AddVerificationChecks_Defaults_AreValid()
    {
        var options = Resolve([]);

        Assert.Contains("Lufthansa", options.ProtectedBrands);
        Assert.Equal(0.92, options.ImpersonationFailAt);
    }

    [Theory]
    [InlineData("ImpersonationFailAt", "1.5", "Verification:Checks:ImpersonationFailAt")]
    [InlineData("ImpersonationWarnAt", "0", "Verification:Checks:ImpersonationWarnAt")]
    [InlineData("ImpersonationWarnAt", "0.95", "Verification:Checks:ImpersonationFailAt must not be below Verification:Checks:ImpersonationWarnAt")]
    [InlineData("ClosestNameCount", "0", "Verification:Checks:ClosestNameCount")]
    [InlineData("VerifiedNamesRefreshInterval", "00:00:00", "Verification:Checks:VerifiedNamesRefreshInterval")]
    [InlineData("ImpersonationPoints:Warn", "80", "Verification:Checks:ImpersonationPoints:Warn")]
    [InlineData("DuplicatesPoints:Fail", "101", "Verification:Checks:DuplicatesPoints:Fail")]
    [InlineData("HighRiskFrom", "30", "Verification:Checks:HighRiskFrom")]
    [InlineData("FreeMailDomains:0", "not a domain", "Verification:Checks:FreeMailDomains")]
    [InlineData("ProtectedBrands:0", " ", "Verification:Checks:ProtectedBrands")]
    public void AddVerificationChecks_BadSetting_IsRefusedWithMessageNamingTheKey(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [VerificationCheckOptions.SectionName + ":" + key] = value }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddVerificationChecks_ConfiguredList_ReplacesTheDefaultList()
    {
        var options = Resolve(new()
        {
            ["Verification:Checks:ProtectedBrands:0"] = "Contoso Bank",
            ["Verification:Checks:ProtectedBrands:1"] = "Fabrikam Air",
        });

        Assert.Equal(["Contoso Bank", "Fabrikam Air"], options.ProtectedBrands);
        Assert.Contains("bank", options.GenericNames);
    }

    [Fact]
    public void Start_BadThreshold_IsRefusedWithMessageNamingTheKey()
    {
        using var app = new ConsoleAppFactory(new Dictionary<string, string?> { ["Verification:Checks:ImpersonationFailAt"] = "2" });

        var error = StartRefusal.Of(app);

        Assert.Contains("Verification:Checks:ImpersonationFailAt", error.Message, StringComparison.Ordinal);
    }

    private static VerificationCheckOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddVerificationChecks(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<VerificationCheckOptions>>().Value;
    }
}
