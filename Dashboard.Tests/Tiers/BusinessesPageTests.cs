using Bunit;
using Dashboard.Data.Businesses;
using Dashboard.Data.Demo;
using Dashboard.Data.Identity;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tiers;

/// <summary>The businesses list over seeded demo data: filters in the store and in the URL.</summary>
public sealed class BusinessesPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private AdminTestServices _services = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        var manager = await _services.AddUserAsync("sofia@example.test", Roles.AccountManager);
        await _services.Get<DemoDataSeeder>().SeedAsync(new DemoSeedOptions { BusinessCount = 200 }, Ct);
        _services.AddTo(_context, AdminTestServices.PrincipalOf(manager));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Search_EachFilter_ReturnsOnlyMatchingBusinesses()
    {
        var store = _services.Get<IBusinessStore>();

        var enterprise = await store.SearchAsync(new BusinessQuery { Tier = "enterprise", Take = 200 }, Ct);
        var verifiedGerman = await store.SearchAsync(new BusinessQuery { Country = "de", Verified = true, Take = 200 }, Ct);
        var banks = await store.SearchAsync(new BusinessQuery { Category = "Bank", Verified = false, Take = 200 }, Ct);
        var all = await store.SearchAsync(new BusinessQuery { Take = 200 }, Ct);

        Assert.NotEmpty(enterprise.Items);
        Assert.All(enterprise.Items, b => Assert.Equal("enterprise", b.TierCode));
        Assert.All(verifiedGerman.Items, b => Assert.True(b.Country == "DE" && b.IsVerified));
        Assert.All(banks.Items, b => Assert.True(b.Category == "Bank" && !b.IsVerified));
        Assert.True(enterprise.Total < all.Total);
        Assert.Equal(all.Items.Count(b => b.TierCode == "enterprise"), enterprise.Total);
    }

    [Fact]
    public void Page_InGerman_ShowsGermanHeadingsFiltersAndCategories()
    {
        using var german = new GermanCulture();
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/businesses?category=Insurer");

        var page = AdminTestServices.RenderWithProviders<BusinessesPage>(_context);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")));
        Assert.Equal("Geschäftskunden", page.Find("h1").TextContent.Trim());
        Assert.Equal(["ID", "Unternehmen", "Branche", "Land", "Telefon", "Registernummer", "Tarif", "Größe", "Verifiziert"],
            page.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.All(page.FindAll("tbody tr"), row => Assert.Contains("Versicherung", row.TextContent, StringComparison.Ordinal));
        Assert.Contains("Zeilen pro Seite", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_FiltersInTheUrl_AreApplied()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/businesses?tier=enterprise&verified=yes");

        var page = AdminTestServices.RenderWithProviders<BusinessesPage>(_context);

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr");
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Contains("Enterprise", row.TextContent, StringComparison.Ordinal));
        });
    }
}
