using Dapper;
using Dashboard.Data;
using Dashboard.Data.Verification;
using Dashboard.Verification.Checks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Verification.Checks;

/// <summary>Builds the checks over a store of the test's choosing, and crafted subjects that pass every check unless told otherwise.</summary>
internal static class CheckHarness
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A small German bakery with its own domain and a well-formed HRB number: every check passes.</summary>
    public static CheckSubject Bakery() => new(
        BusinessId: null,
        DisplayName: "Bäckerei Huber",
        LegalName: "Bäckerei Huber GmbH",
        Category: "LocalShop",
        Country: "DE",
        PhoneE164: "+498912345678",
        Website: "https://www.baeckerei-huber.de",
        EmailDomain: "baeckerei-huber.de",
        RegistrationNumber: "HRB 123456");

    public static VerificationChecks Create(ICheckDataStore store, VerificationCheckOptions? options = null, TimeProvider? time = null)
    {
        var wrapped = Options.Create(options ?? new VerificationCheckOptions());
        return new VerificationChecks(store, new VerifiedNameCache(store, time ?? new FakeTimeProvider(Now), wrapped, NullLogger<VerifiedNameCache>.Instance), wrapped);
    }

    public static VerificationChecks Create(params VerifiedBusinessName[] verified) => Create(new FakeCheckDataStore(verified));

    public static CheckResult Check(this CheckReport report, string code) => report.Checks.Single(c => c.Code == code);

    public static Task<CheckReport> RunAsync(this VerificationChecks checks, CheckSubject subject) =>
        checks.RunAsync(subject, TestContext.Current.CancellationToken);

    public static VerifiedBusinessName Verified(long id, string displayName, string? legalName = null) =>
        new() { Id = id, DisplayName = displayName, LegalName = legalName ?? displayName + " GmbH" };
}

/// <summary>An in-memory <see cref="ICheckDataStore"/> that counts how often the verified names are read.</summary>
internal sealed class FakeCheckDataStore(IEnumerable<VerifiedBusinessName>? verified = null, IEnumerable<DuplicateBusiness>? duplicates = null) : ICheckDataStore
{
    public List<VerifiedBusinessName> VerifiedNames { get; } = [.. verified ?? []];

    public List<DuplicateBusiness> Duplicates { get; } = [.. duplicates ?? []];

    public int VerifiedNameReads { get; private set; }

    public Task<IReadOnlyList<VerifiedBusinessName>> VerifiedNamesAsync(CancellationToken cancellationToken)
    {
        VerifiedNameReads++;
        return Task.FromResult<IReadOnlyList<VerifiedBusinessName>>([.. VerifiedNames]);
    }

    public Task<IReadOnlyList<DuplicateBusiness>> FindDuplicatesAsync(
        long? excludeBusinessId, string phone, string? registrationNumber, string country, string? websiteDomain, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DuplicateBusiness>>([.. Duplicates.Where(d => d.BusinessId != excludeBusinessId)]);
}

/// <summary>Writes businesses into a migrated test database.</summary>
internal static class TestBusinesses
{
    public static async Task<long> InsertAsync(Database database, CheckSubject business, bool verified = false)
    {
        var sql = database.InsertReturningId("Businesses",
            "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "Website", "EmailDomain", "RegistrationNumber", "IsVerified", "CreatedAt", "UpdatedAt");
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            business.DisplayName,
            business.LegalName,
            business.Category,
            business.Country,
            business.PhoneE164,
            business.Website,
            business.EmailDomain,
            business.RegistrationNumber,
            IsVerified = verified,
            CreatedAt = CheckHarness.Now,
            UpdatedAt = CheckHarness.Now,
        });
    }
}
