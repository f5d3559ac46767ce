using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Admin;

/// <summary>Creates a user; closes with the <see cref="CreatedUser"/> (and its one-time password) only when the user exists.</summary>
public partial class CreateUserDialog
{
    private string _email = "";
    private string _displayName = "";
    private IReadOnlyCollection<string> _roles = [];
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

    private async Task SubmitAsync()
    {
        _busy = true;
        try
        {
            var created = await Users.CreateAsync(ActingUser, RemoteIp, _email, _displayName, _roles.ToList(), CancellationToken.None);
            Dialog?.Close(DialogResult.Ok(created));
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
