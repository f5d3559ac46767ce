using Dapper;

namespace Dashboard.Data.Tiers;

/// <summary>Headcount, turnover and balance sheet total of one business for one fiscal year, or its current figures when <see cref="FiscalYear"/> is null.</summary>
public sealed record SmePeriodFigures
{
    /// <summary>The fiscal year, or null for the current figures held on the business itself.</summary>
    public int? FiscalYear { get; init; }

    public long Employees { get; init; }

    public long AnnualTurnoverEur { get; init; }

    public long BalanceSheetEur { get; init; }
}

/// <summary>Which way an ownership link points, seen from the business being judged.</summary>
public enum SmeLinkDirection
{
    /// <summary>The other business holds a stake in the business being judged.</summary>
    OwnedBy,

    /// <summary>The business being judged holds a stake in the other business.</summary>
    Owns,
}

/// <summary>A business tied to the one being judged by ownership, with its figures per fiscal year.</summary>
public sealed record SmeLink
{
    public long BusinessId { get; init; }

    public string Name { get; init; } = "";

    public SmeLinkDirection Direction { get; init; }

    public int OwnershipPercent { get; init; }

    /// <summary>Figures per fiscal year, newest first; its current figures as one period when it has none per year; empty when nothing is known.</summary>
    public IReadOnlyList<SmePeriodFigures> Periods { get; init; } = [];
}

/// <summary>Everything the SME rule needs about one business: its own figures per period and its ownership links.</summary>
public sealed record SmeFigures
{
    public long BusinessId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The status stored on the business: Sme, NonSme or Unknown.</summary>
    public string StoredStatus { get; init; } = SmeStatuses.Unknown;

    /// <summary>Own figures per fiscal year, newest first; the current figures as one period when there are none per year; empty when nothing is known.</summary>
    public IReadOnlyList<SmePeriodFigures> Periods { get; init; } = [];

    public IReadOnlyList<SmeLink> Links { get; init; } = [];
}

/// <summary>The values of Businesses.SmeStatus.</summary>
public static class SmeStatuses
{
    public const string Sme = nameof(Sme);
    public const string NonSme = nameof(NonSme);
    public const string Unknown = nameof(Unknown);
}

/// <summary>Reads the size figures and ownership links the SME rule judges.</summary>
public interface ISmeFiguresStore
{
    /// <summary>The figures of <paramref name="businessId"/> and of every business it owns or is owned by; null when the business does not exist.</summary>
    Task<SmeFigures?> LoadAsync(long businessId, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ISmeFiguresStore"/> for both providers.</summary>
public sealed class SmeFiguresStore(Database database) : ISmeFiguresStore
{
    private const string BusinessSql = """
        SELECT Id, DisplayName, SmeStatus, Employees, AnnualTurnoverEur, BalanceSheetEur
        FROM Businesses
        WHERE Id = @Id;
        """;

    // BusinessId is the owned business and LinkedBusinessId its owner, so the first branch finds the owners and the
    // second the businesses owned.
    private const string LinksSql = """
        SELECT b.Id, b.DisplayName, 'OwnedBy' AS Direction, l.OwnershipPercent, b.Employees, b.AnnualTurnoverEur, b.BalanceSheetEur
        FROM BusinessLinks l
        JOIN Businesses b ON b.Id = l.LinkedBusinessId
        WHERE l.BusinessId = @Id AND l.LinkedBusinessId <> @Id
        UNION ALL
        SELECT b.Id, b.DisplayName, 'Owns' AS Direction, l.OwnershipPercent, b.Employees, b.AnnualTurnoverEur, b.BalanceSheetEur
        FROM BusinessLinks l
        JOIN Businesses b ON b.Id = l.BusinessId
        WHERE l.LinkedBusinessId = @Id AND l.BusinessId <> @Id
        ORDER BY Id, Direction;
        """;

    private const string FinancialsSql = """
        SELECT f.BusinessId, f.FiscalYear, f.Employees, f.AnnualTurnoverEur, f.BalanceSheetEur
        FROM BusinessFinancials f
        WHERE f.BusinessId = @Id
           OR f.BusinessId IN (SELECT l.LinkedBusinessId FROM BusinessLinks l WHERE l.BusinessId = @Id)
           OR f.BusinessId IN (SELECT l.BusinessId FROM BusinessLinks l WHERE l.LinkedBusinessId = @Id)
        ORDER BY f.BusinessId, f.FiscalYear DESC;
        """;

    public async Task<SmeFigures?> LoadAsync(long businessId, CancellationToken cancellationToken)
    {
        var parameters = new { Id = businessId };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var business = await connection.QuerySingleOrDefaultAsync<BusinessRow>(
            new CommandDefinition(BusinessSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (business is null)
        {
            return null;
        }

        var links = (await connection.QueryAsync<LinkRow>(
            new CommandDefinition(LinksSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var financials = (await connection.QueryAsync<FinancialsRow>(
            new CommandDefinition(FinancialsSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(f => f.BusinessId, f => new SmePeriodFigures
            {
                FiscalYear = f.FiscalYear,
                Employees = f.Employees,
                AnnualTurnoverEur = f.AnnualTurnoverEur,
                BalanceSheetEur = f.BalanceSheetEur,
            });

        return new SmeFigures
        {
            BusinessId = business.Id,
            Name = business.DisplayName,
            StoredStatus = business.SmeStatus,
            Periods = PeriodsOf(financials[business.Id], business.Employees, business.AnnualTurnoverEur, business.BalanceSheetEur),
            Links = links.Select(l => new SmeLink
            {
                BusinessId = l.Id,
                Name = l.DisplayName,
                Direction = l.Direction == nameof(SmeLinkDirection.Owns) ? SmeLinkDirection.Owns : SmeLinkDirection.OwnedBy,
                OwnershipPercent = (int)l.OwnershipPercent,
                Periods = PeriodsOf(financials[l.Id], l.Employees, l.AnnualTurnoverEur, l.BalanceSheetEur),
            }).ToList(),
        };
    }

    // Figures per fiscal year win; without them the current figures stand in as one period, but only when all three
    // are known, since a missing headcount read as zero would make any business look small.
    private static List<SmePeriodFigures> PeriodsOf(IEnumerable<SmePeriodFigures> perYear, long? employees, long? turnover, long? balanceSheet)
    {
        var periods = perYear.ToList();
        if (periods.Count == 0 && employees is { } e && turnover is { } t && balanceSheet is { } b)
        {
            periods.Add(new SmePeriodFigures { Employees = e, AnnualTurnoverEur = t, BalanceSheetEur = b });
        }

        return periods;
    }

    private sealed record BusinessRow
    {
        public long Id { get; init; }

        public string DisplayName { get; init; } = "";

        public string SmeStatus { get; init; } = "";

        public long? Employees { get; init; }

        public long? AnnualTurnoverEur { get; init; }

        public long? BalanceSheetEur { get; init; }
    }

    private sealed record LinkRow
    {
        public long Id { get; init; }

        public string DisplayName { get; init; } = "";

        public string Direction { get; init; } = "";

        public long OwnershipPercent { get; init; }

        public long? Employees { get; init; }

        public long? AnnualTurnoverEur { get; init; }

        public long? BalanceSheetEur { get; init; }
    }

    private sealed record FinancialsRow
    {
        public long BusinessId { get; init; }

        public int FiscalYear { get; init; }

        public long Employees { get; init; }

        public long AnnualTurnoverEur { get; init; }

        public long BalanceSheetEur { get; init; }
    }
}

/// <summary>Writes a business's SME status once the rule's verdict differs from the stored one.</summary>
public interface ISmeStatusStore
{
    /// <summary>Every business id, for the periodic review.</summary>
    Task<IReadOnlyList<long>> BusinessIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the status if it is still <paramref name="expected"/>, with its audit entry in the same transaction;
    /// false when someone changed it meanwhile.
    /// </summary>
    Task<bool> UpdateAsync(long businessId, string expected, string status, Audit.AuditEntry entry, Audit.Actor actor, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ISmeStatusStore"/> for both providers.</summary>
public sealed class SmeStatusStore(Database database, Audit.AuditLog audit, TimeProvider time) : ISmeStatusStore
{
    private const string IdsSql = "SELECT Id FROM Businesses ORDER BY Id;";

    private const string UpdateSql = "UPDATE Businesses SET SmeStatus = @Status, UpdatedAt = @Now WHERE Id = @Id AND SmeStatus = @Expected;";

    public async Task<IReadOnlyList<long>> BusinessIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<long>(new CommandDefinition(IdsSql, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<bool> UpdateAsync(long businessId, string expected, string status, Audit.AuditEntry entry, Audit.Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new { Id = businessId, Expected = expected, Status = status, Now = time.GetUtcNow() },
            transaction, database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        await audit.AppendAsync(connection, transaction, entry, actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
