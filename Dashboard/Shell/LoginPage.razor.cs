using System.Globalization;
using Dashboard.Identity;
using Dashboard.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Shell;

public partial class LoginPage
{
    private string? _error;
    private bool _emailMissing;
    private bool _passwordMissing;

    [Inject]
    public required AccountService Accounts { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<DemoOptions> Demo { get; init; }

    [Inject]
    public required IOptions<OidcOptions> Oidc { get; init; }

    [Inject]
    public required IStringLocalizer<LoginPage> Text { get; init; }

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    public bool SignedOut { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    public string? ExternalError { get; set; }

    private string SafeReturnUrl => LocalUrl(ReturnUrl);

    private string CurrentUrl => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    private static string CurrentLanguage =>
        ConsoleLocalization.Normalise(CultureInfo.CurrentUICulture.Name) ?? ConsoleLocalization.Languages[0];

    // Each language is named in itself, so that a reader finds theirs whatever the page's language.
    private static string LanguageName(string language) => language == "de" ? "Deutsch" : "English";

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        if (!string.IsNullOrEmpty(ExternalError))
        {
            _error = ExternalError;
        }
    }

    private async Task SignInAsync()
    {
        _emailMissing = string.IsNullOrWhiteSpace(Input!.Email);
        _passwordMissing = string.IsNullOrEmpty(Input.Password);
        if (_emailMissing || _passwordMissing)
        {
            return;
        }

        var remoteIp = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = await Accounts.PasswordSignInAsync(Input!.Email, Input.Password, remoteIp, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                var principal = AccountService.CreatePrincipal(result.User!, CookieAuthenticationDefaults.AuthenticationScheme);
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
                Navigation.NavigateTo(SafeReturnUrl, forceLoad: true);
                break;
            case SignInOutcome.LockedOut:
                _error = result.LockoutEnd is { } end
                    ? Text["LockedUntil", end.UtcDateTime.ToString("t", CultureInfo.CurrentCulture)]
                    : Text["Locked"];
                break;
            case SignInOutcome.Disabled:
                _error = Text["Disabled"];
                break;
            default:
                _error = Text["WrongPassword"];
                break;
        }

        Input.Password = "";
    }

    /// <summary>Only a path on this site is followed after sign-in, never another host.</summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private sealed class LoginInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
