using System.Security.Claims;
using Dashboard.Data.Tiers;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>
/// Moves a tier's businesses from older versions to its latest version: the impact is previewed first, and the move
/// applies only to the set of businesses previewed; closes with the <see cref="TierMoveResult"/>.
/// </summary>
public partial class MoveTierDialog
{
    private const int MaxSkippedShown = 10;

    private readonly HashSet<int> _selected = [];
    private IReadOnlyList<CatalogueVersion> _older = [];
    private CatalogueVersion _latest = new();
    private TierMovePreview? _preview;
    private string? _error;
    private bool _loading = true;
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

    private string ApplyText => _preview is { Affected: > 0 } preview
        ? L["Move", TierCatalogueText.Businesses(preview.Affected)]
        : L["NothingToMove"];

    protected override async Task OnInitializedAsync()
    {
        _latest = Tier.Latest ?? new CatalogueVersion();
        _older = Tier.Versions.Where(v => v.VersionNumber < _latest.VersionNumber).ToList();
        _selected.UnionWith(_older.Select(v => v.VersionNumber));
        await PreviewAsync();
    }

    private async Task ToggleAsync(int version, bool on)
    {
        if (on)
        {
            _selected.Add(version);
        }
        else
        {
            _selected.Remove(version);
        }

        _error = null;
        await PreviewAsync();
    }

    private async Task PreviewAsync()
    {
        _loading = true;
        try
        {
            _preview = await Catalogue.PreviewMoveAsync(ActingUser, Tier.Id, _selected.ToList(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is CatalogueRuleException or UnauthorizedAccessException)
        {
            _preview = null;
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ApplyAsync()
    {
        if (_preview is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Catalogue.MoveAsync(ActingUser, RemoteIp, _preview, CancellationToken.None);
            Dialog?.Close(DialogResult.Ok(result));
        }
        catch (Exception ex) when (ex is CatalogueRuleException or UnauthorizedAccessException)
        {
            _error = ex.Message;

            // The numbers the administrator confirmed no longer hold: show what a move would do now.
            if (ex is CatalogueRuleException)
            {
                await PreviewAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color MrrColor(long cents) => cents > 0 ? Color.Success : cents < 0 ? Color.Error : Color.Default;

    private void Cancel() => Dialog?.Cancel();
}
