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
            { d => d.Intro, L["DecisionIntro", change.BusinessName, change.FromTier ?? T["NoTier"], $"{change.ToTier} v{change.ToVersion}", CultureFormat.Date(change.EffectiveFrom), ApprovalReason.Describe(change.ApprovalReasons)].Value },
            { d => d.TextLabel, approve ? T["NoteOptional"] : T["WhyRejected"] },
            { d => d.TextRequired, !approve },
            { d => d.ConfirmText, approve ? T["Approve"] : T["Reject"] },
            { d => d.ConfirmColor, approve ? Color.Success : Color.Error },
        };
        var dialog = await Dialogs.ShowAsync<DecisionDialog>(approve ? L["ApproveTitle"] : L["RejectTitle"], parameters,
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
            (_message, _severity) = (L["Conflict", change.BusinessName], Severity.Warning);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or ArgumentException or NotFoundException)
        {
            (_message, _severity) = (ex.Message, Severity.Error);
        }

        _pending = await Changes.PendingApprovalsAsync(_user, CancellationToken.None);
    }

    private static string Euro(long cents) => CultureFormat.Euro(cents / 100m, 0);
}
