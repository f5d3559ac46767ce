using System.Security.Claims;
using Bunit;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Usage;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Usage;

/// <summary>
/// A migrated SQLite file with the console's real data, identity, tier and usage services over it, the clock stopped at
/// <see cref="Now"/>, and helpers that write crafted rollups and per-business daily counts.
/// </summary>
public sealed class HistoryWorld : IAsyncDisposable
{
    /// <summary>A Monday afternoon: the 24 h range ends at 12:30, the 7 d range at 12:00, longer ones at 00:00.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 34, 56, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private HistoryWorld(AdminTestServices admin, ServiceProvider services, FakeTimeProvider time)
    {
        Admin = admin;
        _services = services;
        Time = time;
    }

    public AdminTestServices Admin { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _services;

    public UsageHistoryService History => _services.GetRequiredService<UsageHistoryService>();

    public IUsageStore Store => _services.GetRequiredService<IUsageStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<HistoryWorld> CreateAsync()
    {
        var time = new FakeTimeProvider(Now);
        var admin = await AdminTestServices.CreateAsync(time);
        var services = new ServiceCollection();
        AdminTestServices.Register(services, admin.DatabasePath, time);
        services.AddUsage(new ConfigurationBuilder().Build());
        return new HistoryWorld(admin, services.BuildServiceProvider(), time);
    }

    /// <summary>Makes a bUnit context render console pages as <paramref name="user"/>, with the usage services, over this database.</summary>
    public void AddTo(BunitContext context, ClaimsPrincipal user)
    {
        Admin.AddTo(context, user);
        context.Services.AddUsage(new ConfigurationBuilder().Build());
    }

    public async Task<ClaimsPrincipal> ExecutiveAsync() =>
        AdminTestServices.PrincipalOf(await Admin.AddUserAsync($"exec-{Guid.NewGuid():N}@example.test", Roles.Executive));

    /// <summary>The report the page and the export show for <paramref name="view"/>, read as an executive.</summary>
    public async Task<HistoryReport> ReportAsync(HistoryView view) => await History.LoadAsync(await ExecutiveAsync(), view, Ct);

    /// <summary>Adds cells to a rollup and every coarser one, as a backfill does.</summary>
    public Task AddAsync(UsageGranularity finest, params UsageCell[] cells) => Store.AddToRollupsAsync(finest, cells, Ct);

    public static UsageCell Cell(DateTimeOffset at, long count, string country = "DE", string kind = UsageKinds.Text, string tier = "free") =>
        new(at.ToUnixTimeSeconds(), country, kind, tier, count);

    public async Task<long> AddBusinessAsync(string name, string country = "DE")
    {
        var database = _services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(
            database.InsertReturningId("Businesses", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "CreatedAt", "UpdatedAt"),
            new { DisplayName = name, LegalName = name + " Ltd", Category = "OnlineRetailer", Country = country, PhoneE164 = "+4930123456", CreatedAt = Now, UpdatedAt = Now });
    }

    public async Task AddBusinessDayAsync(long businessId, DateOnly day, long conversations, long messages)
    {
        var database = _services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@BusinessId, @Day, @Conversations, @Messages);",
            new { BusinessId = businessId, Day = DaySeconds(day), Conversations = conversations, Messages = messages });
    }

    public static long DaySeconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Admin.DisposeAsync();
    }
}
