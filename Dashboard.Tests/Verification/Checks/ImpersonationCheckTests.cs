using Dashboard.Data.Verification;
using Dashboard.Tests.Support;
using Dashboard.Verification.Checks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Verification.Checks;

public sealed class ImpersonationCheckTests
{
    private static readonly VerifiedBusinessName[] s_verified =
    [
        CheckHarness.Verified(1, "Provence Télécom", "Provence Télécom SA"),
        CheckHarness.Verified(2, "Nordbank", "Nordbank AG"),
        CheckHarness.Verified(3, "Alpenflug", "Alpenflug Luftverkehrs GmbH"),
        CheckHarness.Verified(4, "Sonnenpay", "Sonnenpay Zahlungsdienste GmbH"),
        CheckHarness.Verified(5, "Trattoria Rossi", "Trattoria Rossi S.r.l."),
    ];

    private readonly VerificationChecks _checks = CheckHarness.Create(s_verified);

    [Theory]
    [InlineData("Lufthаnsa", "Lufthansa")]
    [InlineData("Deutsche Bamk", "Deutsche Bank")]
    [InlineData("Zalandо", "Zalando")]
    [InlineData("Pay-Pal GmbH", "PayPal")]
    [InlineData("ΡayΡal", "PayPal")]
    [InlineData("Arnazon", "Amazon")]
    [InlineData("AIlianz", "Allianz")]
    [InlineData("Lufthansa Support", "Lufthansa")]
    [InlineData("Kundenservice Deutsche Bank", "Deutsche Bank")]
    [InlineData("Klarma", "Klarna")]
    [InlineData("Pr0vence Télécom", "Provence Télécom")]
    [InlineData("Provence Telecom Service Client", "Provence Télécom")]
    [InlineData("Nord Bank Hilfe", "Nordbank")]
    [InlineData("Sonnen-Pay", "Sonnenpay")]
    public async Task RunAsync_LookAlikeName_Fails(string displayName, string imitated)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName, LegalName = displayName + " UG" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new VerificationCheckOptions().ImpersonationPoints.Fail, check.Points);
        Assert.Equal(imitated, report.ClosestNames[0].Name);
        Assert.Contains($"'{imitated}'", check.Summary, StringComparison.Ordinal);
        Assert.Contains($"'{imitated}'", check.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LookAlikeLegalNameOnly_FailsNamingTheLegalName()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Fly Happy", LegalName = "Lufthanza Reisen GmbH" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.NotEqual(CheckVerdict.Pass, check.Verdict);
        Assert.Contains("legal name 'Lufthanza Reisen GmbH'", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CyrillicLetterInName_ShowsTheLetterInEvidence()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Lufthаnsa" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Contains(check.Evidence, e => e.Contains("'а' (U+0430, Cyrillic)", StringComparison.Ordinal));
        Assert.Equal(1.0, report.ClosestNames[0].Similarity);
        Assert.Equal(NameMatch.ProtectedBrand, report.ClosestNames[0].Source);
        Assert.Null(report.ClosestNames[0].BusinessId);
    }

    [Fact]
    public async Task RunAsync_UnrelatedName_Passes()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery());

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Pass, check.Verdict);
        Assert.Equal(0, check.Points);
        Assert.All(report.ClosestNames, m => Assert.True(m.Similarity < new VerificationCheckOptions().ImpersonationWarnAt));
    }

    [Theory]
    [InlineData("Sparkasse Hamburg", "Sparkasse")]
    [InlineData("Nordbank Leipzig", "Nordbank")]
    [InlineData("DHL Paketshop Müller", "DHL")]
    public async Task RunAsync_BrandNextToOwnWords_WarnsRatherThanFails(string displayName, string brand)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName, LegalName = displayName + " GmbH" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Warn, check.Verdict);
        Assert.Equal(brand, report.ClosestNames[0].Name);
        Assert.Contains("contains the name", check.Evidence[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DHX Logistik")]
    [InlineData("Ottomane Möbel")]
    [InlineData("Ingenieurbüro Weber")]
    public async Task RunAsync_ShortBrandOnlyResembledInsideLongerName_Passes(string displayName)
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName, LegalName = displayName + " GmbH" });

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Impersonation).Verdict);
    }

    [Fact]
    public async Task RunAsync_SharesOnlyACommonWordWithVerifiedNames_Passes()
    {
        var checks = CheckHarness.Create(
            CheckHarness.Verified(11, "Autohaus Berger"), CheckHarness.Verified(12, "Autohaus Keller"), CheckHarness.Verified(13, "Autohaus Lehmann"));

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Autohaus Brunner", LegalName = "Autohaus Brunner GmbH" });

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Impersonation).Verdict);
    }

    [Theory]
    [InlineData("Autohaus Bergner")]
    [InlineData("Autohaus Breger")]
    public async Task RunAsync_OneEditBesideACommonWord_StillFails(string displayName)
    {
        var checks = CheckHarness.Create(
            CheckHarness.Verified(11, "Autohaus Berger"), CheckHarness.Verified(12, "Autohaus Keller"), CheckHarness.Verified(13, "Autohaus Lehmann"));

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = displayName, LegalName = displayName + " GmbH" });

        Assert.Equal(CheckVerdict.Fail, report.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(11, report.ClosestNames[0].BusinessId);
    }

    [Fact]
    public async Task RunAsync_SwapHiddenByLookAlikeFolding_IsStillASwap()
    {
        // "rn" folds to "m" in "Corner" but not in "Conrer".
        var checks = CheckHarness.Create(CheckHarness.Verified(21, "Atlas Corner Shop"));

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Atlas Conrer Shop", LegalName = "Atlas Conrer Shop Ltd" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Contains("two neighbouring letters swapped", check.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ClosestNames_AreListedInDescendingSimilarityInReportAndEvidence()
    {
        using var english = new CultureScope("en-GB");
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Deutsche Bamk", LegalName = "Deutsche Bamk AG" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.InRange(report.ClosestNames.Count, 2, 5);
        Assert.Equal(report.ClosestNames.OrderByDescending(m => m.Similarity).ToList(), report.ClosestNames);
        Assert.All(report.ClosestNames, m => Assert.InRange(m.Similarity, 0, 1));
        Assert.Equal("Deutsche Bank", report.ClosestNames[0].Name);
        Assert.Contains(report.ClosestNames, m => m.Name == "Deutsche Bahn");
        for (var i = 0; i < report.ClosestNames.Count; i++)
        {
            Assert.Contains($"'{report.ClosestNames[i].Name}'", check.Evidence[i], StringComparison.Ordinal);
            Assert.Contains($": {(int)Math.Floor(report.ClosestNames[i].Similarity * 100)}% ", check.Evidence[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_ClosestNameCountConfigured_ListsThatMany()
    {
        var checks = CheckHarness.Create(new FakeCheckDataStore(s_verified), new VerificationCheckOptions { ClosestNameCount = 2 });

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Deutsche Bamk" });

        Assert.Equal(2, report.ClosestNames.Count);
    }

    [Fact]
    public async Task RunAsync_NameOfAnotherVerifiedBusiness_Fails()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { BusinessId = 99, DisplayName = "Trattoria Rossi", LegalName = "Rossi Gastronomia S.r.l." });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(new NameMatch("Trattoria Rossi", NameMatch.VerifiedBusiness, 5, 1.0), report.ClosestNames[0]);
        Assert.Contains("(#5)", check.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("same name", check.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubjectIsTheVerifiedBusinessItself_IsNotAMatch()
    {
        var report = await _checks.RunAsync(CheckHarness.Bakery() with { BusinessId = 5, DisplayName = "Trattoria Rossi", LegalName = "Trattoria Rossi S.r.l." });

        Assert.Equal(CheckVerdict.Pass, report.Check(CheckCodes.Impersonation).Verdict);
        Assert.DoesNotContain(report.ClosestNames, m => m.BusinessId == 5);
    }

    [Fact]
    public async Task RunAsync_SwappedLettersOfVerifiedNameInDatabase_Fails()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var wolkenflug = await TestBusinesses.InsertAsync(database.Database, new CheckSubject(null, "Wolkenflug", "Wolkenflug GmbH", "Airline", "DE",
            "+496912345678", "https://www.wolkenflug.de", "wolkenflug.de", "HRB 54321"), verified: true);
        await TestBusinesses.InsertAsync(database.Database, new CheckSubject(null, "Wolkenflüge", "Wolkenflüge Reisen GmbH", "Travel", "DE",
            "+496912345679", null, null, null), verified: false);
        var checks = CheckHarness.Create(new CheckDataStore(database.Database));

        var report = await checks.RunAsync(CheckHarness.Bakery() with { DisplayName = "Wolkneflug", LegalName = "Wolkneflug Air GmbH", Category = "Airline" });

        var check = report.Check(CheckCodes.Impersonation);
        Assert.Equal(CheckVerdict.Fail, check.Verdict);
        Assert.Equal(wolkenflug, report.ClosestNames[0].BusinessId);
        Assert.Equal(NameMatch.VerifiedBusiness, report.ClosestNames[0].Source);
        Assert.InRange(report.ClosestNames[0].Similarity, 0.92, 0.999);
        Assert.Contains("two neighbouring letters swapped", check.Evidence[0], StringComparison.Ordinal);
        Assert.DoesNotContain(report.ClosestNames, m => m.Name.StartsWith("Wolkenflüge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WithinRefreshInterval_ReadsVerifiedNamesOnce()
    {
        var store = new FakeCheckDataStore(s_verified);
        var time = new FakeTimeProvider(CheckHarness.Now);
        var (checks, _) = Create(store, time);
        var impostor = CheckHarness.Bakery() with { DisplayName = "Bergbahn Tirol", LegalName = "Bergbahn Tirol GmbH" };

        var before = await checks.RunAsync(impostor);
        store.VerifiedNames.Add(CheckHarness.Verified(6, "Bergbahn Tirol", "Bergbahn Tirol AG"));
        time.Advance(TimeSpan.FromSeconds(59));
        var stillCached = await checks.RunAsync(impostor);
        var readsWithinInterval = store.VerifiedNameReads;

        Assert.Equal(CheckVerdict.Pass, before.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(CheckVerdict.Pass, stillCached.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(1, readsWithinInterval);
    }

    [Fact]
    public async Task RunAsync_AfterRefreshInterval_ReadsAgainInBackgroundWithoutWaiting()
    {
        var store = new FakeCheckDataStore(s_verified);
        var time = new FakeTimeProvider(CheckHarness.Now);
        var (checks, cache) = Create(store, time);
        var impostor = CheckHarness.Bakery() with { DisplayName = "Bergbahn Tirol", LegalName = "Bergbahn Tirol GmbH" };
        await checks.RunAsync(impostor);
        store.VerifiedNames.Add(CheckHarness.Verified(6, "Bergbahn Tirol", "Bergbahn Tirol AG"));

        time.Advance(TimeSpan.FromSeconds(61));
        var duringRefresh = await checks.RunAsync(impostor);
        await cache.Refreshing;
        var afterRefresh = await checks.RunAsync(impostor);

        Assert.Equal(CheckVerdict.Pass, duringRefresh.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(CheckVerdict.Fail, afterRefresh.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(2, store.VerifiedNameReads);
        Assert.Equal(time.GetUtcNow(), cache.LoadedAt);
    }

    [Fact]
    public async Task Invalidate_AfterNewVerification_NextRunSeesTheName()
    {
        var store = new FakeCheckDataStore(s_verified);
        var (checks, cache) = Create(store, new FakeTimeProvider(CheckHarness.Now));
        var impostor = CheckHarness.Bakery() with { DisplayName = "Bergbahn Tirol" };
        await checks.RunAsync(impostor);

        store.VerifiedNames.Add(CheckHarness.Verified(6, "Bergbahn Tirol"));
        cache.Invalidate();
        var report = await checks.RunAsync(impostor);

        Assert.Equal(CheckVerdict.Fail, report.Check(CheckCodes.Impersonation).Verdict);
        Assert.Equal(2, store.VerifiedNameReads);
    }

    private static (VerificationChecks Checks, VerifiedNameCache Cache) Create(FakeCheckDataStore store, FakeTimeProvider time)
    {
        var options = Options.Create(new VerificationCheckOptions());
        var cache = new VerifiedNameCache(store, time, options, NullLogger<VerifiedNameCache>.Instance);
        return (new VerificationChecks(store, cache, options), cache);
    }

    [Theory]
    [InlineData("Lufthаnsa", "lufthansa")]
    [InlineData("LUFTHANSA AG", "lufthansa")]
    [InlineData("Müller & Co. KG", "muller")]
    [InlineData("Mueller GmbH & Co. KG", "muller")]
    [InlineData("Pay-Pal (Europe) S.à r.l.", "paypaleurope")]
    [InlineData("Ｚａｌａｎｄｏ SE", "zalando")]
    [InlineData("$parka$$e", "sparkasse")]
    [InlineData("Vodafone Sp. z o.o.", "vodafone")]
    [InlineData("AG", "ag")]
    public void Normalise_LookAlikesAndLegalForms_FoldToTheSameCompactName(string name, string expected)
    {
        // "i" and "l" are one letter after folding, so the expected forms are written through the same fold.
        Assert.Equal(NameNormaliser.Fold(expected), NameNormaliser.Normalise(name).Compact);
    }
}
