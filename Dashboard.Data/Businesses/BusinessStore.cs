using Dapper;

namespace Dashboard.Data.Businesses;

/// <summary>One row of the businesses list: who they are, their tier now and whether they carry the verified marker.</summary>
public sealed record BusinessListItem
{
    public long Id { get; init; }

    public string DisplayName { get; init; } = "";

    public string LegalName { get; init; } = "";

    public string Category { get; init; } = "";

    public string Country { get; init; } = "";

    public string PhoneE164 { get; init; } = "";

    public string? RegistrationNumber { get; init; }

    public bool IsVerified { get; init; }

    public string SmeStatus { get; init; } = "";

    public string? TierCode { get; init; }
}

/// <summary>A search of the businesses list: free text on name, phone, registration number or id; a page.</summary>
public sealed record BusinessQuery
{
    public string? Text { get; init; }

    /// <summary>Tier code of the subscription in force (free, business, enterprise).</summary>
    public string? Tier { get; init; }

    public string? Country { get; init; }

    public string? Category { get; init; }

    public bool? Verified { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>Headline figures of the programme, for the executives' overview.</summary>
public sealed record ProgrammeSummary
{
    public int Businesses { get; init; }

    public int VerifiedBusinesses { get; init; }

    public int PayingBusinesses { get; init; }

    /// <summary>Monthly recurring revenue in cents, list prices less overrides and current discounts.</summary>
    public long MonthlyRecurringRevenueCents { get; init; }
}

/// <summary>A business's profile as the business detail page shows it.</summary>
public sealed record BusinessProfile
{
    public long Id { get; init; }

    public string? ExternalId { get; init; }

    public string DisplayName { get; init; } = "";

    public string LegalName { get; init; } = "";

    public string Category { get; init; } = "";

    public string Country { get; init; } = "";

    public string PhoneE164 { get; init; } = "";

    public string? Website { get; init; }

    public string? EmailDomain { get; init; }

    public string? RegistrationNumber { get; init; }

    public int? Employees { get; init; }

    public long? AnnualTurnoverEur { get; init; }

    public long? BalanceSheetEur { get; init; }

    public bool IsVerified { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    public string SmeStatus { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public int Version { get; init; }
}

/// <summary>The businesses of the programme.</summary>
public interface IBusinessStore
{
    Task<BusinessProfile?> GetAsync(long id, CancellationToken cancellationToken);

    Task<Page<BusinessListItem>> SearchAsync(BusinessQuery query, CancellationToken cancellationToken);

    Task<ProgrammeSummary> SummaryAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Businesses that sent at least one message on a day of [<paramref name="from"/>, <paramref name="to"/>) (days start at 00:00 UTC).</summary>
    Task<int> ActiveBusinessesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IBusinessStore"/> for both providers.</summary>
public sealed class BusinessStore(Database database) : IBusinessStore
{
    // The current subscription is the active one whose period contains now.
    private const string Filter = """
        FROM Businesses b
        LEFT JOIN Subscriptions s ON s.BusinessId = b.Id AND s.Status = 'Active'
        LEFT JOIN TierVersions tv ON tv.Id = s.TierVersionId
        LEFT JOIN Tiers t ON t.Id = tv.TierId
        WHERE (@Text IS NULL OR b.DisplayName LIKE @Text ESCAPE '\' OR b.LegalName LIKE @Text ESCAPE '\'
               OR b.PhoneE164 LIKE @Text ESCAPE '\' OR b.RegistrationNumber LIKE @Text ESCAPE '\' OR b.Id = @Id)
          AND (@Tier IS NULL OR t.Code = @Tier)
          AND (@Country IS NULL OR b.Country = @Country)
          AND (@Category IS NULL OR b.Category = @Category)
          AND (@Verified IS NULL OR b.IsVerified = @Verified)
        """;

    private const string CountSql = "SELECT COUNT(*) " + Filter + ";";

    private readonly string _pageSql = """
        SELECT b.Id, b.DisplayName, b.LegalName, b.Category, b.Country, b.PhoneE164, b.RegistrationNumber, b.IsVerified, b.SmeStatus,
               t.Code AS TierCode
        """ + "\n" + Filter + "\nORDER BY b.DisplayName, b.Id" + database.Paging + ";";

    // The subscription in force is the one whose period contains now, whatever its status says, so that a scheduled change
    // counts from its date even before the job marks it active. Prices follow SubscriptionPricing: the override while it
    // runs, less the discount while it runs; a business pays when that price is above zero.
    private const string SummarySql = """
        SELECT
            (SELECT COUNT(*) FROM Businesses) AS Businesses,
            (SELECT COUNT(*) FROM Businesses WHERE IsVerified = 1) AS VerifiedBusinesses,
            (SELECT COUNT(*) FROM (
                SELECT CASE WHEN s.DiscountPercent IS NOT NULL AND (s.DiscountEndsAt IS NULL OR s.DiscountEndsAt > @Now)
                            THEN CASE WHEN s.PriceOverrideCents IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.PriceOverrideCents ELSE tv.MonthlyPriceCents END * (100 - s.DiscountPercent) / 100
                            ELSE CASE WHEN s.PriceOverrideCents IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.PriceOverrideCents ELSE tv.MonthlyPriceCents END END AS Price
                FROM Subscriptions s JOIN TierVersions tv ON tv.Id = s.TierVersionId
                WHERE s.Status IN ('Active', 'Scheduled', 'Ended') AND s.EffectiveFrom <= @Now AND (s.EffectiveTo IS NULL OR s.EffectiveTo > @Now)) p
                WHERE p.Price > 0) AS PayingBusinesses,
            (SELECT COALESCE(SUM(
                CASE WHEN s.DiscountPercent IS NOT NULL AND (s.DiscountEndsAt IS NULL OR s.DiscountEndsAt > @Now)
                     THEN CASE WHEN s.PriceOverrideCents IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.PriceOverrideCents ELSE tv.MonthlyPriceCents END * (100 - s.DiscountPercent) / 100
                     ELSE CASE WHEN s.PriceOverrideCents IS NOT NULL AND (s.OverridesEndAt IS NULL OR s.OverridesEndAt > @Now) THEN s.PriceOverrideCents ELSE tv.MonthlyPriceCents END END), 0)
                FROM Subscriptions s JOIN TierVersions tv ON tv.Id = s.TierVersionId
                WHERE s.Status IN ('Active', 'Scheduled', 'Ended') AND s.EffectiveFrom <= @Now AND (s.EffectiveTo IS NULL OR s.EffectiveTo > @Now)) AS MonthlyRecurringRevenueCents;
        """;

    // One primary-key seek per business (BusinessId, Day), rather than a scan of every day of every business.
    private const string ActiveSql = """
        SELECT COUNT(*)
        FROM Businesses b
        WHERE EXISTS (SELECT 1 FROM BusinessUsageDay u WHERE u.BusinessId = b.Id AND u.Day >= @From AND u.Day < @To AND u.Messages > 0);
        """;

    public async Task<Page<BusinessListItem>> SearchAsync(BusinessQuery query, CancellationToken cancellationToken)
    {
        var text = query.Text?.Trim();
        var parameters = new
        {
            Text = string.IsNullOrEmpty(text) ? null : "%" + Audit.AuditLog.EscapeLike(text) + "%",
            Id = long.TryParse(text, out var id) ? id : -1,
            Tier = string.IsNullOrWhiteSpace(query.Tier) ? null : query.Tier,
            Country = string.IsNullOrWhiteSpace(query.Country) ? null : query.Country.Trim().ToUpperInvariant(),
            Category = string.IsNullOrWhiteSpace(query.Category) ? null : query.Category,
            Verified = query.Verified is null ? (int?)null : query.Verified.Value ? 1 : 0,
            Skip = Math.Max(0, query.Skip),
            Take = Math.Clamp(query.Take, 1, 200),
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var items = await connection.QueryAsync<BusinessListItem>(new CommandDefinition(_pageSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Page<BusinessListItem>(items.AsList(), total);
    }

    private const string ProfileSql = """
        SELECT Id, ExternalId, DisplayName, LegalName, Category, Country, PhoneE164, Website, EmailDomain, RegistrationNumber,
               Employees, AnnualTurnoverEur, BalanceSheetEur, IsVerified, VerifiedAt, SmeStatus, CreatedAt, Version
        FROM Businesses
        WHERE Id = @Id;
        """;

    public async Task<BusinessProfile?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<BusinessProfile>(new CommandDefinition(ProfileSql, new { Id = id },
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ProgrammeSummary> SummaryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleAsync<ProgrammeSummary>(new CommandDefinition(SummarySql, new { Now = now }, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> ActiveBusinessesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(ActiveSql, new { From = from.ToUnixTimeSeconds(), To = to.ToUnixTimeSeconds() },
            commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
