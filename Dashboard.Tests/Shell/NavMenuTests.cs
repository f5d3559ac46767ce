using Bunit;
using Dashboard.Data.Identity;
using Dashboard.Shell;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Shell;

public sealed class NavMenuTests : ConsoleBunitContext
{
    [Theory]
    [InlineData(Roles.Reviewer, new[] { "Verification queue", "Reviewer statistics", "Audit log" })]
    [InlineData(Roles.SeniorReviewer, new[] { "Verification queue", "Reviewer statistics", "Audit log" })]
    [InlineData(Roles.AccountManager, new[] { "Businesses", "Approvals", "Tier catalogue", "Revenue", "Audit log" })]
    [InlineData(Roles.Executive, new[] { "Tier catalogue", "Usage overview", "Usage history", "Revenue", "Audit log" })]
    [InlineData(Roles.Admin, new[] { "Businesses", "Approvals", "Tier catalogue", "Usage overview", "Usage history", "Revenue", "Administration", "Audit log" })]
    public void NavMenu_ForRole_ShowsOnlyWhatTheRoleMayOpen(string role, string[] expected)
    {
        SignInAs(7, "someone@example.com", role);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Equal(expected, LinkTexts(menu)));
    }

    [Fact]
    public void NavMenu_UserWithTwoRoles_ShowsBothRolesEntries()
    {
        SignInAs(7, "someone@example.com", Roles.Reviewer, Roles.AccountManager);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Equal(["Verification queue", "Reviewer statistics", "Businesses", "Approvals", "Tier catalogue", "Revenue", "Audit log"], LinkTexts(menu)));
    }

    [Fact]
    public void NavMenu_Anonymous_ShowsNothing()
    {
        var menu = Render<NavMenu>();

        Assert.Empty(LinkTexts(menu));
    }

    [Fact]
    public void NavMenu_GroupHeadings_AppearOnlyAboveVisibleEntries()
    {
        SignInAs(7, "someone@example.com", Roles.Reviewer);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() =>
        {
            var headings = menu.FindAll(".nav-group").Select(h => h.TextContent.Trim()).ToList();
            Assert.Equal(["Trust & safety", "Console"], headings);
        });
    }

    [Theory]
    [InlineData("verification", "Verification queue")]
    [InlineData("verification/42", "Verification queue")]
    [InlineData("verification/stats", "Reviewer statistics")]
    [InlineData("verification/stats?days=7", "Reviewer statistics")]
    [InlineData("audit?action=VerificationApproved", "Audit log")]
    [InlineData("usage", "Usage overview")]
    [InlineData("usage/history?range=30d", "Usage history")]
    public void NavMenu_OnAPage_MarksOnlyThatPagesEntry(string relativeUri, string expected)
    {
        SignInAs(7, "someone@example.com", Roles.Reviewer, Roles.Executive);
        Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Equal([expected], ActiveLinkTexts(menu)));
    }

    [Fact]
    public void NavMenu_MovingFromTheQueueToTheStatistics_MovesTheMark()
    {
        SignInAs(7, "someone@example.com", Roles.Reviewer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("verification");
        var menu = Render<NavMenu>();
        menu.WaitForAssertion(() => Assert.Equal(["Verification queue"], ActiveLinkTexts(menu)));

        navigation.NavigateTo("verification/stats");

        menu.WaitForAssertion(() => Assert.Equal(["Reviewer statistics"], ActiveLinkTexts(menu)));
    }

    private static List<string> ActiveLinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim()).ToList();

    private static List<string> LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
}
