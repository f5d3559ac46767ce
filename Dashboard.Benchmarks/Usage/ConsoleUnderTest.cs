using System.Net;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Identity;
using Dashboard.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Benchmarks.Usage;

/// <summary>
/// The real console on a loopback port, as in production: a fresh SQLite file of its own, no demo data, no traffic
/// simulator, warnings-only logging, the Production environment. The framework's script is served from the build
/// output (as <c>dotnet run</c> does), so that a browser can open circuits.
/// </summary>
internal sealed class ConsoleUnderTest : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", "console-" + Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Services added to the console's own (e.g. a circuit handler that counts circuits).</param>
    public ConsoleUnderTest(Action<IServiceCollection>? services = null)
    {
        _services = services;
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "console.db");
    }

    public string DatabasePath { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the console on a free loopback port.</summary>
    public Uri Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Address;
    }

    /// <summary>A new API key with these scopes, as <c>apikey create</c> makes one.</summary>
    public async Task<string> CreateKeyAsync(string name, string[] scopes, CancellationToken cancellationToken) =>
        (await Services.GetRequiredService<ApiKeyService>().CreateAsync(name, scopes, Actor.Console("benchmark"), cancellationToken).ConfigureAwait(false)).Key;

    /// <summary>A new user with these roles and a generated password, as <c>user create</c> makes one; answers the password.</summary>
    public async Task<string> CreateUserAsync(string email, string[] roles, CancellationToken cancellationToken) =>
        (await Services.GetRequiredService<AccountService>().CreateUserAsync(email, null, roles, Actor.Console("benchmark"), cancellationToken).ConfigureAwait(false)).Password;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseStaticWebAssets();
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }

        builder.UseSetting("ConnectionStrings:" + DataServiceCollectionExtensions.ConnectionStringName, $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Usage:Simulator:Enabled", "false");
        builder.UseSetting("Api:RateLimits:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
    }
}
