using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Dashboard.Audit;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Tests.Audit;

public sealed class AuditPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private AdminTestServices _services = null!;
    private UserAccount _admin = null!;
    private UserAccount _reviewer = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();

        // Creating the users writes two "User" entries; the rest covers one entry per other entity type.
        _admin = await _services.AddUserAsync("admin@example.test", Roles.Admin);
        _reviewer = await _services.AddUserAsync("reviewer@example.test", Roles.Reviewer);
        var audit = _services.Get<IAuditLog>();
        var reviewer = Actor.User(_reviewer.Id, _reviewer.Email);
        var admin = Actor.User(_admin.Id, _admin.Email);
        await audit.AppendAsync(new AuditEntry("VerificationApproved", "VerificationRequest", "17", "Approved Nordbank AG",
            new { Status = "InReview", Note = (string?)null }, new { Status = "Approved", Note = "Registry match" }), reviewer, Ct);
        await audit.AppendAsync(new AuditEntry("VerificationClaimed", "VerificationRequest", "18", "Claimed SkyHop Airlines"), reviewer, Ct);
        await audit.AppendAsync(new AuditEntry("BusinessUpdated", "Business", "5", "Website changed"), admin, Ct);
        await audit.AppendAsync(new AuditEntry("TierCreated", "Tier", "3", "Created tier Enterprise"), admin, Ct);
        await audit.AppendAsync(new AuditEntry("ApiKeyCreated", "ApiKey", "ingest-eu", "Created API key ingest-eu"), admin, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public void Render_AsReviewer_ShowsVerificationAndBusinessRowsButNoUserApiKeyOrTierRows()
    {
        var cut = RenderAs(_reviewer);

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        var entities = Entities(cut);
        Assert.Equal(["Business #5", "Verification request #18", "Verification request #17"], entities);
        Assert.DoesNotContain(entities, e => e.StartsWith("User", StringComparison.Ordinal) || e.StartsWith("API key", StringComparison.Ordinal) || e.StartsWith("Tier", StringComparison.Ordinal));
        Assert.StartsWith("Entries about verification requests and businesses:", cut.Find("[data-testid=audit-scope]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AsAdmin_ShowsEveryEntryNewestFirst()
    {
        var cut = RenderAs(_admin);

        cut.WaitForAssertion(() => Assert.Equal(7, Rows(cut).Count));
        Assert.Equal("API key #ingest-eu", Entities(cut)[0]);
        Assert.Equal(2, Entities(cut).Count(e => e.StartsWith("User #", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_WithFiltersInQuery_ReadsThemOnLoad()
    {
        var cut = RenderAs(_reviewer, "audit?action=VerificationApproved&actor=reviewer");

        cut.WaitForAssertion(() => Assert.Equal(["Verification request #17"], Entities(cut)));
        Assert.Equal("reviewer", cut.Find("input[data-testid=filter-actor]").GetAttribute("value"));
        Assert.Equal("VerificationApproved", ActionSelect(cut).Instance.GetState(s => s.Value));
    }

    [Fact]
    public void SelectAction_NarrowsRowsAndKeepsTheFilterInTheUrl()
    {
        var cut = RenderAs(_reviewer);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        ActionSelect(cut).Find("div.mud-input-control").MouseDown();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("div.mud-list-item")));
        cut.FindAll("div.mud-list-item").Single(i => i.TextContent.Trim() == "VerificationClaimed").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Verification request #18"], Entities(cut)));
        Assert.Equal("http://localhost/audit?action=VerificationClaimed", _context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void EntityFilter_AsReviewer_OffersOnlyTheTypesTheRoleMaySee()
    {
        var cut = RenderAs(_reviewer);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        SelectByTestId(cut, "filter-entity").Find("div.mud-input-control").MouseDown();

        cut.WaitForAssertion(() => Assert.Equal(
            ["Verification request", "Business"], cut.FindAll("div.mud-list-item").Select(i => i.TextContent.Trim())));
    }

    [Fact]
    public void Render_WithEntityTheRoleMayNotSee_IgnoresItAndStillHidesThoseRows()
    {
        var cut = RenderAs(_reviewer, "audit?entity=User");

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.DoesNotContain(Entities(cut), e => e.StartsWith("User", StringComparison.Ordinal));
        Assert.Contains("not part of what your roles may see", cut.Find("[data-testid=entity-not-visible]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FromDateAfterEveryEntry_ShowsEmptyStateThatSaysHowToClear()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var cut = RenderAs(_reviewer, $"audit?from={tomorrow:yyyy-MM-dd}");

        cut.WaitForAssertion(() => Assert.Equal(
            "No entries match these filters. Clear filters to see everything you may see.", cut.Find("[data-testid=audit-empty]").TextContent.Trim()));
        cut.Find("button[data-testid=clear-filters]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.Equal("http://localhost/audit", _context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void ExpandRow_ShowsBeforeAndAfterJsonSideBySideWithTheChangedFields()
    {
        var cut = RenderAs(_reviewer, "audit?action=VerificationApproved");
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("button[aria-label='Details of entry 3']").Click();

        cut.WaitForAssertion(() => Assert.Contains("\"status\": \"InReview\"", cut.Find("[data-testid=audit-before]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"status\": \"Approved\"", cut.Find("[data-testid=audit-after]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Changed: status, note", cut.Find("[data-testid=audit-detail]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Renders the page as <paramref name="user"/>, optionally after opening <paramref name="relativeUri"/> as a shared link would.</summary>
    private IRenderedComponent<ContainerFragment> RenderAs(UserAccount user, string relativeUri = "audit")
    {
        _services.AddTo(_context, AdminTestServices.PrincipalOf(user));
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return AdminTestServices.RenderWithProviders<AuditPage>(_context);
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("[data-testid=audit-table] tbody tr").Where(r => r.QuerySelector("[data-testid=audit-entity]") is not null).ToList();

    private static IReadOnlyList<string> Entities(IRenderedComponent<ContainerFragment> cut) =>
        Rows(cut).Select(r => r.QuerySelector("[data-testid=audit-entity]")!.TextContent.Trim()).ToList();

    private static IRenderedComponent<MudSelect<string>> ActionSelect(IRenderedComponent<ContainerFragment> cut) => SelectByTestId(cut, "filter-action");

    private static IRenderedComponent<MudSelect<string>> SelectByTestId(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.FindComponents<MudSelect<string>>().Single(s => s.FindAll($"[data-testid={testId}]").Count > 0);
}
