using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Admin;

/// <summary>Creates an API key; closes with the <see cref="Platform.CreatedApiKey"/> (and the key itself) only when it is stored.</summary>
public partial class CreateApiKeyDialog
{
    private readonly HashSet<string> _scopes = new(StringComparer.Ordinal);
    private string _name = "";
    private string? _error;
    private bool _busy;

    [Inject]
    public required ApiKeyAdministration ApiKeys { get; init; }

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public required ClaimsPrincipal ActingUser { get; set; }

    [Parameter]
    public string? RemoteIp { get; set; }


    private void Toggle(string scope, bool on)
    {
        if (on)
        {
            _scopes.Add(scope);
        }
        else
        {
            _scopes.Remove(scope);
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        try
        {
            var scopes = ApiScopes.All.Where(_scopes.Contains).ToList();
            var created = await ApiKeys.CreateAsync(ActingUser, RemoteIp, _name, scopes, CancellationToken.None);
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
