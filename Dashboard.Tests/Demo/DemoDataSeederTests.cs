using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Demo;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Dashboard.Tests.Demo;

public sealed class DemoDataSeederTests(SeededDemoDatabase seeded, ITestOutputHelper output) : IClassFixture<SeededDemoDatabase>
{
    private static readonly string[] s_states =
        ["Pending", "InReview", "Approved", "Rejected", "NeedsInfo", "Escalated", "AwaitingSecondApproval", "Revoked"];

    private static readonly string[] s_rejectionCodes =
    [
        "LEGAL_NAME_NOT_MATCHING", "WEBSITE_NOT_MATCHING", "ADDRESS_NOT_MATCHING", "MALFORMED_DOCUMENTS",
        "BUSINESS_NOT_ELIGIBLE", "IMPERSONATION", "DISPLAY_NAME_POLICY", "OTHER",
    ];

    private static readonly string[] s_dumpedTables =
    [
        "Tiers ORDER BY Id", "TierVersions ORDER BY Id", "Businesses ORDER BY Id", "BusinessFinancials ORDER BY BusinessId, FiscalYear",
        "BusinessLinks ORDER BY BusinessId, LinkedBusinessId", "VerificationRequests ORDER BY Id", "VerificationDocuments ORDER BY Id",
        "VerificationEvents ORDER BY Id", "Subscriptions ORDER BY Id",
    ];

    private DateTimeOffset Now => SeededDemoDatabase.Now;

    [Fact]
    public async Task SeedAsync_SameSeedTwice_WritesIdenticalRows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = await SqliteTestDatabase.CreateAsync(ct);
        var options = await SeededDemoDatabase.CreateUsersAsync(second.Database, ct);

        await new DemoDataSeeder(second.Database, new FakeTimeProvider(Now)).SeedAsync(options, ct);

        Assert.Equal(await DumpHashesAsync(seeded.Database.Database, ct), await DumpHashesAsync(second.Database, ct));
    }

    [Fact]
    public async Task SeedAsync_DifferentSeed_WritesDifferentRows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await SqliteTestDatabase.CreateAsync(ct);
        await using var second = await SqliteTestDatabase.CreateAsync(ct);

        await new DemoDataSeeder(first.Database, new FakeTimeProvider(Now)).SeedAsync(new DemoSeedOptions { BusinessCount = 500 }, ct);
        await new DemoDataSeeder(second.Database, new FakeTimeProvider(Now)).SeedAsync(new DemoSeedOptions { BusinessCount = 500, Seed = 7 }, ct);

        var a = await DumpHashesAsync(first.Database, ct);
        var b = await DumpHashesAsync(second.Database, ct);
        Assert.Equal(a["Tiers ORDER BY Id"], b["Tiers ORDER BY Id"]);
        Assert.NotEqual(a["Businesses ORDER BY Id"], b["Businesses ORDER BY Id"]);
        Assert.NotEqual(a["VerificationEvents ORDER BY Id"], b["VerificationEvents ORDER BY Id"]);
    }

    [Fact]
    public async Task SeedAsync_DefaultOptions_WritesWhatItReportsWithinSeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        output.WriteLine($"Seeded {seeded.Result.Businesses} businesses in {seeded.Result.Elapsed.TotalSeconds:F2} s: {seeded.Result}");
        await using var connection = await seeded.Database.Database.OpenAsync(ct);

        Assert.False(seeded.Result.Skipped);
        Assert.Equal(DemoSeedOptions.DefaultBusinessCount, seeded.Result.Businesses);
        Assert.Equal(seeded.Result.Businesses, seeded.Businesses.Count);
        Assert.Equal(seeded.Result.VerificationRequests, seeded.Requests.Count);
        Assert.Equal(seeded.Result.VerificationEvents, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationEvents;"));
        Assert.Equal(seeded.Result.VerificationDocuments, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationDocuments;"));
        Assert.Equal(seeded.Result.Subscriptions, seeded.Subscriptions.Count);
        Assert.Equal(seeded.Result.BusinessLinks, seeded.Links.Count);
        var usageRows = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM BusinessUsageDay;");
        Assert.InRange(usageRows, seeded.Result.Businesses * 30 / 2, seeded.Result.Businesses * 30 * 8 / 10);
        var today = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero);
        Assert.Equal(today.AddDays(-1).ToUnixTimeSeconds(), await connection.ExecuteScalarAsync<long>("SELECT MAX(Day) FROM BusinessUsageDay;"));
        Assert.Equal(today.AddDays(-30).ToUnixTimeSeconds(), await connection.ExecuteScalarAsync<long>("SELECT MIN(Day) FROM BusinessUsageDay;"));
        Assert.InRange(seeded.Result.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void SeedAsync_DefaultOptions_CoversCountriesAndCategories()
    {
        var businesses = seeded.Businesses;
        var byCountry = businesses.GroupBy(b => b.Country).ToDictionary(g => g.Key, g => (double)g.Count() / businesses.Count);

        Assert.True(businesses.Count >= 5000, $"{businesses.Count} businesses");
        Assert.True(byCountry.Count >= 40, $"{byCountry.Count} countries");
        Assert.InRange(byCountry["DE"] + byCountry["AT"] + byCountry["CH"], 0.30, 0.40);
        Assert.All(new[] { "DE", "AT", "CH" }, c => Assert.True(byCountry[c] >= 0.05, $"{c}: {byCountry[c]:P1}"));
        Assert.Equal(DemoCatalog.Categories.Order(), businesses.Select(b => b.Category).Distinct().Order());
        Assert.Equal(20, DemoCatalog.Categories.Count);
        Assert.All(businesses, b => Assert.Matches(@"^biz-\d{6}$", b.ExternalId));
        Assert.Equal(businesses.Count, businesses.Select(b => b.ExternalId).Distinct().Count());
    }

    [Fact]
    public void SeedAsync_DefaultOptions_NamesWebsitesAndMailDomainsArePlausible()
    {
        var businesses = seeded.Businesses;
        var differing = businesses.Count(b => b.EmailDomain != Domain(b.Website));

        Assert.All(businesses, b =>
        {
            Assert.StartsWith(b.DisplayName, b.LegalName, StringComparison.Ordinal);
            Assert.Matches(@"^https://www\.[a-z0-9-]+(\.[a-z]{2,4}){1,2}$", b.Website);
            var tld = DemoCatalog.Country(b.Country)!.WebsiteTld;
            Assert.True(b.Website!.EndsWith("." + tld, StringComparison.Ordinal) || b.Website.EndsWith(".com", StringComparison.Ordinal)
                || b.Website.EndsWith(".net", StringComparison.Ordinal) || b.Website.EndsWith(".info", StringComparison.Ordinal), b.Website);
        });
        Assert.InRange((double)differing / businesses.Count, 0.05, 0.11);
        Assert.Equal(businesses.Count, businesses.Select(b => b.Country + "|" + b.DisplayName).Distinct().Count());
        Assert.Equal(businesses.Count, businesses.Select(b => b.Website).Distinct().Count());
        Assert.Contains(businesses, b => b.Country == "DE" && b.LegalName.EndsWith(" GmbH", StringComparison.Ordinal));
        Assert.Contains(businesses, b => b.Country == "GB" && b.LegalName.EndsWith(" Ltd", StringComparison.Ordinal));
        Assert.Contains(businesses, b => b.Country == "FR" && b.LegalName.EndsWith(" SAS", StringComparison.Ordinal));
    }

    [Fact]
    public void SeedAsync_DefaultOptions_SmeShareAndStatusFollowTheThresholds()
    {
        var thresholds = new SmeThresholds();
        var businesses = seeded.Businesses;
        var smes = businesses.Count(b => thresholds.IsWithin(b.Employees, b.AnnualTurnoverEur, b.BalanceSheetEur));

        Assert.InRange((double)smes / businesses.Count, 0.85, 0.95);
        Assert.All(businesses, b => Assert.Equal(
            thresholds.IsWithin(b.Employees, b.AnnualTurnoverEur, b.BalanceSheetEur) ? "Sme" : "NonSme", b.SmeStatus));
        Assert.True(businesses.Where(b => b.Category is "Bank" or "Airline" or "Telecom").Count(b => b.SmeStatus == "NonSme")
            > businesses.Count(b => b.Category is "Bank" or "Airline" or "Telecom") / 2, "banks, airlines and telecoms are mostly large");
        Assert.True(businesses.Where(b => b.Category is "Restaurant" or "LocalShop").Count(b => b.SmeStatus == "Sme")
            > businesses.Count(b => b.Category is "Restaurant" or "LocalShop") * 0.95, "restaurants and local shops are mostly small");

        var years = new[] { Now.Year - 2L, Now.Year - 1L };
        Assert.All(seeded.Financials.GroupBy(f => f.BusinessId), g => Assert.Equal(years, g.Select(f => f.FiscalYear).Order()));
        Assert.Equal(businesses.Count * 2, seeded.Financials.Count);
    }

    [Fact]
    public void SeedAsync_DefaultOptions_LinksMajorityOwnedSmallBusinessesToLargeGroups()
    {
        var byId = seeded.Businesses.ToDictionary(b => b.Id);
        var majority = seeded.Links.Where(l => l.OwnershipPercent > 50).ToList();

        Assert.InRange(majority.Count, 24, 80);
        Assert.All(seeded.Links, l =>
        {
            Assert.Equal("Sme", byId[l.BusinessId].SmeStatus);
            Assert.Equal("NonSme", byId[l.LinkedBusinessId].SmeStatus);
            Assert.InRange(l.OwnershipPercent, 25, 100);
        });
    }

    [Fact]
    public void SeedAsync_DefaultOptions_EveryVerificationStateWithMatchingMarker()
    {
        var requests = seeded.Requests;
        var businesses = seeded.Businesses.ToDictionary(b => b.Id);

        Assert.Equal(s_states.Order(), requests.Select(r => r.Status).Distinct().Order());
        Assert.InRange((double)requests.Select(r => r.BusinessId).Distinct().Count() / businesses.Count, 0.35, 0.45);
        Assert.All(requests.Where(r => r.Status == "Approved"), r =>
        {
            Assert.True(businesses[r.BusinessId].IsVerified, $"request {r.Id}");
            Assert.Equal(r.DecidedAt, businesses[r.BusinessId].VerifiedAt);
        });
        Assert.All(requests.Where(r => r.Status == "Revoked"), r => Assert.False(businesses[r.BusinessId].IsVerified));
        var approvedBusinesses = requests.Where(r => r.Status == "Approved").Select(r => r.BusinessId).ToHashSet();
        Assert.All(businesses.Values.Where(b => b.IsVerified), b => Assert.Contains(b.Id, approvedBusinesses));
        Assert.All(requests.Where(r => r.Status == "Rejected"), r => Assert.Contains(r.ReasonCode, s_rejectionCodes));
    }

    [Fact]
    public void SeedAsync_DefaultOptions_OpenBacklogHasClaimsDeadlinesAndRisk()
    {
        var requests = seeded.Requests;
        var pending = requests.Where(r => r.Status == "Pending").ToList();
        var categories = seeded.Businesses.ToDictionary(b => b.Id, b => b.Category);

        Assert.InRange(pending.Count, 150, 500);
        Assert.Contains(pending, r => r.DueAt < Now);
        Assert.Contains(pending, r => r.DueAt > Now);
        Assert.All(requests, r =>
        {
            Assert.Equal(r.SubmittedAt.AddHours(48), r.DueAt);
            Assert.True(r.SubmittedAt >= Now.AddDays(-121) && r.UpdatedAt <= Now, $"request {r.Id} at {r.SubmittedAt}");
            Assert.InRange(r.RiskScore, 0, 100);
        });
        Assert.All(requests.Where(r => r.Status == "InReview"), r =>
        {
            Assert.Contains(r.AssignedToUserId!.Value, seeded.Options.ReviewerUserIds);
            Assert.NotNull(r.ClaimExpiresAt);
        });
        Assert.All(requests.Where(r => r.Status != "InReview"), r => Assert.Null(r.AssignedToUserId));
        Assert.All(requests.Where(r => r.Status == "AwaitingSecondApproval"), r => Assert.NotNull(r.FirstApproverUserId));

        var bands = requests.GroupBy(r => r.RiskBand).ToDictionary(g => g.Key, g => (Min: g.Min(r => r.RiskScore), Max: g.Max(r => r.RiskScore)));
        Assert.Equal(["High", "Low", "Medium"], bands.Keys.Order());
        Assert.True(bands["Low"].Max < bands["Medium"].Min && bands["Medium"].Max < bands["High"].Min, "bands follow the score");
        string[] highRisk = ["Bank", "Insurer", "Payments", "Airline", "Government"];
        Assert.True(
            requests.Where(r => highRisk.Contains(categories[r.BusinessId])).Average(r => r.RiskScore)
                > requests.Where(r => !highRisk.Contains(categories[r.BusinessId])).Average(r => r.RiskScore) + 15,
            "high-risk categories score higher");
    }

    [Fact]
    public void SeedAsync_DefaultOptions_HistoriesAreOrderedChainedAndAttributed()
    {
        var reviewers = seeded.Options.ReviewerUserIds;
        var seniors = seeded.Options.SeniorReviewerUserIds;

        Assert.All(seeded.Requests, request =>
        {
            var events = seeded.EventsByRequest[request.Id].OrderBy(e => e.Id).ToList();
            Assert.Equal(events, events.OrderBy(e => e.At).ToList());
            Assert.Equal(events.Count, events.Select(e => e.At).Distinct().Count());
            Assert.Equal(("Submitted", (string?)null, (string?)"Pending"), (events[0].Kind, events[0].FromStatus, events[0].ToStatus));
            Assert.Equal(request.SubmittedAt, events[0].At);
            Assert.Equal(request.UpdatedAt, events[^1].At);
            Assert.Equal(request.Status, events[^1].ToStatus);
            for (var i = 1; i < events.Count; i++)
            {
                Assert.Equal(events[i - 1].ToStatus, events[i].FromStatus);
                var actor = events[i].ActorUserId;
                switch (events[i].Kind)
                {
                    case "Claimed" or "InfoRequested" or "FirstApproval" or "Note":
                        Assert.Contains(actor!.Value, reviewers);
                        break;
                    case "Revoked":
                        Assert.Contains(actor!.Value, seniors);
                        break;
                    case "Approved" or "Rejected" when events[i].FromStatus is "Escalated" or "AwaitingSecondApproval":
                        Assert.Contains(actor!.Value, seniors);
                        break;
                    case "Resubmitted":
                        Assert.Null(actor);
                        break;
                }
            }

            if (request.Status is "Approved" or "Rejected" or "Revoked")
            {
                Assert.Equal(events[^1].At, request.DecidedAt);
                Assert.Equal(events[^1].ActorUserId, request.DecidedByUserId);
            }

            if (request.FirstApproverUserId is { } first && request.DecidedByUserId is { } decider && request.Status != "Revoked")
            {
                Assert.NotEqual(first, decider);
            }

            var documents = seeded.DocumentsByRequest[request.Id].ToList();
            Assert.InRange(documents.Count, 1, 3);
            Assert.All(documents, d =>
            {
                Assert.Matches("^[0-9a-f]{64}$", d.Sha256);
                Assert.InRange(d.SizeBytes, 10_000, 10_000_000);
                Assert.True(d.UploadedAt <= events[^1].At);
            });
        });
    }

    [Fact]
    public void SeedAsync_DefaultOptions_ImpersonationAttemptsWaitAmongPendingRequests()
    {
        var verified = seeded.Businesses.Where(b => b.IsVerified).ToList();
        var pending = seeded.Requests.Where(r => r.Status == "Pending").Select(r => r.BusinessId).ToHashSet();

        var lookAlikes = seeded.Businesses
            .Where(b => pending.Contains(b.Id))
            .Where(b => verified.Any(v => v.Id != b.Id && v.Country == b.Country && v.Category == b.Category && LooksAlike(v.DisplayName, b.DisplayName)))
            .ToList();

        Assert.InRange(lookAlikes.Count, 3, 20);
    }

    [Fact]
    public void SeedAsync_DefaultOptions_PhonesAreE164WithTheCountryCallingCode()
    {
        Assert.All(seeded.Businesses, b =>
        {
            Assert.Matches(@"^\+[1-9]\d{6,14}$", b.PhoneE164);
            var country = DemoCatalog.Country(b.Country)!;
            Assert.StartsWith("+" + country.CallingCode, b.PhoneE164, StringComparison.Ordinal);
            Assert.InRange(b.PhoneE164.Length - 1 - country.CallingCode.Length, country.MinNationalNumberLength, country.MaxNationalNumberLength);
        });
        var known = new Dictionary<string, string> { ["DE"] = "+49", ["AT"] = "+43", ["CH"] = "+41", ["GB"] = "+44", ["US"] = "+1", ["FR"] = "+33", ["IT"] = "+39", ["NL"] = "+31" };
        Assert.All(seeded.Businesses.Where(b => known.ContainsKey(b.Country)), b => Assert.StartsWith(known[b.Country], b.PhoneE164, StringComparison.Ordinal));
        var shared = seeded.Businesses.GroupBy(b => b.PhoneE164).Count(g => g.Count() > 1);
        Assert.InRange(shared, 2, 10);
    }

    [Fact]
    public void SeedAsync_DefaultOptions_RegistrationNumbersFollowTheirCountryFormat()
    {
        var known = new Dictionary<string, string>
        {
            ["DE"] = @"^HR[AB] \d{1,6}$", ["AT"] = @"^FN \d{1,6}[a-z]$", ["CH"] = @"^CHE-\d{3}\.\d{3}\.\d{3}$", ["GB"] = @"^(\d{8}|(SC|NI|OC)\d{6})$",
            ["FR"] = @"^\d{9}$", ["NL"] = @"^\d{8}$", ["US"] = @"^\d{2}-\d{7}$", ["IT"] = @"^\d{11}$", ["ES"] = @"^[A-Z]\d{7}[0-9A-J]$", ["PL"] = @"^\d{10}$",
        };

        Assert.All(seeded.Businesses, b =>
        {
            if (b.Category == "Government")
            {
                Assert.Null(b.RegistrationNumber);
                return;
            }

            Assert.True(RegistrationNumberFormats.IsPlausible(b.Country, b.RegistrationNumber), $"{b.Country} {b.RegistrationNumber}");
            if (known.TryGetValue(b.Country, out var pattern))
            {
                Assert.Matches(pattern, b.RegistrationNumber);
            }
        });
        var shared = seeded.Businesses.Where(b => b.RegistrationNumber is not null).GroupBy(b => (b.Country, b.RegistrationNumber)).Count(g => g.Count() > 1);
        Assert.InRange(shared, 2, 10);
    }

    [Fact]
    public void SeedAsync_DefaultOptions_TierCatalogueHasFreeBusinessAndEnterprise()
    {
        Assert.Equal(["free", "business", "enterprise"], seeded.Tiers.Select(t => t.Code));
        var (free, business, enterprise) = (seeded.Tiers[0], seeded.Tiers[1], seeded.Tiers[2]);
        Assert.Equal((true, 0L, 1_000L, 1L, 1L, false, false, false, false, "Community"),
            (free.SmeOnly, free.MonthlyPriceCents, free.ConversationsPer24h, free.AgentSeats, free.PhoneNumbers, free.VerifiedMarkerEligible, free.ApiAccess, free.BroadcastCampaigns, free.Analytics, free.SupportSla));
        Assert.Equal((false, 49_900L, 10_000L, 10L, 5L, true, true, true, true, "Next business day"),
            (business.SmeOnly, business.MonthlyPriceCents, business.ConversationsPer24h, business.AgentSeats, business.PhoneNumbers, business.VerifiedMarkerEligible, business.ApiAccess, business.BroadcastCampaigns, business.Analytics, business.SupportSla));
        Assert.Equal((false, 499_900L, (long?)null, 100L, 50L, true, true, true, true, "4 hours, 24/7"),
            (enterprise.SmeOnly, enterprise.MonthlyPriceCents, enterprise.ConversationsPer24h, enterprise.AgentSeats, enterprise.PhoneNumbers, enterprise.VerifiedMarkerEligible, enterprise.ApiAccess, enterprise.BroadcastCampaigns, enterprise.Analytics, enterprise.SupportSla));
        Assert.All(seeded.Tiers, t =>
        {
            // The demo uses the default catalogue that the migrations create, rather than a copy of its own.
            Assert.Equal(1, t.VersionNumber);
            Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), t.EffectiveFrom);
        });
    }

    [Fact]
    public void SeedAsync_DefaultOptions_EveryBusinessHasExactlyOneActiveSubscription()
    {
        var businesses = seeded.Businesses.ToDictionary(b => b.Id);
        var byBusiness = seeded.Subscriptions.ToLookup(s => s.BusinessId);
        var managers = seeded.Options.AccountManagerUserIds;

        Assert.All(businesses.Values, b =>
        {
            var rows = byBusiness[b.Id].Where(s => s.Status != "PendingApproval").OrderBy(s => s.EffectiveFrom).ToList();
            var active = Assert.Single(rows, s => s.Status == "Active");
            Assert.True(active.EffectiveFrom <= Now);
            Assert.True(active.TierCode != "free" || b.SmeStatus == "Sme", $"{b.ExternalId} is large but on the free tier");
            for (var i = 1; i < rows.Count; i++)
            {
                Assert.Equal(rows[i - 1].EffectiveTo, rows[i].EffectiveFrom);
            }

            Assert.All(rows.Where(s => s.Status == "Ended"), s => Assert.True(s.EffectiveTo <= Now));
            Assert.All(rows.Where(s => s.Status == "Scheduled"), s => Assert.InRange(s.EffectiveFrom, Now, Now.AddDays(31)));
            Assert.All(rows, s => Assert.True(s.EnteredAt <= Now && (s.EnteredByUserId is null || managers.Contains(s.EnteredByUserId.Value))));
        });

        var activeRows = seeded.Subscriptions.Where(s => s.Status == "Active").ToList();
        var smesOnFree = activeRows.Count(s => s.TierCode == "free") / (double)businesses.Values.Count(b => b.SmeStatus == "Sme");
        Assert.InRange(smesOnFree, 0.85, 0.99);
        Assert.Contains(seeded.Subscriptions, s => s.Status == "Ended");
        Assert.InRange(seeded.Subscriptions.Count(s => s.Status == "Scheduled"), 5, 200);
        Assert.InRange(activeRows.Count(s => s.DiscountPercent is not null), 3, 40);
        var pending = seeded.Subscriptions.Where(s => s.Status == "PendingApproval").ToList();
        Assert.Equal(3, pending.Count);
        Assert.All(pending, s => Assert.True(s.DiscountPercent > 20 && s.EffectiveFrom > Now && s.EnteredByUserId is not null, "a waiting change has a discount above the threshold"));

        // Four eyes in the demo: the account managers take turns entering them, newest first, so every one of them has a
        // waiting change someone else entered, to approve.
        Assert.Equal(2, managers.Count);
        Assert.Equal([managers[0], managers[1], managers[0]], pending.OrderByDescending(s => s.EnteredAt).Select(s => s.EnteredByUserId!.Value));
        Assert.All(activeRows.Where(s => s.DiscountPercent is not null), s => Assert.True(s.DiscountEndsAt > Now));
        var largeOnEnterprise = activeRows.Count(s => s.TierCode == "enterprise" && businesses[s.BusinessId] is { SmeStatus: "NonSme", Category: "Bank" or "Airline" or "Telecom" });
        var large = businesses.Values.Count(b => b is { SmeStatus: "NonSme", Category: "Bank" or "Airline" or "Telecom" });
        Assert.True(largeOnEnterprise > large / 2, "large banks, airlines and telecoms are mostly on Enterprise");
    }

    [Fact]
    public async Task SeedAsync_DatabaseWithBusinesses_ChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);
        await using (var connection = await db.Database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(
                "INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, CreatedAt, UpdatedAt) VALUES ('Existing', 'Existing GmbH', 'Bank', 'DE', '+4930123456', @Now, @Now);",
                new { Now });
        }

        var before = await DumpHashesAsync(db.Database, ct);
        var result = await new DemoDataSeeder(db.Database, new FakeTimeProvider(Now)).SeedAsync(new DemoSeedOptions(), ct);

        Assert.True(result.Skipped);
        Assert.Equal(0, result.Businesses);
        Assert.Equal(before, await DumpHashesAsync(db.Database, ct));
    }

    [Fact]
    public async Task SeedAsync_NoUsers_LeavesUserColumnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);

        var result = await new DemoDataSeeder(db.Database, new FakeTimeProvider(Now)).SeedAsync(new DemoSeedOptions { BusinessCount = 500 }, ct);

        Assert.Equal(500, result.Businesses);
        await using var connection = await db.Database.OpenAsync(ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("""
            SELECT (SELECT COUNT(*) FROM VerificationEvents WHERE ActorUserId IS NOT NULL)
                 + (SELECT COUNT(*) FROM VerificationRequests WHERE AssignedToUserId IS NOT NULL OR FirstApproverUserId IS NOT NULL OR DecidedByUserId IS NOT NULL)
                 + (SELECT COUNT(*) FROM Subscriptions WHERE EnteredByUserId IS NOT NULL OR ApprovedByUserId IS NOT NULL);
            """));
        Assert.True(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VerificationRequests WHERE Status = 'InReview';") > 0);
    }

    [Fact]
    public async Task SeedAsync_TooFewBusinesses_ThrowsBeforeWriting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new DemoDataSeeder(db.Database, new FakeTimeProvider(Now)).SeedAsync(new DemoSeedOptions { BusinessCount = 10 }, ct));

        await using var connection = await db.Database.OpenAsync(ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Businesses;"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TierVersions;"));
    }

    [Fact]
    public void SqlTexts_OnSqlServer_ParseAsTransactSql()
    {
        var seeder = new DemoDataSeeder(new SqlServerDatabase("Server=unused;Database=unused", new DatabaseOptions()), TimeProvider.System);
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);

        Assert.All(seeder.SqlTexts, sql =>
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, sql + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => e.Message)));
        });
        Assert.Contains(seeder.SqlTexts, sql => sql.Contains("WITH (UPDLOCK, HOLDLOCK)", StringComparison.Ordinal));
    }

    /// <summary>One hash per table over every column of every row, in a stable order.</summary>
    private static async Task<Dictionary<string, string>> DumpHashesAsync(Database database, CancellationToken ct)
    {
        var hashes = new Dictionary<string, string>();
        await using var connection = await database.OpenAsync(ct);
        foreach (var table in s_dumpedTables)
        {
            var text = new StringBuilder();
            await using var reader = await connection.ExecuteReaderAsync("SELECT * FROM " + table + ";");
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                }

                text.Append('\n');
            }

            hashes[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        return hashes;
    }

    private static string? Domain(string? website) => website?["https://www.".Length..];

    /// <summary>Same letters bar one or two edits, a digit for a letter, or the name with a word added.</summary>
    private static bool LooksAlike(string original, string candidate)
    {
        if (candidate.StartsWith(original + " ", StringComparison.Ordinal))
        {
            return true;
        }

        static string Fold(string s) => Regex.Replace(s.ToLowerInvariant(), "[^a-z0-9]", "").Replace('0', 'o').Replace('1', 'l').Replace('3', 'e').Replace('4', 'a');

        return !string.Equals(original, candidate, StringComparison.Ordinal) && Distance(Fold(original), Fold(candidate)) <= 2;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
