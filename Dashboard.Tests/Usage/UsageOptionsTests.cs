using Dashboard.Data.Businesses;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Usage;

/// <summary>The Usage section: the default regions cover the world, and a bad setting stops the console with its key named.</summary>
public sealed class UsageOptionsTests
{
    [Fact]
    public void DefaultRegions_PutEveryIsoCountryInExactlyOneRegion()
    {
        var regions = new UsageRegions(Options.Create(new UsageOptions()));

        Assert.Null(UsageRegions.Problem(UsageRegions.Default()));
        Assert.All(Countries.All, country => Assert.NotNull(regions.RegionOf(country)));
        Assert.Equal("Europe", regions.RegionOf("DE"));
        Assert.Equal("North America", regions.RegionOf("US"));
        Assert.Equal("Latin America", regions.RegionOf("BR"));
        Assert.Equal("Middle East & Africa", regions.RegionOf("AE"));
        Assert.Equal("Asia-Pacific", regions.RegionOf("JP"));
    }

    [Theory]
    [InlineData("Usage:Regions:Europe:0", "XX", "Usage:Regions")]
    [InlineData("Usage:MinuteRetentionDays", "0", "Usage:MinuteRetentionDays")]
    [InlineData("Usage:FlushInterval", "00:00:00", "Usage:FlushInterval")]
    public void Start_BadUsageSetting_IsRefusedWithMessageNamingTheKey(string key, string value, string named)
    {
        using var app = new ConsoleAppFactory(new Dictionary<string, string?> { [key] = value, ["Demo:BusinessCount"] = "0" });

        var error = StartRefusal.Of(app);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredRegions_ReplaceTheDefaultWhole()
    {
        var incomplete = new Dictionary<string, List<string>> { ["Everywhere"] = [.. Countries.All.Where(c => c != "AQ")] };

        var problem = UsageRegions.Problem(incomplete);

        Assert.Equal("no region for AQ", problem);
    }
}
