using System.Globalization;
using Dapper;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Verification;

namespace Dashboard.Tests.Verification;

/// <summary>
/// The queue's filters, sorts and paging on a small real SQLite file: every page the store answers is compared with
/// the same view worked out in memory from the rows as stored.
/// </summary>
public sealed class QueueQueryTests(QueueQueryTests.Fixture fixture) : IClassFixture<QueueQueryTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Views() => new(Fixture.Views.Keys);

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Queue_EveryPage_MatchesTheViewWorkedOutInMemory(string view)
    {
        var query = fixture.Resolve(Fixture.Views[view]);
        var expected = fixture.Expected(query);

        var pages = new List<long>();
        for (var skip = 0; skip < expected.Count + 5; skip += 5)
        {
            var page = await fixture.World.Store.QueueAsync(query with { Skip = skip, Take = 5 }, Ct);
            Assert.Equal(expected.Count, page.Total);
            pages.AddRange(page.Items.Select(i => i.Id));
        }

        Assert.Equal(expected, pages);
    }

    [Fact]
    public void Views_EachFilterNarrowsTheFixture_SoIgnoringItWouldFail()
    {
        var open = fixture.Expected(new QueueQuery());

        foreach (var (name, template) in Fixture.Views.Where(v => v.Key.StartsWith("filter:", StringComparison.Ordinal)))
        {
            var query = fixture.Resolve(template);
            var narrowed = fixture.Expected(query);
            var baseline = query.Status is null || name.StartsWith("filter:status", StringComparison.Ordinal)
                ? open
                : fixture.Expected(new QueueQuery { Status = query.Status });
            Assert.True(narrowed.Count > 0 && !narrowed.Order().SequenceEqual(baseline.Order()),
                $"{name}: {narrowed.Count} rows, the same as without the filter; the view does not test it.");
        }
    }

    [Fact]
    public async Task Queue_Text_MatchesTheStartOfAField_NotTheMiddle()
    {
        var inMiddle = await fixture.World.Store.QueueAsync(new QueueQuery { Text = "Holding" }, Ct);
        var atStart = await fixture.World.Store.QueueAsync(new QueueQuery { Text = "nordwind" }, Ct);

        Assert.Equal(0, inMiddle.Total);
        Assert.All(atStart.Items, i => Assert.StartsWith("Nordwind", i.DisplayName, StringComparison.Ordinal));
        Assert.NotEmpty(atStart.Items);
    }

    [Fact]
    public async Task Queue_PastTheLastPage_IsEmptyWithTheTotal()
    {
        var page = await fixture.World.Store.QueueAsync(new QueueQuery { Skip = 10_000 }, Ct);

        Assert.Empty(page.Items);
        Assert.Equal(fixture.Expected(new QueueQuery()).Count, page.Total);
    }

    [Fact]
    public async Task QueueTexts_OnSqlite_EveryComposedVariantPrepares()
    {
        // INDEXED BY fails a statement whose index cannot serve it: preparing each text proves every variant runs.
        var texts = QueueSql.Texts(fixture.World.Database).ToList();
        await using var connection = await fixture.World.Database.OpenAsync(Ct);

        foreach (var (key, sql) in texts)
        {
            var steps = (await connection.QueryAsync(new CommandDefinition("EXPLAIN QUERY PLAN " + sql, new QueueParameters(), cancellationToken: Ct))).AsList();
            Assert.True(steps.Count > 0, key);
        }

        Assert.Equal(256 * 9, texts.Count);
    }

    [Fact]
    public async Task Queue_AfterResubmissionFromAnotherCountry_FiltersByTheNewCountryAndCategory()
    {
        await using var world = await VerificationWorld.CreateAsync();
        var first = await world.ApplyAsync(category: "LocalShop", externalId: "moving");
        await using (var connection = await world.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("UPDATE VerificationRequests SET Status = 'NeedsInfo' WHERE Id = @Id;", new { Id = first.RequestId });
        }

        var again = await world.Store.SubmitAsync(new BusinessApplication
        {
            ExternalId = "moving", DisplayName = "Huber Backstube", LegalName = "Huber Backstube GmbH", Category = "Restaurant", Country = "AT",
            PhoneE164 = "+43123456789",
        }, world.Options.IntakePolicy(), 10, "Low", Actor.ApiKey("platform"), Ct);
        var austria = await world.Store.QueueAsync(new QueueQuery { Country = "AT", Category = "Restaurant" }, Ct);
        var germany = await world.Store.QueueAsync(new QueueQuery { Country = "DE" }, Ct);
        var shops = await world.Store.QueueAsync(new QueueQuery { Category = "LocalShop" }, Ct);

        Assert.True(again.Resubmission);
        Assert.Equal([first.RequestId], austria.Items.Select(i => i.Id));
        Assert.Equal("AT", austria.Items[0].Country);
        Assert.Equal(0, germany.Total);
        Assert.Equal(0, shops.Total);
    }

    /// <summary>Thirty-two businesses in four countries and three categories, one request each, in every state.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private static readonly string[] s_stems = ["Alpen", "Nordwind", "Sparkasse", "Huber", "Lumen", "Zeta", "Blau", "Orion"];
        private static readonly string[] s_owners = ["Meier", "Schulz", "Keller", "Brandt"];

        /// <summary>Views by name; <c>{a}</c> and <c>{b}</c> in a view's assignee stand for the two reviewers.</summary>
        public static readonly Dictionary<string, QueueQuery> Views = BuildViews();

        public VerificationWorld World { get; private set; } = null!;

        public IReadOnlyList<Row> Rows { get; private set; } = [];

        public long ReviewerA { get; private set; }

        public long ReviewerB { get; private set; }

        public async ValueTask InitializeAsync()
        {
            World = await VerificationWorld.CreateAsync();
            ReviewerA = VerificationWorld.IdOf(await World.UserAsync("ann", Roles.Reviewer));
            ReviewerB = VerificationWorld.IdOf(await World.UserAsync("ben", Roles.Reviewer));
            var ids = new List<long>();
            for (var i = 0; i < 32; i++)
            {
                World.Time.Advance(TimeSpan.FromHours(1 + (i % 5)));
                // Shifted every eight rows, so that names and countries do not follow the state (which cycles every eight).
                var shifted = i + (i / 8);
                var stem = s_stems[shifted % s_stems.Length];
                var score = i * 37 % 100;
                var result = await World.Store.SubmitAsync(new BusinessApplication
                {
                    ExternalId = $"queue-{i}",
                    DisplayName = $"{stem} {(char)('A' + (i * 5 % 26))}{i}",
                    LegalName = $"{s_owners[shifted % s_owners.Length]} Holding {stem} GmbH",
                    Category = new[] { "Bank", "LocalShop", "Restaurant" }[i % 3],
                    Country = new[] { "DE", "AT", "CH", "FR" }[shifted % 4],
                    PhoneE164 = $"+49{30 + (i % 3)}{1_000_000 + i}",
                    RegistrationNumber = i % 2 == 0 ? $"HRB {10_000 + i}" : $"FN {500 + i}a",
                }, World.Options.IntakePolicy(), score, score >= 70 ? "High" : score >= 40 ? "Medium" : "Low", Actor.ApiKey("platform"), CancellationToken.None);
                ids.Add(result.RequestId);
            }

            // States, due times and claims set directly: the queue reads them, how they came about does not matter here.
            var now = World.Time.GetUtcNow();
            await using var connection = await World.Database.OpenAsync(CancellationToken.None);
            for (var i = 0; i < ids.Count; i++)
            {
                var status = VerificationStatus.All[i % VerificationStatus.All.Count];
                long? assignee = status is VerificationStatus.InReview or VerificationStatus.Pending ? (i % 2 == 0 ? ReviewerA : ReviewerB) : null;
                DateTimeOffset? claimUntil = assignee is null ? null : i % 3 == 0 ? now.AddHours(-1) : now.AddHours(1);
                await connection.ExecuteAsync(
                    "UPDATE VerificationRequests SET Status = @Status, DueAt = @DueAt, AssignedToUserId = @Assignee, ClaimExpiresAt = @ClaimUntil WHERE Id = @Id;",
                    new { Id = ids[i], Status = status, DueAt = now.AddHours(i * 7 % 32), Assignee = assignee, ClaimUntil = claimUntil });
            }

            Rows = (await connection.QueryAsync<Row>("""
                SELECT r.Id, r.Status, r.RiskBand, r.RiskScore, r.SubmittedAt, r.DueAt, r.AssignedToUserId, r.ClaimExpiresAt,
                       b.Country, b.Category, b.DisplayName, b.LegalName, b.PhoneE164, b.RegistrationNumber
                FROM VerificationRequests r JOIN Businesses b ON b.Id = r.BusinessId;
                """)).AsList();
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();

        /// <summary>Puts the reviewers' ids into a view (-1 is reviewer A, -2 reviewer B).</summary>
        public QueueQuery Resolve(QueueQuery query) => query.AssignedToUserId switch
        {
            -1 => query with { AssignedToUserId = ReviewerA },
            -2 => query with { AssignedToUserId = ReviewerB },
            _ => query,
        };

        /// <summary>The ids of the whole view, in order, as the queue's documented rules make it.</summary>
        public List<long> Expected(QueueQuery query)
        {
            var now = World.Time.GetUtcNow();
            var text = query.Text?.Trim();
            var phone = text is null ? null : QueueSql.PhonePrefix(text);
            var rows = Rows.Where(r =>
                (query.Status is null ? VerificationStatus.Open.Contains(r.Status) : r.Status == query.Status)
                && (query.Category is null || r.Category == query.Category)
                && (query.Country is null || r.Country == query.Country.ToUpperInvariant())
                && (query.RiskBand is null || r.RiskBand == query.RiskBand)
                && (query.MinAgeHours is null || r.SubmittedAt <= now.AddHours(-query.MinAgeHours.Value))
                && (query.AssignedToUserId is null || (r.AssignedToUserId == query.AssignedToUserId && r.ClaimExpiresAt >= now))
                && (!query.Unassigned || r.AssignedToUserId is null || r.ClaimExpiresAt < now)
                && (text is null
                    || r.DisplayName.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                    || r.LegalName.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                    || r.PhoneE164.StartsWith(phone!, StringComparison.OrdinalIgnoreCase)
                    || (r.RegistrationNumber ?? "").StartsWith(text, StringComparison.OrdinalIgnoreCase)));
            var ordered = (query.Sort, query.Descending) switch
            {
                (QueueSort.Submitted, false) => rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id),
                (QueueSort.Submitted, true) => rows.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id),
                (QueueSort.Risk, false) => rows.OrderBy(r => r.RiskScore).ThenBy(r => r.DueAt).ThenBy(r => r.Id),
                (QueueSort.Risk, true) => rows.OrderByDescending(r => r.RiskScore).ThenBy(r => r.DueAt).ThenBy(r => r.Id),
                (QueueSort.Business, false) => rows.OrderBy(r => r.DisplayName, StringComparer.Ordinal).ThenBy(r => r.Id),
                (QueueSort.Business, true) => rows.OrderByDescending(r => r.DisplayName, StringComparer.Ordinal).ThenByDescending(r => r.Id),
                (_, false) => rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id),
                (_, true) => rows.OrderByDescending(r => r.DueAt).ThenByDescending(r => r.Id),
            };
            return ordered.Select(r => r.Id).ToList();
        }

        private static Dictionary<string, QueueQuery> BuildViews()
        {
            var views = new Dictionary<string, QueueQuery>(StringComparer.Ordinal);
            foreach (var sort in Enum.GetValues<QueueSort>())
            {
                foreach (var descending in new[] { false, true })
                {
                    var order = $"{sort}{(descending ? " desc" : "")}";
                    views[$"open by {order}"] = new QueueQuery { Sort = sort, Descending = descending };
                    views[$"approved by {order}"] = new QueueQuery { Status = VerificationStatus.Approved, Sort = sort, Descending = descending };
                    views[$"all filters of one state by {order}"] = new QueueQuery
                    {
                        Status = VerificationStatus.Pending, Country = "de", Unassigned = true, MinAgeHours = 1, Sort = sort, Descending = descending,
                    };
                }
            }

            foreach (var status in VerificationStatus.All)
            {
                views[$"filter:status {status}"] = new QueueQuery { Status = status };
            }

            views["filter:country"] = new QueueQuery { Country = "at" };
            views["filter:country of a decided state"] = new QueueQuery { Status = VerificationStatus.Rejected, Country = "CH", Sort = QueueSort.Submitted, Descending = true };
            views["filter:category"] = new QueueQuery { Category = "Bank" };
            views["filter:category of a decided state"] = new QueueQuery { Status = VerificationStatus.Approved, Category = "LocalShop", Sort = QueueSort.Submitted };
            views["filter:risk band"] = new QueueQuery { RiskBand = "High" };
            views["filter:category and risk band by risk"] = new QueueQuery { Category = "Restaurant", RiskBand = "Low", Sort = QueueSort.Risk, Descending = true };
            views["filter:min age"] = new QueueQuery { MinAgeHours = 40 };
            views["filter:assigned to a"] = new QueueQuery { AssignedToUserId = -1 };
            views["filter:assigned to b"] = new QueueQuery { AssignedToUserId = -2 };
            views["filter:unassigned"] = new QueueQuery { Unassigned = true };
            views["filter:text display name"] = new QueueQuery { Text = "sparkasse" };
            views["filter:text legal name"] = new QueueQuery { Text = "Keller" };
            views["filter:text phone"] = new QueueQuery { Text = "+4931" };
            views["filter:text phone without plus"] = new QueueQuery { Text = "49 32" };
            views["filter:text registration number"] = new QueueQuery { Text = "hrb 1000" };
            views["filter:text of a decided state by business"] = new QueueQuery { Status = VerificationStatus.Rejected, Text = "hrb 1001", Sort = QueueSort.Business };
            return views;
        }
    }

    /// <summary>A request with its business, read back as stored.</summary>
    public sealed record Row
    {
        public long Id { get; init; }

        public string Status { get; init; } = "";

        public string RiskBand { get; init; } = "";

        public int RiskScore { get; init; }

        public DateTimeOffset SubmittedAt { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public long? AssignedToUserId { get; init; }

        public DateTimeOffset? ClaimExpiresAt { get; init; }

        public string Country { get; init; } = "";

        public string Category { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public string LegalName { get; init; } = "";

        public string PhoneE164 { get; init; } = "";

        public string? RegistrationNumber { get; init; }

        public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);
    }
}
