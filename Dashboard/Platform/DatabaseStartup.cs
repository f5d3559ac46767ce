using Dashboard.Data.Audit;
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
