using System.Net;
using Dashboard.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real console host on a fresh SQLite file of its own, in demo mode with a small demo data set.
/// <see cref="StartKestrel"/> puts it on a free loopback port for browser tests.
/// </summary>
public sealed class ConsoleAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "console-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public ConsoleAppFactory(IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "console.db");
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + DataServiceCollectionExtensions.ConnectionStringName] = $"Data Source={DatabasePath}",
            ["Database:Provider"] = "Sqlite",
            ["Demo:Enabled"] = "true",
            ["Demo:BusinessCount"] = "400",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    /// <summary>The address of the Kestrel server once <see cref="StartKestrel"/> has run.</summary>
    public Uri? ServerAddress { get; private set; }

    /// <summary>Starts the console on a real socket (a free loopback port), for a real browser.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        ServerAddress = new Uri(addresses.First());
        return ServerAddress;
    }

    public HttpClient CreateNonRedirectingClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Outside Development the host serves framework and library assets only from a published wwwroot;
        // tests run from the build output, so they use the build's static web assets manifest as `dotnet run` does.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TryDelete();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TryDelete();
    }

    private void TryDelete()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
