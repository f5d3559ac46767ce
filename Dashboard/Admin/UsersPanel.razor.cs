using System.Globalization;
using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Admin;

public partial class UsersPanel
{
    private IReadOnlyList<UserAccount> _users = [];
    private bool _loading = true;
    private string? _error;

    [Inject]
    public required UserAdministration Users { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter, EditorRequired]
    public required ClaimsPrincipal ActingUser { get; set; }

    [Parameter]
    public string? RemoteIp { get; set; }

    private string CountText => _loading ? "Loading…" : _users.Count == 1 ? "1 user" : $"{_users.Count} users";

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _users = await Users.ListAsync(ActingUser, CancellationToken.None);
            _error = null;
        }
        catch (UnauthorizedAccessException ex)
        {
            _error = ex.Message;
            _users = [];
        }
        finally
        {
            _loading = false;
        }
    }

    private bool IsSelf(UserAccount user) =>
        ActingUser.FindFirst(ConsoleClaims.UserId)?.Value == user.Id.ToString(CultureInfo.InvariantCulture);

    private string StatusText(UserAccount user) =>
        user.IsDisabled ? "Disabled"
        : user.IsLockedOut(Time.GetUtcNow()) ? $"Locked until {AdminText.Time(user.LockoutEnd)}"
        : "Active";

    private Color StatusColor(UserAccount user) =>
        user.IsDisabled ? Color.Default
        : user.IsLockedOut(Time.GetUtcNow()) ? Color.Warning
        : Color.Success;

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<CreateUserDialog>
        {
            { d => d.ActingUser, ActingUser },
            { d => d.RemoteIp, RemoteIp },
        };
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>("Create user", parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreatedUser created })
        {
            await LoadAsync();
            await SecretDialog.ShowAsync(Dialogs, $"Password for {created.Email}",
                $"Give this password to {created.Email} over a channel only they can read. They sign in with it at the console's login page.",
                created.Password);
        }
    }

    private async Task EditRolesAsync(UserAccount user)
    {
        var parameters = new DialogParameters<EditRolesDialog>
        {
            { d => d.ActingUser, ActingUser },
            { d => d.RemoteIp, RemoteIp },
            { d => d.User, user },
            { d => d.IsSelf, IsSelf(user) },
        };
        var dialog = await Dialogs.ShowAsync<EditRolesDialog>($"Roles of {user.Email}", parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"Roles of {user.Email} saved. Their open sessions end and they sign in again with the new roles.", Severity.Success);
        }

        // A conflict inside the dialog also means the list is stale, so it is reloaded either way.
        await LoadAsync();
    }

    private async Task SetDisabledAsync(UserAccount user, bool disabled)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            disabled ? $"Disable {user.Email}?" : $"Enable {user.Email}?",
            disabled
                ? "They are signed out at their next request and cannot sign in until an administrator enables the account again."
                : "They can sign in again with their current password and roles.",
            yesText: disabled ? "Disable" : "Enable", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Users.SetDisabledAsync(ActingUser, RemoteIp, user.Id, disabled, user.Version, CancellationToken.None);
            Snackbar.Add(disabled ? $"{user.Email} is disabled." : $"{user.Email} is enabled.", Severity.Success);
        });
    }

    private async Task ResetPasswordAsync(UserAccount user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Reset the password of {user.Email}?",
            "Their current password stops working at once, open sessions end, and a lockout is cleared. The new password is shown once.",
            yesText: "Reset password", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        string? password = null;
        await RunAsync(async () => password = await Users.ResetPasswordAsync(ActingUser, RemoteIp, user.Id, user.Version, CancellationToken.None));
        if (password is not null)
        {
            await SecretDialog.ShowAsync(Dialogs, $"New password for {user.Email}",
                $"Give this password to {user.Email} over a channel only they can read.", password);
        }
    }

    /// <summary>Runs one change; a failure the administrator can act on becomes a message, and the list is reloaded either way.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (Exception ex) when (AdminText.Describe(ex) is { } message)
        {
            Snackbar.Add(message, Severity.Error);
        }

        await LoadAsync();
    }
}
