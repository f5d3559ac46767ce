using Bunit;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Tests.Support;
using Dashboard.Verification;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Verification;

/// <summary>The queue and the request detail rendered with bUnit over a real SQLite file and the real services.</summary>
public sealed class VerificationPagesTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private AdminTestServices _services = null!;
    private UserAccount _reviewer = null!;
    private UserAccount _other = null!;
    private IntakeResult _shop = null!;
    private IntakeResult _bank = null!;
    private IntakeResult _rejected = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        _reviewer = await _services.AddUserAsync("lena@example.test", Roles.Reviewer);
        _other = await _services.AddUserAsync("otto@example.test", Roles.Reviewer);
        _shop = await ApplyAsync("biz-1", "Eckladen Moser", "LocalShop");
        _bank = await ApplyAsync("biz-2", "Hanse Privatbank", "Bank");
        _rejected = await ApplyAsync("biz-3", "Spamshop 24", "OnlineRetailer");
        var otto = AdminTestServices.PrincipalOf(_other);
        var service = _services.Get<VerificationService>();
        var opened = (await service.OpenAsync(otto, _rejected.RequestId, Ct))!;
        await service.RejectAsync(otto, _rejected.RequestId, opened.Request.Version, "OTHER", "Spam", Ct);
        _services.AddTo(_context, AdminTestServices.PrincipalOf(_reviewer));

        // As on a live circuit: the detail page claims only once it is interactive, not while prerendering.
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public void Queue_Default_ShowsOpenRequestsAndStateCounts()
    {
        var page = AdminTestServices.RenderWithProviders<QueuePage>(_context);

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr.queue-row").Select(r => r.TextContent).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains(rows, r => r.Contains("Eckladen Moser", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Contains("Hanse Privatbank", StringComparison.Ordinal));
            Assert.Contains("Open (2)", page.Markup, StringComparison.Ordinal);
            Assert.Contains("Rejected (1)", page.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Queue_InGerman_ShowsGermanHeadingStatesCategoriesAndDates()
    {
        using var german = new CultureScope("de-DE");

        var page = AdminTestServices.RenderWithProviders<QueuePage>(_context);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Verifizierungsanfragen", page.Find("h1").TextContent.Trim());
            Assert.Contains("Offen (2)", page.Markup, StringComparison.Ordinal);
            Assert.Contains("Abgelehnt (1)", page.Markup, StringComparison.Ordinal);
            var shop = page.FindAll("tbody tr.queue-row").Single(r => r.TextContent.Contains("Eckladen Moser", StringComparison.Ordinal));
            Assert.Equal("Einzelhandel vor Ort", shop.QuerySelector("td[data-label=Kategorie]")!.TextContent.Trim());
            Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$", shop.QuerySelector("td[data-label=Eingereicht]")!.TextContent.Trim());
            Assert.DoesNotContain("Verification queue", page.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Detail_InGerman_ShowsGermanFactsWithGermanNumbers()
    {
        var big = await _services.Get<IVerificationStore>().SubmitAsync(new BusinessApplication
        {
            ExternalId = "biz-9",
            LegalName = "Nordlicht Logistik GmbH",
            DisplayName = "Nordlicht Logistik",
            Category = "Logistics",
            Country = "DE",
            PhoneE164 = "+494012345678",
            RegistrationNumber = "HRB 654321",
            Employees = 12_500,
            AnnualTurnoverEur = 2_500_000,
        }, _services.Get<IOptions<VerificationOptions>>().Value.IntakePolicy(), 10, "Low", Actor.ApiKey("platform"), Ct);
        using var german = new CultureScope("de-DE");

        var page = RenderDetail(big.RequestId);

        page.WaitForAssertion(() =>
        {
            Assert.StartsWith("Sie bearbeiten diese Anfrage bis", page.Find("[data-testid=claim-note]").TextContent.Trim(), StringComparison.Ordinal);
            var facts = page.FindAll("dl.facts dt").Zip(page.FindAll("dl.facts dd"), (dt, dd) => (dt.TextContent.Trim(), dd.TextContent.Trim())).ToList();
            Assert.Contains(("Beschäftigte", "12.500"), facts);
            Assert.Contains(("Jahresumsatz", "2,5 Mio. EUR"), facts);
            Assert.Contains(("Kategorie", "Logistik"), facts);
            Assert.Contains("Genehmigen", page.Find("[data-testid=approve]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Automatische Prüfungen", page.Find("[data-testid=checks]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Queue_StateAndCategoryInTheUrl_AreApplied()
    {
        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/verification?state=Pending&category=Bank");

        var page = AdminTestServices.RenderWithProviders<QueuePage>(_context);

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("tbody tr.queue-row"));
            Assert.Contains("Hanse Privatbank", row.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Queue_MyRequests_ShowsOnlyWhatIHold()
    {
        await _services.Get<VerificationService>().OpenAsync(AdminTestServices.PrincipalOf(_reviewer), _bank.RequestId, Ct);
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/verification?assignee=me");

        var page = AdminTestServices.RenderWithProviders<QueuePage>(_context);

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("tbody tr.queue-row"));
            Assert.Contains("Hanse Privatbank", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("lena", row.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Detail_Open_ClaimsTheRequestAndOffersDecisions()
    {
        var page = RenderDetail(_shop.RequestId);

        page.WaitForAssertion(() =>
        {
            Assert.Contains("You hold this request", page.Find("[data-testid=claim-note]").TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Find("[data-testid=approve]"));
            Assert.NotNull(page.Find("[data-testid=checks] [data-testid=check-REGISTRATION_FORMAT]"));
        });
        var stored = await _services.Get<IVerificationStore>().GetAsync(_shop.RequestId, Ct);
        Assert.Equal(_reviewer.Id, stored!.AssignedToUserId);
    }

    [Fact]
    public async Task Detail_AddNote_EmptyIsRefusedWithAMessage_TextGivenOnLeavingTheFieldIsKept()
    {
        var page = RenderDetail(_shop.RequestId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=add-note]")));

        page.Find("[data-testid=add-note]").Click();
        page.WaitForAssertion(() => Assert.Contains("Write the note first.", page.Markup, StringComparison.Ordinal));
        var before = (await _services.Get<IVerificationStore>().EventsAsync(_shop.RequestId, Ct)).Count;

        // What a browser sends when the reviewer leaves the field (or presses the button, which takes the focus).
        page.Find("textarea[data-testid=note-text]").Change("Called the shop; the owner confirmed the address.");
        page.Find("[data-testid=add-note]").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain("Write the note first.", page.Markup, StringComparison.Ordinal));
        var events = await _services.Get<IVerificationStore>().EventsAsync(_shop.RequestId, Ct);
        Assert.Equal(before + 1, events.Count);
        Assert.Contains(events, e => e.Note == "Called the shop; the owner confirmed the address.");
    }

    [Fact]
    public async Task Detail_Prerendered_DoesNotClaim()
    {
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = RenderDetail(_shop.RequestId);

        Assert.Empty(page.FindAll("[data-testid=claim-note]"));
        var stored = await _services.Get<IVerificationStore>().GetAsync(_shop.RequestId, Ct);
        Assert.Null(stored!.AssignedToUserId);
        Assert.Equal(VerificationStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task Detail_HeldByAnotherReviewer_SaysWhoAndOffersNoDecision()
    {
        await _services.Get<VerificationService>().OpenAsync(AdminTestServices.PrincipalOf(_other), _shop.RequestId, Ct);

        var page = RenderDetail(_shop.RequestId);

        page.WaitForAssertion(() =>
        {
            Assert.Contains("otto is working on this request", page.Find("[data-testid=claim-note]").TextContent, StringComparison.Ordinal);
            Assert.Empty(page.FindAll("[data-testid=approve]"));
        });
    }

    [Fact]
    public void Detail_ApproveThroughTheDialog_ApprovesAndShowsTheMarker()
    {
        var page = RenderDetail(_shop.RequestId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=approve]")));

        page.Find("[data-testid=approve]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=decision-confirm]")));
        page.Find("[data-testid=decision-confirm]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Approved", page.Find("[data-testid=request-status]").TextContent.Trim());
            Assert.NotNull(page.Find("[data-testid=verified-marker]"));
            Assert.Contains("Approved", page.Find("[data-testid=history]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Detail_RejectWithoutReason_StaysOpenWithAMessage()
    {
        var page = RenderDetail(_shop.RequestId);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=reject]")));
        page.Find("[data-testid=reject]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=decision-confirm]")));

        page.Find("[data-testid=decision-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("Pick the reason", page.Markup, StringComparison.Ordinal));
        Assert.Equal("In review", page.Find("[data-testid=request-status]").TextContent.Trim());
    }

    [Fact]
    public async Task Detail_ClosestNames_ShowTheSameSimilarityAsTheCheckEvidence()
    {
        using var english = new CultureScope("en-GB");
        var lookalike = await ApplyAsync("biz-4", "Deutsche Bamk", "Bank");

        var page = RenderDetail(lookalike.RequestId);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=closest-names] tbody tr")));
        var rows = page.FindAll("[data-testid=closest-names] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        var evidence = page.FindAll("[data-testid=check-IMPERSONATION] li").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(rows.Count, evidence.Count);

        // A table that rounded where the evidence rounds down would disagree on at least one of these names (73% against 72%).
        Assert.Contains(rows, r => r[2] is not "100%");
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rows[i][0].Split(" (#")[0];
            Assert.Matches(@"^\d{1,3}%$", rows[i][2]);
            Assert.Contains($"'{name}'", evidence[i], StringComparison.Ordinal);
            Assert.Contains($": {rows[i][2]} ", evidence[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Approve_BusinessRiskierNowThanAtSubmission_NeedsASecondApproval()
    {
        var lookalike = await ApplyRiskierNowAsync();
        var lena = AdminTestServices.PrincipalOf(_reviewer);
        var service = _services.Get<VerificationService>();
        var opened = (await service.OpenAsync(lena, lookalike.RequestId, Ct))!;

        var decided = await service.ApproveAsync(lena, lookalike.RequestId, opened.Request.Version, null, Ct);

        Assert.Equal(VerificationStatus.AwaitingSecondApproval, decided.Status);
        Assert.False(decided.IsVerified);
    }

    [Fact]
    public async Task Detail_BusinessRiskierNowThanAtSubmission_ShowsBothScoresAndAsksForTheFirstOfTwoApprovals()
    {
        using var english = new CultureScope("en-GB");
        var lookalike = await ApplyRiskierNowAsync();

        var page = RenderDetail(lookalike.RequestId);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Risk score now: 80 (High) · 10 at submission", page.Find("[data-testid=risk-now]").TextContent.Trim());
            Assert.Equal("Risk Low 10", page.Find("[data-testid=risk-at-submission]").TextContent.Trim());
            Assert.StartsWith("Risk score when the business applied", page.Find("[data-testid=risk-at-submission]").GetAttribute("title"), StringComparison.Ordinal);
            Assert.Contains("Approve (1st of 2)", page.Find("[data-testid=approve]").TextContent, StringComparison.Ordinal);
        });
        page.Find("[data-testid=approve]").Click();
        page.WaitForAssertion(() => Assert.Contains("Its risk score is 80 now, and scores of 70 or more need two approvals.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detail_ScoreUnchangedSinceSubmission_ShowsOneScoreAndAPlainApproval()
    {
        using var english = new CultureScope("en-GB");
        var application = new BusinessApplication
        {
            ExternalId = "biz-6",
            LegalName = "Bäckerei Sonnenkorn GmbH",
            DisplayName = "Bäckerei Sonnenkorn",
            Category = "LocalShop",
            Country = "DE",
            PhoneE164 = "+4989555765432",
            Website = "https://www.sonnenkorn-baeckerei.de",
            EmailDomain = "sonnenkorn-baeckerei.de",
            RegistrationNumber = "HRB 246810",
        };
        var atIntake = await _services.Get<Dashboard.Verification.Checks.VerificationChecks>().RunAsync(new Dashboard.Verification.Checks.CheckSubject(null,
            application.DisplayName, application.LegalName, application.Category, application.Country, application.PhoneE164, application.Website,
            application.EmailDomain, application.RegistrationNumber), Ct);
        var bakery = await _services.Get<IVerificationStore>().SubmitAsync(application, _services.Get<IOptions<VerificationOptions>>().Value.IntakePolicy(),
            atIntake.RiskScore, atIntake.RiskBand, Actor.ApiKey("platform"), Ct);

        var page = RenderDetail(bakery.RequestId);

        page.WaitForAssertion(() => Assert.StartsWith("Risk score now:", page.Find("[data-testid=risk-now]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain("at submission", page.Find("[data-testid=risk-now]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Approve", page.Find("[data-testid=approve]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("1st of 2", page.Find("[data-testid=approve]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// An online shop scored 10 when it applied that now reads as a protected brand with a free-mail address: the checks
    /// now give it 80, past the four-eyes score of 70, while its category alone needs one approval.
    /// </summary>
    private async Task<IntakeResult> ApplyRiskierNowAsync()
    {
        var result = await _services.Get<IVerificationStore>().SubmitAsync(new BusinessApplication
        {
            ExternalId = "biz-5",
            LegalName = "Zalando Outlet Store UG",
            DisplayName = "Zalando",
            Category = "OnlineRetailer",
            Country = "DE",
            PhoneE164 = "+4930555123456",
            Website = "https://zalando-outlet.example",
            EmailDomain = "gmail.com",
            RegistrationNumber = "HRB 765432",
        }, _services.Get<IOptions<VerificationOptions>>().Value.IntakePolicy(), 10, "Low", Actor.ApiKey("platform"), Ct);
        var now = await _services.Get<Dashboard.Verification.Checks.VerificationChecks>().RunAsync((await _services.Get<IVerificationStore>().GetAsync(result.RequestId, Ct))!, Ct);
        Assert.Equal(80, now.RiskScore);
        return result;
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderDetail(long id) =>
        _context.Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<DetailPage>(3);
            builder.AddAttribute(4, nameof(DetailPage.Id), id);
            builder.CloseComponent();
        });

    private Task<IntakeResult> ApplyAsync(string externalId, string name, string category) =>
        _services.Get<IVerificationStore>().SubmitAsync(new BusinessApplication
        {
            ExternalId = externalId,
            LegalName = name + " GmbH",
            DisplayName = name,
            Category = category,
            Country = "DE",
            PhoneE164 = "+4940" + externalId.GetHashCode(StringComparison.Ordinal).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)[^7..],
            RegistrationNumber = "HRB 123456",
        }, _services.Get<IOptions<VerificationOptions>>().Value.IntakePolicy(), 10, "Low", Actor.ApiKey("platform"), Ct);
}
