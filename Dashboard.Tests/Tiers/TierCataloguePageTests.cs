using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Dashboard.Data.Identity;
using Dashboard.Tests.Support;
using Dashboard.Tiers;

namespace Dashboard.Tests.Tiers;

/// <summary>The /tiers page and its dialogs, rendered over the real services and a fresh database.</summary>
public sealed class TierCataloguePageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private TierCatalogueWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await TierCatalogueWorld.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Render_AsExecutive_ListsTiersWithTheirCurrentVersion()
    {
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.BusinessOnAsync("Bravo", "business");
        await _world.BusinessOnAsync("Charlie", "free");
        var cut = await RenderAsAsync(Roles.Executive);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".tier-card").Count));
        var free = Card(cut, "free");
        Assert.Equal(("€0", "1,000", "1", "1", "Community"), Terms(free));
        Assert.Equal("SMEs only", free.QuerySelector("[data-testid=sme-only]")!.TextContent.Trim());
        Assert.Equal("1 business", free.QuerySelector("[data-testid=tier-businesses]")!.TextContent.Trim());
        var business = Card(cut, "business");
        Assert.Equal(("€499", "10,000", "10", "5", "Next business day"), Terms(business));
        Assert.Equal("v1", business.QuerySelector("[data-testid=current-version]")!.TextContent.Trim());
        Assert.Equal("2 businesses", business.QuerySelector("[data-testid=tier-businesses]")!.TextContent.Trim());
        Assert.Null(business.QuerySelector("[data-testid=sme-only]"));
        Assert.Equal(("€4,999", "Unlimited"), (Terms(Card(cut, "enterprise")).Price, Terms(Card(cut, "enterprise")).Conversations));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.AccountManager, false)]
    [InlineData(Roles.Executive, false)]
    public async Task Render_EditButton_OnlyForAdmin(string role, bool shown)
    {
        var cut = await RenderAsAsync(role);

        cut.WaitForAssertion(() => Assert.NotNull(Card(cut, "business")));
        Assert.Equal(shown, cut.FindAll("button[data-testid=edit-business]").Count == 1);
        Assert.Equal(shown ? 3 : 0, cut.FindAll("button[data-testid^=edit-]").Count);
    }

    [Fact]
    public async Task EditDialog_EffectiveDateInThePast_ShowsWhyAndSavesNothing()
    {
        var cut = await RenderAsAsync(Roles.Admin);
        cut.WaitForAssertion(() => cut.Find("button[data-testid=edit-business]"));

        cut.Find("button[data-testid=edit-business]").Click();
        cut.WaitForAssertion(() => cut.Find("button[data-testid=save-version]"));
        Assert.Equal("499", cut.Find("input[data-testid=edit-price]").GetAttribute("value"));
        cut.Find("input[data-testid=edit-price]").Change("549");
        cut.Find(".mud-dialog .mud-picker input").Change("2026-03-01");
        cut.Find("button[data-testid=save-version]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The effective date cannot be in the past. Choose today (2026-03-10) or later.",
            cut.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Equal([1], (await _world.TierAsync("business")).Versions.Select(v => v.VersionNumber));
    }

    [Fact]
    public async Task EditDialog_Save_AddsTheNextVersionAndTheHistoryShowsIt()
    {
        var cut = await RenderAsAsync(Roles.Admin);
        cut.WaitForAssertion(() => cut.Find("button[data-testid=edit-business]"));

        cut.Find("button[data-testid=edit-business]").Click();
        cut.WaitForAssertion(() => cut.Find("button[data-testid=save-version]"));
        cut.Find("input[data-testid=edit-price]").Change("549.50");
        cut.Find(".mud-dialog .mud-picker input").Change("2026-04-01");
        cut.Find("button[data-testid=save-version]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[data-testid=save-version]")));
        cut.WaitForAssertion(() =>
        {
            var history = Card(cut, "business").QuerySelectorAll("[data-testid=history-row]");
            Assert.Equal(2, history.Length);
            Assert.Contains("scheduled from 2026-04-01", history[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("€549.50", history[0].TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("v2 scheduled from 2026-04-01", Card(cut, "business").QuerySelector("[data-testid=scheduled-version]")!.TextContent.Trim());
        Assert.Equal("€499", Terms(Card(cut, "business")).Price);
    }

    [Fact]
    public async Task MoveDialog_ShowsThePreviewBeforeMoving()
    {
        await _world.BusinessOnAsync("Alpha", "business");
        await _world.BusinessOnAsync("Bravo", "business");
        await _world.AddVersionAsync("business", d =>
        {
            d.MonthlyPriceEur = 599m;
            d.Analytics = false;
        });
        var cut = await RenderAsAsync(Roles.Admin);
        cut.WaitForAssertion(() => cut.Find("button[data-testid=move-business]"));

        cut.Find("button[data-testid=move-business]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=move-affected]").TextContent.Trim()));
        Assert.Equal("+€200", cut.Find("[data-testid=move-mrr]").TextContent.Trim());
        Assert.Equal("Analytics", cut.Find("[data-testid=move-features-lost]").TextContent.Trim());
        Assert.Equal("Move 2 businesses", cut.Find("button[data-testid=move-apply]").TextContent.Trim());

        cut.Find("button[data-testid=move-apply]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[data-testid=move-apply]")));
        cut.WaitForAssertion(() => Assert.Equal("v2", Card(cut, "business").QuerySelector("[data-testid=current-version]")!.TextContent.Trim()));
        Assert.Equal(["2", "0"], Card(cut, "business").QuerySelectorAll("[data-testid=history-businesses]").Select(e => e.TextContent.Trim()));
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAsAsync(string role)
    {
        var user = role == Roles.Admin ? _world.AdminPrincipal : await _world.UserAsync($"{role.ToLowerInvariant()}@example.test", role);
        _world.Services.AddTo(_context, user);
        return AdminTestServices.RenderWithProviders<CataloguePage>(_context);
    }

    private static IElement Card(IRenderedComponent<ContainerFragment> cut, string code) => cut.Find($"[data-testid=tier-{code}]");

    private static (string Price, string Conversations, string Seats, string Phones, string Sla) Terms(IElement card) =>
        (Text(card, "price"), Text(card, "limit-conversations"), Text(card, "limit-seats"), Text(card, "limit-phones"), Text(card, "sla"));

    private static string Text(IElement card, string testId) => card.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
}
