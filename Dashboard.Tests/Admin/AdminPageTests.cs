using Bunit;
using Dashboard.Admin;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Dashboard.Platform;
using Dashboard.Tests.Support;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Tests.Admin;

public sealed class AdminPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private AdminTestServices _services = null!;
    private UserAccount _admin = null!;
    private UserAccount _reviewer = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        _admin = await _services.AddUserAsync("admin@example.test", Roles.Admin);
        _reviewer = await _services.AddUserAsync("reviewer@example.test", Roles.Reviewer, Roles.SeniorReviewer);
        var disabled = await _services.AddUserAsync("former@example.test", Roles.Executive);
        await _services.Get<IAccountStore>().SetDisabledAsync(disabled.Id, true, disabled.Version, Actor.Console("test"), Ct);
        _services.AddTo(_context, AdminTestServices.PrincipalOf(_admin));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public void Render_AsAdmin_ListsSeededUsersWithRolesAndStatus()
    {
        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        var reviewer = Row(cut, "reviewer@example.test");
        Assert.Contains("Senior reviewer", reviewer.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", reviewer.QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Equal("Disabled", Row(cut, "former@example.test").QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Contains("(you)", Row(cut, "admin@example.test").TextContent, StringComparison.Ordinal);
        Assert.Equal("3 users", cut.Find("[data-testid=users-count]").TextContent.Trim());
    }

    [Fact]
    public void Render_InGerman_ShowsGermanTextsRolesAndDates()
    {
        using var german = new CultureScope("de-DE");

        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.Equal("3 Benutzer", cut.Find("[data-testid=users-count]").TextContent.Trim());
        Assert.Contains("Benutzer anlegen", cut.Find("button[data-testid=create-user]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["E-Mail", "Anzeigename", "Rollen", "Status", "Letzte Anmeldung (UTC)", "Angelegt (UTC)", "Aktionen"],
            cut.FindAll("[data-testid=users-table] thead th").Select(th => th.TextContent.Trim()).ToList());
        var reviewer = Row(cut, "reviewer@example.test");
        Assert.Contains("Senior-Prüfer", reviewer.TextContent, StringComparison.Ordinal);
        Assert.Equal("Aktiv", reviewer.QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Equal("Deaktiviert", Row(cut, "former@example.test").QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Contains("(Sie)", Row(cut, "admin@example.test").TextContent, StringComparison.Ordinal);

        // Dates as German readers write them: 02.11.2026 09:00, never 2026-11-02.
        Assert.Matches(@"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b", reviewer.QuerySelector("td[data-label='Angelegt (UTC)']")!.TextContent);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", reviewer.TextContent);
    }

    [Fact]
    public async Task CreateUser_ThroughDialog_ShowsPasswordOnceAndAddsRow()
    {
        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        cut.Find("button[data-testid=create-user]").Click();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=new-user-email]"));
        cut.Find("input[data-testid=new-user-email]").Change("analyst@example.test");
        cut.Find("input[data-testid=new-user-name]").Change("Ana Lyst");
        PickRole(cut, Roles.Executive);
        cut.Find("button[data-testid=create-user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("shown once", cut.Find("[data-testid=shown-once]").TextContent, StringComparison.Ordinal));
        var password = cut.Find("[data-testid=secret]").TextContent.Trim();
        Assert.Equal(20, password.Length);
        var signIn = await _services.Get<AccountService>().PasswordSignInAsync("analyst@example.test", password, null, Ct);
        Assert.Equal(SignInOutcome.Succeeded, signIn.Outcome);
        Assert.Equal([Roles.Executive], signIn.User!.Roles);

        cut.Find("button[data-testid=secret-done]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=secret]")));
        Assert.DoesNotContain(password, cut.Markup, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(4, Rows(cut).Count));
        Assert.Contains("Ana Lyst", Row(cut, "analyst@example.test").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_DuplicateEmail_ShowsMessageInDialogAndAddsNothing()
    {
        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        cut.Find("button[data-testid=create-user]").Click();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=new-user-email]"));
        cut.Find("input[data-testid=new-user-email]").Change("Reviewer@example.test");
        PickRole(cut, Roles.Reviewer);
        cut.Find("button[data-testid=create-user-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "A user with the e-mail Reviewer@example.test exists already.", cut.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=secret]"));
        Assert.Equal(3, await _services.Get<IAccountStore>().CountAsync(Ct));
    }

    [Fact]
    public async Task EditRoles_UserChangedMeanwhile_ShowsChangedBySomeoneElseAndKeepsOtherChange()
    {
        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Row(cut, "reviewer@example.test").QuerySelector("button[aria-label='Edit roles of reviewer@example.test']")!.Click();
        cut.WaitForAssertion(() => cut.Find("button[data-testid=save-roles]"));

        // Another administrator saves first.
        await _services.Get<IAccountStore>().SetRolesAsync(_reviewer.Id, [Roles.AccountManager], _reviewer.Version, Actor.Console("other admin"), Ct);
        cut.Find("button[data-testid=save-roles]").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed by someone else", cut.Find("[data-testid=dialog-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal([Roles.AccountManager], (await _services.FindUserAsync(_reviewer.Id))!.Roles);
    }

    [Fact]
    public async Task CreateApiKey_ThroughDialog_ShowsKeyOnceAndKeyAuthenticates()
    {
        var cut = AdminTestServices.RenderWithProviders<AdminPage>(_context);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("API keys", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => cut.Find("button[data-testid=create-key]"));

        cut.Find("button[data-testid=create-key]").Click();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=new-key-name]"));
        cut.Find("input[data-testid=new-key-name]").Change("ingest-eu");
        cut.Find($"input[data-testid='scope-{ApiScopes.UsageWrite}']").Change(true);
        cut.Find("button[data-testid=create-key-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("only its hash is kept", cut.Find("[data-testid=shown-once]").TextContent, StringComparison.Ordinal));
        var key = cut.Find("[data-testid=secret]").TextContent.Trim();
        var record = await _services.Get<ApiKeyService>().AuthenticateAsync(key, Ct);
        Assert.Equal([ApiScopes.UsageWrite], record!.ScopeList);
        cut.Find("button[data-testid=secret-done]").Click();
        cut.WaitForAssertion(() => Assert.Contains("ingest-eu", cut.Find("[data-testid=keys-table]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(key, cut.Markup, StringComparison.Ordinal);
    }

    private static void PickRole(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string role)
    {
        var select = cut.FindComponent<MudSelect<string>>();
        select.Find("div.mud-input-control").MouseDown();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("div.mud-list-item")));
        cut.FindAll("div.mud-list-item").Single(i => i.TextContent.Trim().StartsWith(role + " ", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Contains(role, select.Instance.GetState(x => x.SelectedValues) ?? []));
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut) =>
        cut.FindAll("[data-testid=users-table] tbody tr");

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string email) =>
        Rows(cut).Single(r => r.QuerySelector("td")?.TextContent.Contains(email, StringComparison.Ordinal) == true);
}
