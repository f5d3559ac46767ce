using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Platform;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Admin;

public partial class ApiKeysPanel
{
    private IReadOnlyList<ApiKeyRecord> _keys = [];
    private bool _loading = true;
    private string? _error;

    [Inject]
    public required ApiKeyAdministration ApiKeys { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public required ClaimsPrincipal ActingUser { get; set; }

    [Parameter]
    public string? RemoteIp { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            // Active keys first, each group by name.
            _keys = (await ApiKeys.ListAsync(ActingUser, CancellationToken.None)).OrderBy(k => k.IsRevoked).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ToList();
            _error = null;
        }
        catch (UnauthorizedAccessException ex)
        {
            _error = ex.Message;
            _keys = [];
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<CreateApiKeyDialog>
        {
            { d => d.ActingUser, ActingUser },
            { d => d.RemoteIp, RemoteIp },
        };
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>("Create API key", parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreatedApiKey created })
        {
            await LoadAsync();
            await SecretDialog.ShowAsync(Dialogs, $"API key {created.Name}",
                $"Configure the service to send this key in the {ApiKeyAuthenticationHandler.HeaderName} header. Scopes: {string.Join(", ", created.Scopes)}.",
                created.Key,
                "This key is shown once. Store it now in the service's secret store: only its hash is kept, so it cannot be shown again.");
        }
    }

    private async Task RevokeAsync(ApiKeyRecord key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Revoke {key.Name}?",
            "Requests with this key are refused from now on. A revoked key cannot be restored; the service needs a new key.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var revoked = await ApiKeys.RevokeAsync(ActingUser, RemoteIp, key.Name, CancellationToken.None);
            Snackbar.Add(revoked ? $"{key.Name} is revoked." : $"{key.Name} was revoked already.", revoked ? Severity.Success : Severity.Info);
        }
        catch (Exception ex) when (AdminText.Describe(ex) is { } message)
        {
            Snackbar.Add(message, Severity.Error);
        }

        await LoadAsync();
    }
}
