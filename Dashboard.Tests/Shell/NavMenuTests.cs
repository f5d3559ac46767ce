using Bunit;
using Dashboard.Data.Identity;
using Dashboard.Shell;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Shell;

public sealed class NavMenuTests : ConsoleBunitContext
{
    [Theory]
    [InlineData(Roles.Reviewer, new[] { "Verification queue", "Audit log" })]
    [InlineData(Roles.SeniorReviewer, new[] { "Verification queue", "Audit log" })]
    [InlineData(Roles.AccountManager, new[] { "Businesses", "Audit log" })]
    [InlineData(Roles.Executive, new[] { "Usage overview", "Audit log" })]
    [InlineData(Roles.Admin, new[] { "Usage overview", "Administration", "Audit log" })]
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

        menu.WaitForAssertion(() => Assert.Equal(["Verification queue", "Businesses", "Audit log"], LinkTexts(menu)));
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

    private static List<string> LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
}
