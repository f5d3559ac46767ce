using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Tiers;

public sealed class SmeOptionsTests
{
    [Fact]
    public void Start_PartnerThresholdAboveLinkedThreshold_IsRefusedWithMessageNamingTheKey()
    {
        using var app = new ConsoleAppFactory(new Dictionary<string, string?> { ["Tiers:Sme:PartnerFromPercent"] = "60" });

        var error = StartRefusal.Of(app);

        Assert.Contains("Tiers:Sme:PartnerFromPercent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ConfiguredLimits_ReachTheRule()
    {
        using var app = new ConsoleAppFactory(new Dictionary<string, string?> { ["Tiers:Sme:MaxEmployeesExclusive"] = "50", ["Tiers:Sme:ConsecutivePeriods"] = "3" });

        var options = app.Services.GetRequiredService<IOptions<SmeOptions>>().Value;

        Assert.Equal((50, 3), (options.MaxEmployeesExclusive, options.ConsecutivePeriods));
        Assert.NotNull(app.Services.GetRequiredService<SmeEligibility>());
    }
}
