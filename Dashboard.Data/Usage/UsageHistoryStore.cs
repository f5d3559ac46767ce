using Dapper;

namespace Dashboard.Data.Usage;

/// <summary>A business's volume over a range of whole UTC days, summed from its daily counts.</summary>
public sealed record BusinessVolume
{
    public long BusinessId { get; init; }

    public string BusinessName { get; init; } = "";

    public string Country { get; init; } = "";

    public long Messages { get; init; }

    public long Conversations { get; init; }

    /// <summary>The days of the range on which the business has a count.</summary>
    public long Days { get; init; }
}

/// <summary>A tier as the usage history names it: the code samples carry and the catalogue's display name.</summary>
public sealed record UsageTierName(string Code, string Name);

/// <summary>What the usage history reads besides the rollups: the busiest businesses of a range and the tier names.</summary>
public interface IUsageHistoryStore
{
    /// <summary>The most businesses <see cref="TopBusinessesAsync"/> answers.</summary>
    const int MaxTake = 100;

    /// <summary>
    /// The businesses with the most messages over the whole UTC days [<paramref name="fromDay"/>, <paramref name="toDay"/>)
    /// (Unix seconds of 00:00 UTC), most first and ties by id; at most <paramref name="take"/> (1 to <see cref="MaxTake"/>).
    /// </summary>
    Task<IReadOnlyList<BusinessVolume>> TopBusinessesAsync(long fromDay, long toDay, int take, CancellationToken cancellationToken);

    /// <summary>Every tier's code and name, in catalogue order.</summary>
    Task<IReadOnlyList<UsageTierName>> TierNamesAsync(CancellationToken cancellationToken);

    /// <summary>The start (Unix seconds) of the oldest day the day rollup holds, or null when it is empty.</summary>
    Task<long?> FirstRecordedDayAsync(CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IUsageHistoryStore"/> for both providers; only the paging clause differs.</summary>
public sealed class UsageHistoryStore(Database database) : IUsageHistoryStore
{
    // The range is read from IX_BusinessUsageDay_Day (migration 0008), which holds every column summed here.
    private readonly string _topBusinessesSql = """
        SELECT u.BusinessId, b.DisplayName AS BusinessName, b.Country, u.Messages, u.Conversations, u.Days
        FROM (
            SELECT BusinessId, SUM(Messages) AS Messages, SUM(Conversations) AS Conversations, COUNT(*) AS Days
            FROM BusinessUsageDay
            WHERE Day >= @From AND Day < @To
            GROUP BY BusinessId
        ) u
        JOIN Businesses b ON b.Id = u.BusinessId
        ORDER BY u.Messages DESC, u.BusinessId
        """ + database.Paging + ";";

    private const string TierNamesSql = "SELECT Code, Name FROM Tiers ORDER BY SortOrder, Code;";

    // The first entry of the day rollup's primary key.
    private const string FirstRecordedDaySql = "SELECT MIN(BucketStart) FROM UsageDay;";

    public async Task<IReadOnlyList<BusinessVolume>> TopBusinessesAsync(long fromDay, long toDay, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, IUsageHistoryStore.MaxTake);
        if (fromDay % 86_400 != 0 || toDay % 86_400 != 0)
        {
            throw new ArgumentException($"The days {fromDay} to {toDay} do not start at 00:00 UTC.", nameof(fromDay));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<BusinessVolume>(new CommandDefinition(_topBusinessesSql, new { From = fromDay, To = toDay, Skip = 0, Take = take },
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<IReadOnlyList<UsageTierName>> TierNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(TierNamesSql,
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(t => new UsageTierName(t.Code, t.Name)).ToList();
    }

    public async Task<long?> FirstRecordedDayAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FirstRecordedDaySql,
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
