using Dashboard.Data.Audit;
using Dashboard.Data.Demo;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Platform;

/// <summary>
/// Runs before the console takes requests: applies migrations, then in demo mode creates the demo users
/// and seeds demo data into an empty database. <c>/health/ready</c> stays unhealthy until it has finished.
/// </summary>
public sealed class DatabaseStartup(
    DatabaseMigrator migrator,
    IAccountStore accounts,
    AccountService accountService,
    DemoDataSeeder seeder,
    IOptions<DemoOptions> demo,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (!demo.Value.Enabled)
        {
            return;
        }

        var created = await EnsureDemoUsersAsync(cancellationToken);
        if (created > 0)
        {
            logger.LogInformation("Created {Count} demo users (password '{Password}')", created, demo.Value.Password);
        }

        if (demo.Value.BusinessCount > 0)
        {
            var users = await accounts.ListAsync(cancellationToken);
            long[] WithRole(string role) => [.. users.Where(u => u.Roles.Contains(role)).Select(u => u.Id)];
            var result = await seeder.SeedAsync(new DemoSeedOptions
            {
                Seed = demo.Value.Seed,
                BusinessCount = demo.Value.BusinessCount,
                ReviewerUserIds = WithRole(Roles.Reviewer),
                SeniorReviewerUserIds = WithRole(Roles.SeniorReviewer),
                AccountManagerUserIds = WithRole(Roles.AccountManager),
            }, cancellationToken);
            if (!result.Skipped)
            {
                logger.LogInformation(
                    "Seeded demo data in {Elapsed:F1} s: {Businesses} businesses, {Requests} verification requests, {Subscriptions} subscriptions",
                    result.Elapsed.TotalSeconds, result.Businesses, result.VerificationRequests, result.Subscriptions);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<int> EnsureDemoUsersAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var (email, name, role) in DemoUsers.All)
        {
            if (await accounts.FindByEmailAsync(email, cancellationToken) is null)
            {
                await accountService.CreateUserWithPasswordAsync(email, name, demo.Value.Password, [role], Actor.Console("demo"), cancellationToken);
                created++;
            }
        }

        return created;
    }
}
