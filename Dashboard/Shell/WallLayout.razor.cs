using System.Security.Claims;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Shell;

public partial class WallLayout
{
    // A screen watched from across a room reads best light on dark; a user who chose the light theme keeps it.
    private bool _isDarkMode = true;
    private bool _interactive;

    [Inject]
    public required IAccountStore Accounts { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        var user = (await AuthenticationState).User;
        if (long.TryParse(user.FindFirstValue(Identity.ConsoleClaims.UserId), out var id))
        {
            var account = await Accounts.FindByIdAsync(id, CancellationToken.None);
            _isDarkMode = UserThemes.Normalise(account?.Theme) != UserThemes.Light;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Marks the page as live (the circuit is connected), for people and tests alike.
            _interactive = true;
            StateHasChanged();
        }
    }
}
