using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Identity;

namespace Dashboard.Usage;

/// <summary>
/// Every minute, checks that each <see cref="UsageHub"/> connection of this node may still listen, as the console does
/// for open pages: a connection made with an API key that has since been revoked, or by a signed-in user who has been
/// disabled or whose roles or password changed, is closed. The client sees the connection end; connecting again is
/// refused unless its access is valid. Each node checks its own connections, so a revocation on any node reaches all.
/// </summary>
public sealed partial class UsageHubRevalidation(
    UsageConnections connections,
    IApiKeyStore keys,
    IAccountStore accounts,
    TimeProvider time,
    ILogger<UsageHubRevalidation> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RevalidateAsync(stoppingToken);
        }
    }

    /// <summary>Closes the connections whose access has ended; answers how many it closed.</summary>
    public async Task<int> RevalidateAsync(CancellationToken cancellationToken)
    {
        var open = connections.Open.ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        try
        {
            HashSet<string>? activeKeys = null;
            var users = new Dictionary<(string?, string?), bool>();
            var closed = 0;
            foreach (var connection in open)
            {
                var user = connection.User;
                bool allowed;
                if (user.FindFirstValue(ConsoleClaims.ApiKeyName) is { } key)
                {
                    activeKeys ??= (await keys.ListAsync(cancellationToken)).Where(k => !k.IsRevoked).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
                    allowed = activeKeys.Contains(key);
                }
                else
                {
                    var who = (user.FindFirstValue(ConsoleClaims.UserId), user.FindFirstValue(ConsoleClaims.SecurityStamp));
                    if (!users.TryGetValue(who, out allowed))
                    {
                        users[who] = allowed = await RevalidatingStateProvider.IsCurrentAsync(accounts, user, cancellationToken);
                    }
                }

                if (!allowed)
                {
                    LogClosing(connection.ConnectionId, user.Identity?.Name);
                    connection.Abort();
                    closed++;
                }
            }

            return closed;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            // Nobody can be revoked or disabled while the database is out of reach either; the next check decides.
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing usage hub connection {ConnectionId} of {Name}: its access has ended")]
    private partial void LogClosing(string connectionId, string? name);
}
