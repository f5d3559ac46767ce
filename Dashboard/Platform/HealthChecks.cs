using Dapper;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Platform;

/// <summary>Ready when this node has applied the migrations and the database answers.</summary>
public sealed class DatabaseReadyCheck(Database database, DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.IsApplied)
        {
            return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1;", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Provider} reachable, migrations applied.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} is not reachable.", ex);
        }
    }
}
