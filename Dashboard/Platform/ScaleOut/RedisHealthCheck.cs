using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Platform.ScaleOut;

/// <summary>
/// Degraded (not unhealthy) while Redis is away: the node still serves its own users and hub clients, only the other
/// nodes' live counts are missing from its ticks and charts. A load balancer keeps sending traffic to it.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy("Redis reachable: live counts of every node.")
            : HealthCheckResult.Degraded("Redis is not reachable: live ticks and charts show this node's batches only until it is back."));
}
