using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Admin;

public partial class AdminPage
{
    private ClaimsPrincipal? _actingUser;
    private string? _remoteIp;

    [Inject]
    public required IHttpContextAccessor HttpContextAccessor { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _actingUser = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

        // Read once, while the request or the circuit's connection is at hand; the audit log keeps null when it is not known.
        _remoteIp = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    }
}
