using System.Globalization;
using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Dashboard.Verification;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>The tier changes waiting for a second person, oldest first, with approve and reject at hand.</summary>
public partial class ApprovalsPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private IReadOnlyList<PendingChange>? _pending;
    private ClaimsPrincipal _user = new();
    private long? _userId;
    private string? _message;
    private Severity _severity = Severity.Success;

    [Inject]
    public required TierChangeService Changes { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required AuthenticationStateProvider Authentication { get; init; }

    [Inject]
    public required IOptions<TierChangeOptions> Options { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _userId = long.TryParse(_user.FindFirstValue(ConsoleClaims.UserId), out var id) ? id : null;
        _pending = await Changes.PendingApprovalsAsync(_user, CancellationToken.None);
    }

    private async Task DecideAsync(PendingChange change, bool approve)
    {
        var parameters = new DialogParameters<DecisionDialog>
        {
            { d => d.Intro, $"{change.BusinessName}: {change.FromTier ?? "no tier"} → {change.ToTier} v{change.ToVersion} from {change.EffectiveFrom:yyyy-MM-dd}. {change.ApprovalReasons}" },
            { d => d.TextLabel, approve ? "Note (optional)" : "Why it is rejected" },
            { d => d.TextRequired, !approve },
            { d => d.ConfirmText, approve ? "Approve" : "Reject" },
            { d => d.ConfirmColor, approve ? Color.Success : Color.Error },
        };
        var dialog = await Dialogs.ShowAsync<DecisionDialog>(approve ? "Approve the tier change" : "Reject the tier change", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: DecisionInput input })
        {
            return;
        }

        try
        {
            var outcome = approve
                ? await Changes.ApproveAsync(_user, change.Id, change.Version, input.Text, CancellationToken.None)
                : await Changes.RejectAsync(_user, change.Id, change.Version, input.Text ?? "", CancellationToken.None);
            (_message, _severity) = ($"{change.BusinessName} — {outcome.Message}", Severity.Success);
        }
        catch (ConcurrencyConflictException)
        {
            (_message, _severity) = ($"The change for {change.BusinessName} was decided or withdrawn meanwhile; the list is up to date now.", Severity.Warning);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or ArgumentException or NotFoundException)
        {
            (_message, _severity) = (ex.Message, Severity.Error);
        }

        _pending = await Changes.PendingApprovalsAsync(_user, CancellationToken.None);
    }

    private static string Euro(long cents) => (cents / 100m).ToString("#,##0", Invariant) + " EUR";
}
