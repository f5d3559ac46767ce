using System.Data;
using Dapper;

namespace Dashboard.Data.Verification;

/// <summary>The two names of a verified business, which new applicants must not imitate.</summary>
public sealed record VerifiedBusinessName
{
    public long Id { get; init; }

    public string DisplayName { get; init; } = "";

    public string LegalName { get; init; } = "";
}

/// <summary>Which value another business shares with the one being checked.</summary>
public static class DuplicateField
{
    public const string Phone = nameof(Phone);
    public const string RegistrationNumber = nameof(RegistrationNumber);
    public const string Website = nameof(Website);
}

/// <summary>Another business that has the same phone number, registration number or website as the one being checked.</summary>
public sealed record DuplicateBusiness
{
    public long BusinessId { get; init; }

    public string DisplayName { get; init; } = "";

    public string Country { get; init; } = "";

    public bool IsVerified { get; init; }

    /// <summary>One of <see cref="DuplicateField"/>.</summary>
    public string MatchedField { get; init; } = "";

    /// <summary>The shared value as the other business has it stored.</summary>
    public string MatchedValue { get; init; } = "";
}

/// <summary>The lookups the automated checks of a verification request need.</summary>
public interface ICheckDataStore
{
    /// <summary>Id, display name and legal name of every verified business.</summary>
    Task<IReadOnlyList<VerifiedBusinessName>> VerifiedNamesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Other businesses (never <paramref name="excludeBusinessId"/>) with the same phone number, the same registration
    /// number in the same country, or a website on <paramref name="websiteDomain"/> (a host name such as
    /// "example.co.uk"; scheme, "www." and path are ignored); one row per business and matching field, at most
    /// <see cref="CheckDataStore.MaxDuplicates"/> rows.
    /// </summary>
    Task<IReadOnlyList<DuplicateBusiness>> FindDuplicatesAsync(
        long? excludeBusinessId, string phone, string? registrationNumber, string country, string? websiteDomain, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="ICheckDataStore"/> for both providers.</summary>
public sealed class CheckDataStore(Database database) : ICheckDataStore
{
    /// <summary>The most duplicate rows one lookup returns; a reviewer needs a few examples, not a list of thousands.</summary>
    public const int MaxDuplicates = 50;

    private const string VerifiedNamesSql = "SELECT Id, DisplayName, LegalName FROM Businesses WHERE IsVerified = 1;";

    // One branch per field so that each uses its own index (PhoneE164, RegistrationNumber, Website); the website is
    // compared with the ways it is stored ("https://www.example.com", "example.com", …) rather than with a
    // LIKE '%example.com%' that would read every row.
    private readonly string _duplicatesSql = """
        SELECT Id AS BusinessId, DisplayName, Country, IsVerified, 'Phone' AS MatchedField, PhoneE164 AS MatchedValue
        FROM Businesses
        WHERE PhoneE164 = @Phone AND Id <> @ExcludeId
        UNION ALL
        SELECT Id AS BusinessId, DisplayName, Country, IsVerified, 'RegistrationNumber' AS MatchedField, RegistrationNumber AS MatchedValue
        FROM Businesses
        WHERE RegistrationNumber = @RegistrationNumber AND Country = @Country AND Id <> @ExcludeId
        UNION ALL
        SELECT Id AS BusinessId, DisplayName, Country, IsVerified, 'Website' AS MatchedField, Website AS MatchedValue
        FROM Businesses
        WHERE Website IN @Websites AND Id <> @ExcludeId
        ORDER BY BusinessId, MatchedField
        """ + database.Paging + ";";

    public async Task<IReadOnlyList<VerifiedBusinessName>> VerifiedNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = await connection.QueryAsync<VerifiedBusinessName>(
            new CommandDefinition(VerifiedNamesSql, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return names.AsList();
    }

    public async Task<IReadOnlyList<DuplicateBusiness>> FindDuplicatesAsync(
        long? excludeBusinessId, string phone, string? registrationNumber, string country, string? websiteDomain, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();

        // PhoneE164 and Country are VARCHAR/CHAR on SQL Server: an NVARCHAR parameter would turn the index seek into a scan.
        parameters.Add("Phone", Blank(phone) ? null : new DbString { Value = phone.Trim(), IsAnsi = true });
        parameters.Add("Country", new DbString { Value = country.Trim().ToUpperInvariant(), IsAnsi = true });
        parameters.Add("RegistrationNumber", Blank(registrationNumber) ? null : registrationNumber!.Trim(), DbType.String);
        parameters.Add("Websites", WebsiteVariants(websiteDomain));

        // Ids start at 1, so 0 excludes nothing and keeps the comparison a plain one.
        parameters.Add("ExcludeId", excludeBusinessId ?? 0L, DbType.Int64);
        parameters.Add("Skip", 0);
        parameters.Add("Take", MaxDuplicates);

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DuplicateBusiness>(
            new CommandDefinition(_duplicatesSql, parameters, commandTimeout: database.CommandTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>The stored forms a website on <paramref name="domain"/> takes: with or without scheme, "www." and a final slash.</summary>
    internal static string[] WebsiteVariants(string? domain)
    {
        if (Blank(domain))
        {
            return [];
        }

        var host = domain!.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        var variants = new List<string>(12);
        foreach (var prefix in new[] { "https://www.", "https://", "http://www.", "http://", "www.", "" })
        {
            variants.Add(prefix + host);
            variants.Add(prefix + host + "/");
        }

        return [.. variants];
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
