using Bunit;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Platform;
using Dashboard.Shell;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Shell;

/// <summary>
/// A page whose query fails because the database file cannot be opened: the layout stays, the page says that the
/// database cannot be reached, and it loads by itself once the database is there again.
/// </summary>
public sealed class DatabaseDownPageTests : ConsoleBunitContext, IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "console-tests", "db-down-page-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private string DatabaseFile => Path.Combine(_folder, "console.db");

    [Fact]
    public async Task Page_DatabaseUnreachable_ShowsTheMessageInTheLayout_AndLoadsOnceTheDatabaseIsBack()
    {
        // Read-only on a file that is not there: every open fails as it does when the file or its disk is gone.
        Services.AddSingleton<Database>(new SqliteDatabase($"Data Source={DatabaseFile};Mode=ReadOnly", new DatabaseOptions()));
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<IAccountStore, AccountStore>();
        Services.AddOptions<DemoOptions>();
        SignInAs(7, "exec@example.com", Dashboard.Data.Identity.Roles.Executive);

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<AccountCountPage>(0);
            b.CloseComponent();
        })));

        layout.WaitForAssertion(() => Assert.Contains("The database cannot be reached; the console retries by itself.", layout.Markup, StringComparison.Ordinal));
        Assert.Contains("Business Console", layout.Find(".brand-name").TextContent, StringComparison.Ordinal);
        Assert.Empty(layout.FindAll("[data-testid=accounts]"));

        // The database comes back; the page retries on its own after the retry interval.
        var back = new SqliteDatabase($"Data Source={DatabaseFile}", new DatabaseOptions());
        await new DatabaseMigrator(back, NullLoggerFactory.Instance).MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        _time.Advance(PageProblem.RetryInterval);

        layout.WaitForAssertion(() => Assert.Equal("Accounts: 0", layout.Find("[data-testid=accounts]").TextContent));
        Assert.Empty(layout.FindAll("[data-testid=page-problem]"));
    }

    [Fact]
    public void Page_OtherError_ShowsAReferenceAndRetry_NotTheDatabaseMessage()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<IAccountStore>(new FailingAccounts());
        Services.AddOptions<DemoOptions>();

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<AccountCountPage>(0);
            b.CloseComponent();
        })));

        layout.WaitForAssertion(() => Assert.Contains("This page ran into an error.", layout.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("database cannot be reached", layout.Markup, StringComparison.Ordinal);
        Assert.Single(layout.FindAll("[data-testid=page-problem-retry]"));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
    }

    /// <summary>A page that reads from the database as it starts, as the console's pages do.</summary>
    private sealed class AccountCountPage : ComponentBase
    {
        private int _count;

        [Inject]
        public required IAccountStore Accounts { get; init; }

        protected override async Task OnInitializedAsync() => _count = await Accounts.CountAsync(CancellationToken.None);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "accounts");
            builder.AddContent(2, $"Accounts: {_count}");
            builder.CloseElement();
        }
    }

    /// <summary>Accounts that fail with a bug rather than an unreachable database.</summary>
    private sealed class FailingAccounts : IAccountStore
    {
        public Task<int> CountAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("A bug, not the database.");

        public Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken) => Task.FromResult<UserAccount?>(null);

        public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UserAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> CreateAsync(NewUser user, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetRolesAsync(long id, IReadOnlyCollection<string> roles, int expectedVersion, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetDisabledAsync(long id, bool disabled, int expectedVersion, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetPasswordHashAsync(long id, string passwordHash, int expectedVersion, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RecordSignInAsync(long id, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<FailedSignIn> RecordFailedSignInAsync(string email, int maxFailures, TimeSpan lockoutDuration, string? remoteIp, string reason, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task SetThemeAsync(long id, string theme, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetCultureAsync(long id, string? culture, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
