using System.Security.Claims;
using Dashboard.Audit;
using Dashboard.Data.Identity;

namespace Dashboard.Tests.Audit;

public sealed class AuditVisibilityTests
{
    [Fact]
    public void VisibleEntityTypes_Admin_IsNullForEverything() =>
        Assert.Null(AuditVisibility.VisibleEntityTypes(UserWith(Roles.Admin, Roles.Reviewer)));

    [Theory]
    [InlineData(Roles.Reviewer, "VerificationRequest,Business")]
    [InlineData(Roles.SeniorReviewer, "VerificationRequest,Business")]
    [InlineData(Roles.AccountManager, "Business,Subscription,Tier,TierVersion")]
    [InlineData(Roles.Executive, "Subscription,Tier,TierVersion")]
    public void VisibleEntityTypes_OneRole_IsThatRolesTypes(string role, string expected) =>
        Assert.Equal(expected.Split(','), AuditVisibility.VisibleEntityTypes(UserWith(role)));

    [Fact]
    public void VisibleEntityTypes_ReviewerAndExecutive_IsTheUnionWithoutUsersOrKeys()
    {
        var visible = AuditVisibility.VisibleEntityTypes(UserWith(Roles.Reviewer, Roles.Executive))!;

        Assert.Equal(["Business", "Subscription", "Tier", "TierVersion", "VerificationRequest"], visible.Order());
        Assert.DoesNotContain("User", visible);
        Assert.DoesNotContain("ApiKey", visible);
    }

    [Fact]
    public void VisibleEntityTypes_NoRole_IsEmpty() =>
        Assert.Empty(AuditVisibility.VisibleEntityTypes(UserWith())!);

    [Fact]
    public void SelectableEntityTypes_Admin_OffersEveryType() =>
        Assert.Equal(AuditVisibility.EntityTypes, AuditVisibility.SelectableEntityTypes(UserWith(Roles.Admin)));

    private static ClaimsPrincipal UserWith(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "Cookies", ClaimTypes.Name, ClaimTypes.Role));
}
