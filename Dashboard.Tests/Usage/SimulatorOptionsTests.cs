using Dashboard.Data;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>The simulator is off unless configured on (as in Development), refuses Production unless forced, and refuses bad settings naming the key.</summary>
public sealed class SimulatorOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Settings_OffByDefaultAndInProduction_OnInDevelopment()
    {
        var dashboard = Path.Combine(RepositoryRoot(), "Dashboard");
        var production = new ConfigurationBuilder().AddJsonFile(Path.Combine(dashboard, "appsettings.json")).Build();
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dashboard, "appsettings.json"))
            .AddJsonFile(Path.Combine(dashboard, "appsettings.Development.json"))
            .Build();

        Assert.False(new SimulatorOptions().Enabled);
        Assert.False(production.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()?.Enabled ?? false);
        Assert.True(development.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()?.Enabled);
        Assert.True(development.GetValue<bool>("Demo:Enabled"));
    }

    [Fact]
    public async Task Console_WithoutTheSetting_DoesNotSimulateTraffic()
    {
        await using var app = new ConsoleAppFactory(new Dictionary<string, string?> { ["Demo:BusinessCount"] = "0" });
        using var client = app.CreateClient();

        Assert.False(app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
        Assert.Equal(UsageBackfillState.Off, app.Services.GetRequiredService<UsageBackfillStatus>().Current.State);
        Assert.Empty(await app.Services.GetRequiredService<IUsageStore>().RollupAsync(UsageGranularity.Day, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), Ct));
    }

    [Theory]
    [InlineData("BackfillDays", "401")]
    [InlineData("BackfillDays", "-1")]
    [InlineData("BackfillMinuteDays", "15")]
    [InlineData("BatchInterval", "00:00:00.500")]
    [InlineData("BatchInterval", "00:00:11")]
    public async Task Start_InvalidSetting_IsRefusedWithMessageNamingTheKey(string setting, string value)
    {
        var key = $"{SimulatorOptions.SectionName}:{setting}";
        await using var host = SimulatorHost.Create(new SqliteDatabase("Data Source=never-opened.db", new DatabaseOptions()), new FakeTimeProvider(),
            new Dictionary<string, string?> { ["Usage:Simulator:BackfillDays"] = "400", ["Usage:Simulator:BackfillMinuteDays"] = "14", [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MoreMinuteDaysThanBackfillDays_IsRefused()
    {
        await using var host = SimulatorHost.Create(new SqliteDatabase("Data Source=never-opened.db", new DatabaseOptions()), new FakeTimeProvider(),
            new Dictionary<string, string?> { ["Usage:Simulator:BackfillDays"] = "3", ["Usage:Simulator:BackfillMinuteDays"] = "4" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("Usage:Simulator:BackfillMinuteDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EnabledInProduction_IsRefusedNamingTheOverride_AndStartsWhenForced()
    {
        await using var file = await SqliteTestDatabase.CreateAsync(Ct);
        await using (var refused = SimulatorHost.Create(file.Database, new FakeTimeProvider(), environment: "Production"))
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(refused.StartAsync);
            Assert.Contains("Usage:Simulator:AllowInProduction", error.Message, StringComparison.Ordinal);
        }

        await using var forced = SimulatorHost.Create(file.Database, new FakeTimeProvider(),
            new Dictionary<string, string?> { ["Usage:Simulator:AllowInProduction"] = "true" }, environment: "Production");
        await forced.StartAsync();

        Assert.Equal(UsageBackfillState.NotNeeded, (await forced.BackfillFinishedAsync()).State);
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
}
