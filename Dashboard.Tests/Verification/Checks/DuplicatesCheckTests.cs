using Dashboard.Data.Verification;
using Dashboard.Tests.Support;
using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

/// <summary>The duplicates check against a real migrated SQLite file.</summary>
public sealed class DuplicatesCheckTests
{
    private static CheckSubject Other() => new(null, "Metzgerei Brunner", "Metzgerei Brunner e.K.", "LocalShop", "DE", "+493012345678",
        "https://www.metzgerei-brunner.de", "metzgerei-brunner.de", "HRA 55501");

    [Fact]
    public async Task RunAsync_NothingShared_Passes()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        await TestBusinesses.InsertAsync(database.Database, Other());

        var report = await Checks(database).RunAsync(CheckHarness.Bakery());

        var check = report.Check(CheckCodes.Duplicates);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Contains(check.Evidence, e => e.Contains("+498912345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SamePhone_FailsNamingTheOtherBusiness()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var other = await TestBusinesses.InsertAsync(database.Database, Other() with { PhoneE164 = "+498912345678" });

        var report = await Checks(database).RunAsync(CheckHarness.Bakery());

        var check = report.Check(CheckCodes.Duplicates);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().DuplicatesPoints.Fail, check.Points);
        var line = Assert.Single(check.Evidence);
        Assert.Contains($"#{other} Metzgerei Brunner", line, StringComparison.Ordinal);
        Assert.Contains("same phone number", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameRegistrationNumberInSameCountry_Fails()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var other = await TestBusinesses.InsertAsync(database.Database, Other() with { RegistrationNumber = "HRB 123456" }, verified: true);

        var report = await Checks(database).RunAsync(CheckHarness.Bakery() with { RegistrationNumber = " HRB  123456 " });

        var check = report.Check(CheckCodes.Duplicates);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        var line = Assert.Single(check.Evidence);
        Assert.Contains($"#{other} Metzgerei Brunner (DE, verified): same registration number, HRB 123456", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameRegistrationNumberInOtherCountry_IsNoDuplicate()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        await TestBusinesses.InsertAsync(database.Database, Other() with { Country = "AT", RegistrationNumber = "HRB 123456" });

        var report = await Checks(database).RunAsync(CheckHarness.Bakery());

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Duplicates).Verdict);
    }

    [Theory]
    [InlineData("https://www.baeckerei-huber.de")]
    [InlineData("https://baeckerei-huber.de/")]
    [InlineData("http://www.baeckerei-huber.de")]
    [InlineData("baeckerei-huber.de")]
    public async Task RunAsync_SameWebsiteStoredInAnyForm_WarnsWithTheStoredValue(string stored)
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var other = await TestBusinesses.InsertAsync(database.Database, Other() with { Website = stored });

        var report = await Checks(database).RunAsync(CheckHarness.Bakery() with { Website = "HTTP://Baeckerei-Huber.de/kontakt" });

        var check = report.Check(CheckCodes.Duplicates);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        var line = Assert.Single(check.Evidence);
        Assert.Contains($"#{other} Metzgerei Brunner", line, StringComparison.Ordinal);
        Assert.Contains($"same website, {stored}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OtherSubdomainOfSameHost_IsNoDuplicate()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        await TestBusinesses.InsertAsync(database.Database, Other() with { Website = "https://www.baeckerei-huber.de.example.org" });

        var report = await Checks(database).RunAsync(CheckHarness.Bakery());

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Duplicates).Verdict);
    }

    [Fact]
    public async Task RunAsync_SubjectItselfStored_IsExcluded()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var id = await TestBusinesses.InsertAsync(database.Database, CheckHarness.Bakery());

        var report = await Checks(database).RunAsync(CheckHarness.Bakery() with { BusinessId = id });

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Duplicates).Verdict);
    }

    [Fact]
    public async Task RunAsync_SeveralFieldsAndBusinesses_ListsEachHitOnce()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var id = await TestBusinesses.InsertAsync(database.Database, CheckHarness.Bakery());
        var copy = await TestBusinesses.InsertAsync(database.Database, CheckHarness.Bakery() with { DisplayName = "Huber Backstube" });
        var samePhone = await TestBusinesses.InsertAsync(database.Database, Other() with { PhoneE164 = "+498912345678" });

        var report = await Checks(database).RunAsync(CheckHarness.Bakery() with { BusinessId = id });

        var check = report.Check(CheckCodes.Duplicates);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(4, check.Evidence.Count);
        Assert.Equal(3, check.Evidence.Count(e => e.StartsWith($"#{copy} ", StringComparison.Ordinal)));
        Assert.Single(check.Evidence, e => e.StartsWith($"#{samePhone} ", StringComparison.Ordinal));
        Assert.DoesNotContain(check.Evidence, e => e.StartsWith($"#{id} ", StringComparison.Ordinal));
        Assert.Contains("2 other businesses", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindDuplicatesAsync_NothingToCompare_FindsNothing()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        await TestBusinesses.InsertAsync(database.Database, Other() with { Website = null, RegistrationNumber = null });

        var hits = await new CheckDataStore(database.Database).FindDuplicatesAsync(null, "", null, "DE", null, TestContext.Current.CancellationToken);

        Assert.Empty(hits);
    }

    private static VerificationChecks Checks(SqliteTestDatabase database) => CheckHarness.Create(new CheckDataStore(database.Database));
}
