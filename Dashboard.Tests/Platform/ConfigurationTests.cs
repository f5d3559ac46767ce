using System.Reflection;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Identity;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using Dashboard.Verification.Checks;
using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Platform;

public sealed class ConfigurationTests
{
    public static TheoryData<Type> OptionsTypes() =>
        new(typeof(DatabaseOptions), typeof(SignInSettings), typeof(OidcOptions), typeof(DemoOptions), typeof(Dashboard.Verification.VerificationOptions), typeof(VerificationCheckOptions), typeof(Dashboard.Tiers.SmeOptions), typeof(Dashboard.Tiers.TierChangeOptions), typeof(Dashboard.Usage.UsageOptions), typeof(Dashboard.Usage.Simulation.SimulatorOptions), typeof(TelemetryOptions), typeof(RateLimitOptions),
            typeof(Dashboard.Platform.ScaleOut.ScaleOutOptions), typeof(Dashboard.Platform.ScaleOut.DataProtectionKeysOptions));

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void ExampleSettings_NameEverySettingOfEachOptionsClass(Type optionsType)
    {
        var section = (string)optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.Example.json")));
        var node = section.Split(':').Aggregate(example.RootElement, (element, key) => element.GetProperty(key));

        var settings = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);

        Assert.All(settings, name => Assert.True(node.TryGetProperty(name, out _), $"appsettings.Example.json lacks {section}:{name}."));
    }

    [Fact]
    public void ExampleSettings_NameTheConnectionString()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.Example.json")));

        Assert.True(example.RootElement.GetProperty("ConnectionStrings").TryGetProperty(DataServiceCollectionExtensions.ConnectionStringName, out _));
    }

    [Fact]
    public void Start_DemoModeInProduction_IsRefusedWithMessageNamingTheKey()
    {
        using var app = new ProductionConsole(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

        var error = StartRefusal.Of(app);

        Assert.Contains("Demo:AllowInProduction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DemoModeInProductionForced_Starts()
    {
        await using var app = new ProductionConsole(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:AllowInProduction"] = "true", ["Demo:BusinessCount"] = "0" });

        using var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Start_InvalidSetting_IsRefusedWithMessageNamingTheKey()
    {
        using var app = new ConsoleAppFactory(new Dictionary<string, string?> { ["Identity:MaxFailedAttempts"] = "0" });

        var error = StartRefusal.Of(app);

        Assert.Contains("Identity:MaxFailedAttempts", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Dashboard.sln) was not found.");
    }

    private sealed class ProductionConsole(IDictionary<string, string?> settings) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        private readonly ConsoleAppFactory _paths = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={_paths.DatabasePath}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _paths.Dispose();
        }
    }
}
