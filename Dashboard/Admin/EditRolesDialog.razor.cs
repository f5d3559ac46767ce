using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Admin;

/// <summary>Edits a user's roles against the version the administrator loaded; a stale version is refused, never overwritten.</summary>
public partial class EditRolesDialog
{
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private string? _error;
    private bool _busy;

    [Inject]
    public required UserAdministration Users { get; init; }

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public required ClaimsPrincipal ActingUser { get; set; }

    [Parameter]
    public string? RemoteIp { get; set; }

    [Parameter, EditorRequired]
    public required UserAccount User { get; set; }

    [Parameter]
    public bool IsSelf { get; set; }

    protected override void OnInitialized() => _selected.UnionWith(User.Roles);

    private void Toggle(string role, bool on)
    {
        if (on)
        {
            _selected.Add(role);
        }
        else
        {
            _selected.Remove(role);
        }
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var roles = Roles.All.Where(_selected.Contains).ToList();
            await Users.SetRolesAsync(ActingUser, RemoteIp, User.Id, roles, User.Version, CancellationToken.None);
            Dialog?.Close(DialogResult.Ok(roles));
        }
        catch (ConcurrencyConflictException)
        {
            _error = L["Conflict", User.Email];
        }
        catch (Exception ex) when (AdminText.Describe(ex) is { } message)
        {
            _error = message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog?.Cancel();
}
