using System.Globalization;
using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Platform;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace Dashboard.Shell;

public partial class MainLayout
{
    private ConsoleThemeProvider? _themeProvider;
    private bool _dockedClosed;
    private bool _overlaidOpen;
    private bool _isDarkMode;
    private string _themePreference = UserThemes.System;
    private long? _userId;
    private bool _interactive;
    private ErrorBoundary? _errorBoundary;

    [Inject]
    public required IAccountStore Accounts { get; init; }

    [Inject]
    public required IOptions<DemoOptions> Demo { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>MudBlazor's icon button in the app bar's own colour.</summary>
    private const string IconButtonClass = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    private bool DemoMode => Demo.Value.Enabled;

    private static string CurrentLanguage =>
        ConsoleLocalization.Normalise(CultureInfo.CurrentUICulture.Name) ?? ConsoleLocalization.Languages[0];

    /// <summary>Each language is named in itself, so that a reader finds theirs whatever the page's language.</summary>
    private static string LanguageName(string language) => language switch
    {
        "de" => "Deutsch",
        _ => "English",
    };

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        var user = (await AuthenticationState).User;
        if (long.TryParse(user.FindFirstValue(Identity.ConsoleClaims.UserId), out var id))
        {
            _userId = id;
            try
            {
                var account = await Accounts.FindByIdAsync(id, CancellationToken.None);
                _themePreference = UserThemes.Normalise(account?.Theme);
            }
            catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
            {
                // The page says that the database is out of reach; the theme falls back to the system's meanwhile.
                _themePreference = UserThemes.System;
            }

            _isDarkMode = _themePreference == UserThemes.Dark;
        }
    }

    /// <summary>
    /// The frame's state for the style sheet: whether the docked navigation (wide screens) is closed and whether the
    /// overlaid one (narrow screens) is open. Which of the two applies is the style sheet's choice, by the window's width.
    /// </summary>
    private string ShellClass =>
        "console-shell" + (_dockedClosed ? " nav-docked-closed" : "") + (_overlaidOpen ? " nav-overlaid-open" : "");

    // A new page starts without the previous page's error, and without the navigation laid over it.
    protected override void OnParametersSet()
    {
        _errorBoundary?.Recover();
        _overlaidOpen = false;
    }

    private void Recover() => _errorBoundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Marks the page as live (the circuit is connected), for people and tests alike.
        _interactive = true;
        if (_themePreference == UserThemes.System && _themeProvider is not null)
        {
            _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
        }

        StateHasChanged();
    }

    private void ToggleDockedNavigation() => _dockedClosed = !_dockedClosed;

    private void ToggleOverlaidNavigation() => _overlaidOpen = !_overlaidOpen;

    private void CloseOverlaidNavigation() => _overlaidOpen = false;

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _themePreference = _isDarkMode ? UserThemes.Dark : UserThemes.Light;
        if (_userId is { } id)
        {
            try
            {
                await Accounts.SetThemeAsync(id, _themePreference, CancellationToken.None);
            }
            catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
            {
                // The theme changes for this page; it is kept for the next sign-in once the database answers again.
            }
        }
    }

    private static IEnumerable<string> RolesOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value);
}

/// <summary>The theme preferences a user can keep.</summary>
public static class UserThemes
{
    public const string Light = nameof(Light);
    public const string Dark = nameof(Dark);
    public const string System = nameof(System);

    public static string Normalise(string? value) =>
        string.Equals(value, Light, StringComparison.OrdinalIgnoreCase) ? Light
        : string.Equals(value, Dark, StringComparison.OrdinalIgnoreCase) ? Dark
        : System;
}
