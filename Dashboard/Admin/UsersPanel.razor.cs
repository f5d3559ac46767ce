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

    private string CountText => _loading ? L["Loading"] : _users.Count == 1 ? L["OneUser"] : L["ManyUsers", _users.Count.ToString("N0", CultureInfo.CurrentCulture)];

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
        user.IsDisabled ? L["StatusDisabled"]
        : user.IsLockedOut(Time.GetUtcNow()) ? L["StatusLocked", AdminText.Time(user.LockoutEnd)]
        : L["StatusActive"];

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
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>(L["CreateUser"], parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreatedUser created })
        {
            await LoadAsync();
            await SecretDialog.ShowAsync(Dialogs, L["PasswordFor", created.Email],
                L["GivePasswordNew", created.Email],
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
        var dialog = await Dialogs.ShowAsync<EditRolesDialog>(L["RolesOf", user.Email], parameters, DialogDefaults.Form);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(L["RolesSaved", user.Email], Severity.Success);
        }

        // A conflict inside the dialog also means the list is stale, so it is reloaded either way.
        await LoadAsync();
    }

    private async Task SetDisabledAsync(UserAccount user, bool disabled)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            disabled ? L["DisableQuestion", user.Email] : L["EnableQuestion", user.Email],
            disabled
                ? L["DisableExplained"]
                : L["EnableExplained"],
            yesText: disabled ? L["Disable"] : L["Enable"], cancelText: S["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Users.SetDisabledAsync(ActingUser, RemoteIp, user.Id, disabled, user.Version, CancellationToken.None);
            Snackbar.Add(disabled ? L["Disabled", user.Email] : L["Enabled", user.Email], Severity.Success);
        });
    }

    private async Task ResetPasswordAsync(UserAccount user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["ResetQuestion", user.Email],
            L["ResetExplained"],
            yesText: L["ResetPassword"], cancelText: S["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        string? password = null;
        await RunAsync(async () => password = await Users.ResetPasswordAsync(ActingUser, RemoteIp, user.Id, user.Version, CancellationToken.None));
        if (password is not null)
        {
            await SecretDialog.ShowAsync(Dialogs, L["NewPasswordFor", user.Email],
                L["GivePassword", user.Email], password);
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
