using System.Security.Claims;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Dashboard.Tests.Support;
using Dashboard.Verification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Verification;

/// <summary>A migrated SQLite file, a controlled clock, the real stores, policies and verification service, and helpers to make users and requests.</summary>
public sealed class VerificationWorld : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database;
    private int _sequence;

    private VerificationWorld(SqliteTestDatabase database)
    {
        _database = database;
        Audit = new AuditLog(database.Database, Time);
        Accounts = new AccountStore(database.Database, Audit, Time);
        Store = new VerificationStore(database.Database, Audit, Time);
        Feed = new VerificationFeed(Time);
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorizationBuilder().AddConsolePolicies("Cookies", "ApiKey");
        Authorization = services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
        Service = new VerificationService(Store, Authorization, Microsoft.Extensions.Options.Options.Create(Options), Feed, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public VerificationOptions Options { get; } = new();

    public AuditLog Audit { get; }

    public AccountStore Accounts { get; }

    public VerificationStore Store { get; }

    public VerificationFeed Feed { get; }

    public IAuthorizationService Authorization { get; }

    public VerificationService Service { get; }

    public Dashboard.Data.Database Database => _database.Database;

    public static async Task<VerificationWorld> CreateAsync() =>
        new(await SqliteTestDatabase.CreateAsync(CancellationToken.None));

    /// <summary>A signed-in user with the given roles, as the login form would make them.</summary>
    public async Task<ClaimsPrincipal> UserAsync(string name, params string[] roles)
    {
        var email = $"{name}-{Interlocked.Increment(ref _sequence)}@example.com";
        var id = await Accounts.CreateAsync(new NewUser(email, name, "hash", roles), Actor.Console(), CancellationToken.None);
        return AccountService.CreatePrincipal((await Accounts.FindByIdAsync(id, CancellationToken.None))!, "Cookies");
    }

    public static long IdOf(ClaimsPrincipal user) => long.Parse(user.FindFirstValue(ConsoleClaims.UserId)!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new application through the store, as the intake API stores it.</summary>
    public Task<IntakeResult> ApplyAsync(string category = "LocalShop", int riskScore = 10, string? externalId = null, string displayName = "Huber Backstube") =>
        Store.SubmitAsync(new BusinessApplication
        {
            ExternalId = externalId ?? $"ext-{Interlocked.Increment(ref _sequence)}",
            LegalName = displayName + " GmbH",
            DisplayName = displayName,
            Category = category,
            Country = "DE",
            PhoneE164 = "+4989" + (1000000 + Interlocked.Increment(ref _sequence)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Website = "https://www.huber-backstube.de",
            EmailDomain = "huber-backstube.de",
            RegistrationNumber = "HRB 123456",
            Documents = [new NewDocument("CommercialRegisterExtract", "hr.pdf", new string('a', 64), 120_000)],
        }, Options.IntakePolicy(), riskScore, riskScore >= 70 ? "High" : riskScore >= 40 ? "Medium" : "Low", Actor.ApiKey("platform"), CancellationToken.None);

    public async Task<RequestDetail> RequestAsync(long id) => (await Store.GetAsync(id, CancellationToken.None))!;

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
