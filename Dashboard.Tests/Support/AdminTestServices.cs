using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Dashboard.Admin;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Identity;
using Dashboard.Tiers;
using Dashboard.Verification;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Dashboard.Tests.Support;

/// <summary>
/// A fresh SQLite file with the real migrations, and the console's real data, identity and admin services over it.
/// Service tests use <see cref="Services"/>; bUnit tests call <see cref="AddTo(BunitContext, ClaimsPrincipal)"/> to get the
/// same registrations plus MudBlazor and a signed-in user, and may seed data through this instance beforehand.
/// </summary>
public sealed class AdminTestServices : IAsyncDisposable
{
    /// <summary>The password of every user made with <see cref="AddUserAsync"/>.</summary>
    public const string Password = "correct horse battery staple";

    private readonly ServiceProvider _provider;

    private AdminTestServices(string databasePath, ServiceProvider provider)
    {
        DatabasePath = databasePath;
        _provider = provider;
    }

    public string DatabasePath { get; }

    public IServiceProvider Services => _provider;

    public static async Task<AdminTestServices> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"console-admin-tests-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase("Data Source=" + path, new DatabaseOptions());
        await new DatabaseMigrator(database, NullLoggerFactory.Instance).MigrateAsync(Xunit.TestContext.Current.CancellationToken);

        var services = new ServiceCollection();
        Register(services, path);
        return new AdminTestServices(path, services.BuildServiceProvider());
    }

    /// <summary>The production registrations (data, identity with the real policies, admin, verification, tiers) over the test database.</summary>
    public static void Register(IServiceCollection services, string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = "Data Source=" + databasePath })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDashboardData(configuration);
        services.AddConsoleIdentity(configuration);
        services.AddConsoleAdmin();
        services.AddVerification(configuration);
        services.AddTiers(configuration);
    }

    /// <summary>Makes a bUnit context render console pages as <paramref name="user"/>, over this test database.</summary>
    public void AddTo(BunitContext context, ClaimsPrincipal user)
    {
        Register(context.Services, DatabasePath);
        ConsoleBunitContext.UseMudAndRealAuthorization(context);
        context.Services.AddScoped<AuthenticationStateProvider>(_ => new FixedAuthenticationStateProvider(user));
    }

    /// <summary>Renders a component inside the providers MainLayout holds, so that its dialogs, popovers and snackbars appear.</summary>
    public static IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>(BunitContext context)
        where TComponent : IComponent =>
        context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            builder.CloseComponent();
        });

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Creates a local user with <see cref="Password"/> and the given roles, and reads it back.</summary>
    public async Task<UserAccount> AddUserAsync(string email, params string[] roles)
    {
        var cancellationToken = Xunit.TestContext.Current.CancellationToken;
        var id = await Get<AccountService>().CreateUserWithPasswordAsync(email, email.Split('@')[0], Password, roles, Actor.Console("test"), cancellationToken);
        return (await Get<IAccountStore>().FindByIdAsync(id, cancellationToken))!;
    }

    public Task<UserAccount?> FindUserAsync(long id) => Get<IAccountStore>().FindByIdAsync(id, Xunit.TestContext.Current.CancellationToken);

    /// <summary>The principal the console signs a user in with.</summary>
    public static ClaimsPrincipal PrincipalOf(UserAccount user) =>
        AccountService.CreatePrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }

    /// <summary>A signed-in user that never changes during a test.</summary>
    private sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
