using System.ComponentModel.DataAnnotations;
using Dashboard.Identity;
using Dashboard.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Shell;

public partial class LoginPage
{
    private string? _error;

    [Inject]
    public required AccountService Accounts { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<DemoOptions> Demo { get; init; }

    [Inject]
    public required IOptions<OidcOptions> Oidc { get; init; }

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
                    ? $"Too many failed attempts. The account is locked until {end:HH:mm} UTC; try again then or ask an administrator to reset the password."
                    : "Too many failed attempts. The account is locked; try again later.";
                break;
            case SignInOutcome.Disabled:
                _error = "This account is disabled. Ask an administrator if you still need access.";
                break;
            default:
                _error = "The e-mail or password is not right. Check both and try again.";
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
        [Required(ErrorMessage = "Enter your e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
