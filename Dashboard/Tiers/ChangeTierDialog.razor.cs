using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>
/// Change a business's tier: the form on the left of every decision, and below it what the change would do —
/// proration, features and limits lost, recent usage above the new limits, and whether a second person must approve.
/// The preview is worked out by the same service that writes the change, so what is shown is what happens.
/// </summary>
public partial class ChangeTierDialog
{
    private readonly Form _form = new();
    private IReadOnlyList<TierOffer> _offers = [];
    private TierChangePreview? _preview;
    private IReadOnlyDictionary<string, string> _serverErrors = new Dictionary<string, string>();
    private string? _loadError;
    private string? _submitError;
    private bool _attempted;
    private bool _busy;
    private bool _downgradeAcknowledged;
    private ClaimsPrincipal _user = new();
    private int _previewSequence;

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public long BusinessId { get; set; }

    [Inject]
    public required TierChangeService Changes { get; init; }

    [Inject]
    public required AuthenticationStateProvider Authentication { get; init; }

    [Inject]
    public required IOptions<TierChangeOptions> Options { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private int GraceDays => Options.Value.NonSmeFreeGraceDays;

    private DateTime Today => Time.GetUtcNow().UtcDateTime.Date;

    private string? GeneralError => _submitError ?? (_preview?.Errors.TryGetValue("", out var error) == true ? error : null);

    private bool CanSubmit => !_busy && _preview?.Target is not null && (!_preview.IsDowngradeRisk || _downgradeAcknowledged);

    private string SubmitText => _preview switch
    {
        null or { Target: null } => L["SubmitChange"],
        { NeedsApproval: true } => L["SubmitForApproval"],
        { Immediate: true } => L["SubmitNow"],
        var p => L["SubmitSchedule", CultureFormat.Date(p.EffectiveAt)],
    };

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        try
        {
            _offers = await Changes.OffersAsync(_user, CancellationToken.None);
            await RefreshPreviewAsync();
        }
        catch (UnauthorizedAccessException ex)
        {
            _loadError = ex.Message;
        }
    }

    private Task TierChangedAsync(string code) => SetAsync(() =>
    {
        _form.TierCode = code;
        _downgradeAcknowledged = false;
    });

    private async Task SetAsync(Action change)
    {
        change();
        _submitError = null;
        _serverErrors = new Dictionary<string, string>();
        await RefreshPreviewAsync();
    }

    private async Task RefreshPreviewAsync()
    {
        var sequence = ++_previewSequence;
        try
        {
            var preview = await Changes.PreviewAsync(_user, _form.ToRequest(BusinessId), CancellationToken.None);
            if (sequence == _previewSequence)
            {
                _preview = preview;
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or NotFoundException)
        {
            _loadError = ex.Message;
        }
    }

    private async Task SubmitAsync()
    {
        _attempted = true;
        await RefreshPreviewAsync();
        if (_preview is null || !_preview.IsValid)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Changes.SubmitAsync(_user, _form.ToRequest(BusinessId), CancellationToken.None);
            Dialog!.Close(DialogResult.Ok(outcome));
        }
        catch (TierChangeRefusedException ex)
        {
            _serverErrors = ex.Errors;
            _submitError = ex.Errors.TryGetValue("", out var general) ? general : null;
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or UnauthorizedAccessException or NotFoundException or InvalidOperationException)
        {
            _submitError = ex is ConcurrencyConflictException
                ? L["Conflict"]
                : ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog!.Cancel();

    private bool HasError(string field) => ErrorOf(field) is not null;

    /// <summary>Field errors show as soon as a value is entered; those about missing values only once the user tries to confirm.</summary>
    private string? ErrorOf(string field)
    {
        if (_serverErrors.TryGetValue(field, out var server))
        {
            return server;
        }

        if (_preview is null || !_preview.Errors.TryGetValue(field, out var error))
        {
            return null;
        }

        return _attempted || field is not (nameof(TierChangeRequest.Reason) or nameof(TierChangeRequest.TierCode)) ? error : null;
    }

    /// <summary>The date pattern of the pickers: the reader's way of writing a day.</summary>
    private static string DateFormat => CultureFormat.Pattern("yyyy-MM-dd", "dd.MM.yyyy");

    private static string Euro(long cents) => TierCatalogueText.Eur(cents);

    private static string SignedEuro(long cents) => (cents > 0 ? "+" : "") + Euro(cents);

    private string LimitHelp(int? tierLimit) => _preview?.Target is null
        ? L["LimitHelpEmpty"]
        : L["LimitHelp", tierLimit is { } limit ? CultureFormat.Number(limit) : TierCatalogueText.Limit(null)];

    private static Color DirectionColor(string direction) => direction switch
    {
        "Upgrade" => Color.Success,
        "Downgrade" => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The form's values as the user enters them.</summary>
    private sealed class Form
    {
        public string TierCode { get; set; } = "";

        public DateTime? StartsOn { get; set; }

        public DateTime? FreeUntil { get; set; }

        public int? DiscountPercent { get; set; }

        public DateTime? DiscountEndsOn { get; set; }

        public decimal? PriceOverrideEur { get; set; }

        public int? ConversationsOverride { get; set; }

        public int? AgentSeatsOverride { get; set; }

        public DateTime? OverridesEndOn { get; set; }

        public string Reason { get; set; } = "";

        public TierChangeRequest ToRequest(long businessId) => new()
        {
            BusinessId = businessId,
            TierCode = TierCode,
            StartsOn = Day(StartsOn),
            FreeUntil = Day(FreeUntil),
            DiscountPercent = DiscountPercent,
            DiscountEndsOn = Day(DiscountEndsOn),
            PriceOverrideCents = PriceOverrideEur is { } eur ? (long)Math.Round(eur * 100m, MidpointRounding.AwayFromZero) : null,
            ConversationsOverride = ConversationsOverride,
            AgentSeatsOverride = AgentSeatsOverride,
            OverridesEndOn = Day(OverridesEndOn),
            Reason = Reason,
        };

        private static DateOnly? Day(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
    }
}
