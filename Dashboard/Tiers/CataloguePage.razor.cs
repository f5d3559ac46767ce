using System.Security.Claims;
using Dashboard.Data.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>
/// The tier catalogue: each tier's version in force with its price, limits and features, the businesses on each version,
/// and every version before it. Administrators add versions and move businesses to a tier's latest version from here.
/// </summary>
public partial class CataloguePage
{
    private static readonly DialogOptions s_dialogOptions = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };

    private IReadOnlyList<CatalogueTier> _tiers = [];
    private DateTimeOffset _now;
    private bool _loading = true;
    private bool _canEdit;
    private string? _error;
    private ClaimsPrincipal _user = new();
    private string? _remoteIp;

    [Inject]
    public required TierCatalogueService Catalogue { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IHttpContextAccessor HttpContextAccessor { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

        // Read once, while the request or the circuit's connection is at hand; the audit log keeps null when it is not known.
        _remoteIp = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        _canEdit = await Catalogue.CanEditAsync(_user);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _now = Catalogue.Now;
            _tiers = await Catalogue.ListAsync(_user, CancellationToken.None);
            _error = null;
        }
        catch (UnauthorizedAccessException ex)
        {
            _tiers = [];
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private bool HasOlderBusinesses(CatalogueTier tier) =>
        tier.Latest is { } latest && tier.Versions.Any(v => v.VersionNumber < latest.VersionNumber && v.Businesses > 0);

    private string EffectiveText(CatalogueVersion version) =>
        version.EffectiveFrom > _now
            ? L["ScheduledFrom", TierCatalogueText.Date(version.EffectiveFrom)]
            : TierCatalogueText.Date(version.EffectiveFrom);

    private static IEnumerable<(string Name, bool On)> Features(CatalogueVersion version) =>
    [
        (TierCatalogueText.VerifiedMarker, version.VerifiedMarkerEligible),
        (TierCatalogueText.ApiAccess, version.ApiAccess),
        (TierCatalogueText.BroadcastCampaigns, version.BroadcastCampaigns),
        (TierCatalogueText.Analytics, version.Analytics),
    ];

    private async Task EditAsync(CatalogueTier tier)
    {
        var parameters = new DialogParameters<EditTierDialog>
        {
            { d => d.Tier, tier },
            { d => d.ActingUser, _user },
            { d => d.RemoteIp, _remoteIp },
        };
        var dialog = await Dialogs.ShowAsync<EditTierDialog>(L["EditLabel", tier.Name], parameters, s_dialogOptions);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CatalogueVersion created })
        {
            Snackbar.Add(
                L["Saved", tier.Name, created.VersionNumber, TierCatalogueText.Date(created.EffectiveFrom)],
                Severity.Success);
        }

        // A conflict inside the dialog also means the catalogue is stale, so it is reloaded either way.
        await LoadAsync();
    }

    private async Task MoveAsync(CatalogueTier tier)
    {
        var parameters = new DialogParameters<MoveTierDialog>
        {
            { d => d.Tier, tier },
            { d => d.ActingUser, _user },
            { d => d.RemoteIp, _remoteIp },
        };
        var dialog = await Dialogs.ShowAsync<MoveTierDialog>(L["MoveTitle", tier.Name, tier.Latest?.VersionNumber ?? 0], parameters, s_dialogOptions);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: TierMoveResult moved })
        {
            Snackbar.Add(
                L["Moved", TierCatalogueText.Businesses(moved.Moved), tier.Name, tier.Latest?.VersionNumber ?? 0, TierCatalogueText.SignedEur(moved.MonthlyChangeCents)],
                Severity.Success);
        }

        await LoadAsync();
    }
}
