using System.Security.Claims;
using Dashboard.Data.Tiers;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>
/// Adds a tier version, prefilled from the latest one. It is saved against the version number the administrator started
/// from, so a version someone else added meanwhile is never overtaken; closes with the new <see cref="CatalogueVersion"/>.
/// </summary>
public partial class EditTierDialog
{
    private TierVersionDraft _draft = new();
    private CatalogueVersion _latest = new();
    private IReadOnlyList<DraftError> _errors = [];
    private IReadOnlyList<string> _formErrors = [];
    private IReadOnlyList<LimitField> _limits = [];
    private DateTime? _effectiveDate;
    private string? _error;
    private bool _busy;

    [Inject]
    public required TierCatalogueService Catalogue { get; init; }

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public required CatalogueTier Tier { get; set; }

    [Parameter, EditorRequired]
    public required ClaimsPrincipal ActingUser { get; set; }

    [Parameter]
    public string? RemoteIp { get; set; }

    private DateTime MinDate => Catalogue.Today.ToDateTime(TimeOnly.MinValue);

    protected override void OnInitialized()
    {
        _latest = Tier.Latest ?? new CatalogueVersion();
        var today = Catalogue.Today;
        var latestDate = DateOnly.FromDateTime(_latest.EffectiveFrom.UtcDateTime);
        _draft = TierVersionDraft.From(_latest, latestDate > today ? latestDate : today);
        _effectiveDate = _draft.EffectiveDate?.ToDateTime(TimeOnly.MinValue);
        _limits =
        [
            new(TierCatalogueText.Conversations, "conversations", nameof(TierVersionDraft.ConversationsPer24h),
                () => _draft.ConversationsPer24h, v => _draft.ConversationsPer24h = v,
                () => _draft.ConversationsUnlimited, on => _draft.ConversationsUnlimited = on),
            new(TierCatalogueText.AgentSeats, "seats", nameof(TierVersionDraft.AgentSeats),
                () => _draft.AgentSeats, v => _draft.AgentSeats = v,
                () => _draft.AgentSeatsUnlimited, on => _draft.AgentSeatsUnlimited = on),
            new(TierCatalogueText.PhoneNumbers, "phones", nameof(TierVersionDraft.PhoneNumbers),
                () => _draft.PhoneNumbers, v => _draft.PhoneNumbers = v,
                () => _draft.PhoneNumbersUnlimited, on => _draft.PhoneNumbersUnlimited = on),
        ];
    }

    private void SetEffectiveDate(DateTime? date)
    {
        _effectiveDate = date;
        _draft.EffectiveDate = date is { } d ? DateOnly.FromDateTime(d) : null;
    }

    private bool HasError(string field) => _errors.Any(e => e.Field == field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(e => e.Field == field)?.Message;

    private void ShowErrors(IReadOnlyList<DraftError> errors)
    {
        _errors = errors;
        _formErrors = errors.Where(e => e.Field.Length == 0).Select(e => e.Message).ToList();
    }

    private async Task SaveAsync()
    {
        _error = null;
        ShowErrors(Catalogue.Validate(_draft, _latest));
        if (_errors.Count > 0)
        {
            return;
        }

        _busy = true;
        try
        {
            var created = await Catalogue.CreateVersionAsync(ActingUser, RemoteIp, Tier.Id, _latest.VersionNumber, _draft, CancellationToken.None);
            Dialog?.Close(DialogResult.Ok(created));
        }
        catch (TierDraftException invalid)
        {
            ShowErrors(invalid.Errors);
        }
        catch (Exception ex) when (ex is CatalogueRuleException or UnauthorizedAccessException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog?.Cancel();

    /// <summary>One limit of the form: its value, and whether it is unlimited instead.</summary>
    private sealed record LimitField(
        string Name, string Key, string Field, Func<int?> Get, Action<int?> Set, Func<bool> IsUnlimited, Action<bool> SetUnlimited);
}
