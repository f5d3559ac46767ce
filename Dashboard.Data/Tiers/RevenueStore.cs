using Dapper;

namespace Dashboard.Data.Tiers;

/// <summary>One period of a business's subscription that counts for revenue: its tier and what it costs while it holds.</summary>
public sealed record SubscriptionPeriod
{
    public long Id { get; init; }

    public long BusinessId { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Exclusive; null while the period is open.</summary>
    public DateTimeOffset? EffectiveTo { get; init; }

    /// <summary>The list price of the subscription's tier version.</summary>
    public long MonthlyPriceCents { get; init; }

    public long? PriceOverrideCents { get; init; }

    /// <summary>Exclusive; null while the override is open-ended.</summary>
    public DateTimeOffset? OverridesEndAt { get; init; }

    public int? DiscountPercent { get; init; }

    /// <summary>Exclusive; null while the discount is open-ended.</summary>
    public DateTimeOffset? DiscountEndsAt { get; init; }

    public string TierCode { get; init; } = "";

    public string TierName { get; init; } = "";

    public int TierSortOrder { get; init; }
}

/// <summary>Reads the subscription periods that revenue is computed from.</summary>
public interface IRevenueStore
{
    /// <summary>
    /// Every period that counts for revenue and is in force at some instant between <paramref name="since"/> and
    /// <paramref name="until"/>, both inclusive. Periods count when their status is <c>Active</c>, <c>Ended</c> or
    /// <c>Scheduled</c>: what was, is, or is agreed to be billed. Rows waiting for approval, rejected or cancelled never count.
    /// </summary>
    Task<IReadOnlyList<SubscriptionPeriod>> PeriodsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IRevenueStore"/> for both providers.</summary>
public sealed class RevenueStore(Database database) : IRevenueStore
{
    // One pass over the subscriptions in the range with their price and tier; a few thousand rows a year.
    private const string PeriodsSql = """
        SELECT s.Id, s.BusinessId, s.EffectiveFrom, s.EffectiveTo, tv.MonthlyPriceCents, s.PriceOverrideCents, s.OverridesEndAt,
               s.DiscountPercent, s.DiscountEndsAt,
               t.Code AS TierCode, t.Name AS TierName, t.SortOrder AS TierSortOrder
        FROM Subscriptions s
        JOIN TierVersions tv ON tv.Id = s.TierVersionId
        JOIN Tiers t ON t.Id = tv.TierId
        WHERE s.Status IN ('Active', 'Ended', 'Scheduled')
          AND s.EffectiveFrom <= @Until
          AND (s.EffectiveTo IS NULL OR s.EffectiveTo > @Since)
        ORDER BY s.BusinessId, s.EffectiveFrom, s.Id;
        """;

    public async Task<IReadOnlyList<SubscriptionPeriod>> PeriodsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<SubscriptionPeriod>(new CommandDefinition(PeriodsSql, new { Since = since, Until = until },
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}
