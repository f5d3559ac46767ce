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
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>(L["CreateKeyTitle"], parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreatedApiKey created })
        {
            await LoadAsync();
            await SecretDialog.ShowAsync(Dialogs, L["KeyTitle", created.Name],
                L["KeyIntro", ApiKeyAuthenticationHandler.HeaderName, string.Join(", ", created.Scopes)],
                created.Key,
                L["KeyNote"]);
        }
    }

    private async Task RevokeAsync(ApiKeyRecord key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["RevokeQuestion", key.Name],
            L["RevokeExplained"],
            yesText: L["Revoke"], cancelText: S["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var revoked = await ApiKeys.RevokeAsync(ActingUser, RemoteIp, key.Name, CancellationToken.None);
            Snackbar.Add(revoked ? L["RevokedNow", key.Name] : L["RevokedAlready", key.Name], revoked ? Severity.Success : Severity.Info);
        }
        catch (Exception ex) when (AdminText.Describe(ex) is { } message)
        {
            Snackbar.Add(message, Severity.Error);
        }

        await LoadAsync();
    }
}
