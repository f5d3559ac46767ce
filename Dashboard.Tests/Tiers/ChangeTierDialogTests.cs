using Bunit;
using Dapper;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Tiers;
using Dashboard.Tests.Support;
using Dashboard.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Dashboard.Tests.Tiers;

/// <summary>The change-tier dialog over the real service and a migrated database, on 10 November 2026.</summary>
public sealed class ChangeTierDialogTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));
    private AdminTestServices _services = null!;
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> _host = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = await AdminTestServices.CreateAsync();
        var manager = await _services.AddUserAsync("sofia@example.test", Roles.AccountManager);
        _context.Services.AddSingleton<TimeProvider>(_time);
        _services.AddTo(_context, AdminTestServices.PrincipalOf(manager));
        _context.SetRendererInfo(new RendererInfo("Server", true));
        _host = _context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task ChoosingALowerTier_ShowsWhatIsLost_AndAsksForAcknowledgementBeforeConfirming()
    {
        var id = await BusinessAsync("enterprise");
        await UsageAsync(id, (1, 12_000), (2, 9_000));
        await OpenAsync(id);

        PickTier("Business");

        _host.WaitForAssertion(() => Assert.Equal("Downgrade", _host.Find("[data-testid=change-direction]").TextContent.Trim()));
        var check = _host.Find("[data-testid=change-downgrade]").TextContent;
        Assert.Contains("Support SLA: 4 hours, 24/7 becomes Next business day", check, StringComparison.Ordinal);
        Assert.Contains("Conversations per 24 h: unlimited becomes 10,000", check, StringComparison.Ordinal);
        Assert.Contains("On 1 of the last 30 days", check, StringComparison.Ordinal);
        Assert.Matches(@"net\s+−€3,093\.75", _host.Find("[data-testid=change-proration]").TextContent);
        Assert.True(SubmitButton().HasAttribute("disabled"));

        _host.Find("input[data-testid=change-acknowledge]").Change(true);

        _host.WaitForAssertion(() => Assert.False(SubmitButton().HasAttribute("disabled")));
        Assert.Equal("Change now", SubmitButton().TextContent.Trim());
    }

    [Fact]
    public async Task InGerman_ThePreviewSpeaksGerman_WithGermanNumbersEurosAndDates()
    {
        using var german = new GermanCulture();
        var id = await BusinessAsync("enterprise");
        await UsageAsync(id, (1, 12_000), (2, 9_000));
        await OpenAsync(id);

        PickTier("Business");

        _host.WaitForAssertion(() => Assert.Equal("Downgrade", _host.Find("[data-testid=change-direction]").TextContent.Trim()));
        var check = _host.Find("[data-testid=change-downgrade]").TextContent;
        Assert.Contains("Vor dem Bestätigen prüfen", check, StringComparison.Ordinal);
        Assert.Contains("Unterhaltungen pro 24 h: unbegrenzt wird zu 10.000", check, StringComparison.Ordinal);
        Assert.Contains("An 1 der letzten 30 Tage", check, StringComparison.Ordinal);
        var proration = _host.Find("[data-testid=change-proration]").TextContent;
        Assert.Contains("Anteilige Abrechnung für November 2026", proration, StringComparison.Ordinal);
        Assert.Matches(@"netto\s+−3\.093,75 €", proration);
        Assert.Contains("pro Monat, ab sofort", _host.Find("[data-testid=change-preview]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Derzeit Enterprise", _host.Find("[data-testid=change-current]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("per month", _host.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Check before confirming", _host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InGerman_AMissingReason_IsExplainedInGerman()
    {
        using var german = new GermanCulture();
        var id = await BusinessAsync("business");
        await OpenAsync(id);
        PickTier("Enterprise");
        _host.WaitForAssertion(() => Assert.Equal("Jetzt ändern", SubmitButton().TextContent.Trim()));

        await _host.InvokeAsync(() => SubmitButton().Click());

        _host.WaitForAssertion(() => Assert.Contains("Geben Sie an, warum sich der Tarif ändert", _host.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscountAboveThreshold_SaysItNeedsApproval_AndSubmitsAChangeThatWaits()
    {
        var id = await BusinessAsync("business");
        var dialog = await OpenAsync(id);

        PickTier("Enterprise");
        _host.WaitForAssertion(() => _host.Find("input[data-testid=change-discount]"));
        _host.Find("input[data-testid=change-starts-on]").Change("2026-12-01");
        _host.Find("input[data-testid=change-discount]").Change("30");
        _host.Find("input[data-testid=change-discount-ends]").Change("2027-06-01");
        _host.Find("textarea[data-testid=change-reason]").Change("Renewal with an introductory discount");

        _host.WaitForAssertion(() => Assert.Contains("30 % below the list price", _host.Find("[data-testid=change-approval]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Submit for approval", SubmitButton().TextContent.Trim());
        SubmitButton().Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var outcome = Assert.IsType<TierChangeOutcome>(result!.Data);
        Assert.Equal(SubscriptionStatus.PendingApproval, outcome.Status);
        var row = await _services.Get<ISubscriptionStore>().GetAsync(outcome.SubscriptionId, Ct);
        Assert.Equal((30, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (row!.DiscountPercent, row.EffectiveFrom));
    }

    [Fact]
    public async Task FutureStart_OffersToSchedule()
    {
        var id = await BusinessAsync("free");
        await OpenAsync(id);

        PickTier("Business");
        _host.Find("input[data-testid=change-starts-on]").Change("2026-12-01");

        _host.WaitForAssertion(() => Assert.Equal("Schedule for 2026-12-01", SubmitButton().TextContent.Trim()));
        Assert.Contains("from 2026-12-01", _host.Find("[data-testid=change-preview]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmWithoutReason_ShowsWhatIsMissing_AndWritesNothing()
    {
        var id = await BusinessAsync("free");
        var dialog = await OpenAsync(id);

        PickTier("Business");
        _host.WaitForAssertion(() => Assert.False(SubmitButton().HasAttribute("disabled")));
        Assert.DoesNotContain("Say why", _host.Markup, StringComparison.Ordinal);
        SubmitButton().Click();

        _host.WaitForAssertion(() => Assert.Contains("Say why the tier changes", _host.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Single(await _services.Get<ISubscriptionStore>().OpenRowsAsync(id, Ct));
    }

    [Fact]
    public async Task DiscountWithoutEndDate_IsFlaggedOnTheField()
    {
        var id = await BusinessAsync("business");
        await OpenAsync(id);

        PickTier("Enterprise");
        _host.WaitForAssertion(() => _host.Find("input[data-testid=change-discount]"));
        _host.Find("input[data-testid=change-discount]").Change("10");

        _host.WaitForAssertion(() => Assert.Contains("A discount needs an end date.", _host.Markup, StringComparison.Ordinal));
    }

    private AngleSharp.Dom.IElement SubmitButton() => _host.Find("button[data-testid=change-submit]");

    private async Task<IDialogReference> OpenAsync(long businessId)
    {
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ChangeTierDialog> { { d => d.BusinessId, businessId } };
        var reference = await _host.InvokeAsync(() => dialogs.ShowAsync<ChangeTierDialog>("Change tier", parameters));
        _host.WaitForAssertion(() => _host.Find("[data-testid=change-current]"));
        return reference;
    }

    private void PickTier(string name)
    {
        var select = _host.FindComponent<MudSelect<string>>();
        select.Find("div.mud-input-control").MouseDown();
        _host.WaitForAssertion(() => Assert.NotEmpty(_host.FindAll("div.mud-list-item")));
        _host.FindAll("div.mud-list-item").Single(i => i.TextContent.Trim().StartsWith(name + " ", StringComparison.Ordinal)).Click();
        _host.WaitForAssertion(() => Assert.Contains(name, _host.Find("[data-testid=change-preview]").TextContent, StringComparison.Ordinal));
    }

    private async Task<long> BusinessAsync(string tier)
    {
        await using var connection = await _services.Get<Database>().OpenAsync(Ct);
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Businesses (DisplayName, LegalName, Category, Country, PhoneE164, Employees, AnnualTurnoverEur, BalanceSheetEur, SmeStatus, CreatedAt, UpdatedAt)
            VALUES ('Huber Backstube', 'Huber Backstube GmbH', 'Retail', 'DE', '+4930123456', 20, 2000000, 2000000, 'Sme', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            SELECT last_insert_rowid();
            """);
        await connection.ExecuteAsync("""
            INSERT INTO Subscriptions (BusinessId, TierVersionId, EffectiveFrom, Status, ApprovalStatus, Reason, EnteredAt, Version)
            SELECT @Id, tv.Id, '2026-01-01T00:00:00.0000000Z', 'Active', 'NotRequired', 'At sign-up', '2026-01-01T00:00:00.0000000Z', 1
            FROM TierVersions tv JOIN Tiers t ON t.Id = tv.TierId WHERE t.Code = @Tier;
            """, new { Id = id, Tier = tier });
        return id;
    }

    private async Task UsageAsync(long businessId, params (int DaysAgo, long Conversations)[] days)
    {
        await using var connection = await _services.Get<Database>().OpenAsync(Ct);
        foreach (var (daysAgo, conversations) in days)
        {
            await connection.ExecuteAsync("INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@Id, @Day, @Conversations, @Messages);",
                new { Id = businessId, Day = new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero).AddDays(-daysAgo).ToUnixTimeSeconds(), Conversations = conversations, Messages = conversations * 10 });
        }
    }
}
