using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Data.Businesses;
using Dashboard.Data.Tiers;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Dashboard.Verification;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Tiers;

/// <summary>One business for its account manager: profile, size, usage against limits, and its tier over time with the changes still to come.</summary>
public partial class BusinessDetailPage
{
    private BusinessProfile? _business;
    private IReadOnlyList<SubscriptionEntry> _timeline = [];
    private IReadOnlyList<QueueItem> _requests = [];
    private SubscriptionEntry? _current;
    private Entitlements? _entitlements;
    private ClaimsPrincipal _user = new();
    private long? _userId;
    private bool _loading = true;
    private string? _message;
    private Severity _messageSeverity = Severity.Success;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    public required IBusinessStore Businesses { get; init; }

    [Inject]
    public required ITierStore Tiers { get; init; }

    [Inject]
    public required IVerificationStore Verification { get; init; }

    [Inject]
    public required TierChangeService Changes { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required AuthenticationStateProvider Authentication { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Buttons act only once the circuit is live; before that a click would go nowhere.</summary>
    private bool Interactive => RendererInfo.IsInteractive;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _userId = long.TryParse(_user.FindFirstValue(ConsoleClaims.UserId), out var id) ? id : null;
        _loading = true;
        await ReloadAsync();
        _loading = false;
    }

    private async Task ReloadAsync()
    {
        _business = await Businesses.GetAsync(Id, CancellationToken.None);
        if (_business is null)
        {
            return;
        }

        var now = Time.GetUtcNow();
        _timeline = await Tiers.TimelineAsync(Id, CancellationToken.None);
        _current = _timeline.FirstOrDefault(e => e.Status is SubscriptionStatus.Active or SubscriptionStatus.Scheduled or SubscriptionStatus.Ended
            && e.EffectiveFrom <= now && (e.EffectiveTo is null || e.EffectiveTo > now));
        _entitlements = await Tiers.EntitlementsAsync(Id, now, CancellationToken.None);
        _requests = await Verification.HistoryOfBusinessAsync(Id, CancellationToken.None);
    }

    private async Task OpenChangeDialogAsync()
    {
        var parameters = new DialogParameters<ChangeTierDialog> { { d => d.BusinessId, Id } };
        var dialog = await Dialogs.ShowAsync<ChangeTierDialog>(L["ChangeDialogTitle", _business?.DisplayName ?? ""], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: TierChangeOutcome outcome })
        {
            Show(outcome.Message, outcome.Status == SubscriptionStatus.PendingApproval ? Severity.Info : Severity.Success);
            await ReloadAsync();
        }
    }

    private Task ApproveAsync(SubscriptionEntry entry) => DecideAsync(
        T["ApproveTitle", entry.TierName], T["NoteOptional"], false, T["Approve"], Color.Success,
        input => Changes.ApproveAsync(_user, entry.Id, entry.Version, input.Text, CancellationToken.None));

    private Task RejectAsync(SubscriptionEntry entry) => DecideAsync(
        T["RejectTitle", entry.TierName], T["WhyRejected"], true, T["Reject"], Color.Error,
        input => Changes.RejectAsync(_user, entry.Id, entry.Version, input.Text ?? "", CancellationToken.None));

    private Task CancelAsync(SubscriptionEntry entry) => DecideAsync(
        T["CancelTitle", entry.TierName], T["NoteOptional"], false, T["CancelChange"], Color.Warning,
        _ => Changes.CancelAsync(_user, entry.Id, entry.Version, CancellationToken.None));

    private async Task DecideAsync(string title, string textLabel, bool textRequired, string confirm, Color color, Func<DecisionInput, Task<TierChangeOutcome>> act)
    {
        var parameters = new DialogParameters<DecisionDialog>
        {
            { d => d.TextLabel, textLabel },
            { d => d.TextRequired, textRequired },
            { d => d.ConfirmText, confirm },
            { d => d.ConfirmColor, color },
        };
        var dialog = await Dialogs.ShowAsync<DecisionDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: DecisionInput input })
        {
            return;
        }

        try
        {
            var outcome = await act(input);
            Show(outcome.Message, Severity.Success);
        }
        catch (ConcurrencyConflictException)
        {
            Show(L["Conflict"], Severity.Warning);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or ArgumentException or NotFoundException)
        {
            Show(ex.Message, Severity.Error);
        }

        await ReloadAsync();
    }

    private void Show(string message, Severity severity) => (_message, _messageSeverity) = (message, severity);

    private bool CanDecide(SubscriptionEntry entry) => _userId is { } id && id != entry.EnteredByUserId;

    /// <summary>"€1.2 million" in English, "1,2 Mio. €" in German.</summary>
    private string Money(long? euros) => euros is { } value ? T["Millions", (value / 1_000_000m).ToString("N1", CultureFormat.Culture)] : "—";

    private string Price(SubscriptionEntry entry) =>
        CultureFormat.Euro((entry.PriceOverrideCents ?? entry.MonthlyPriceCents) / 100m, 0) + (entry.PriceOverrideCents is null ? "" : " " + T["OverrideMark"]);

    private string? Overrides(SubscriptionEntry entry)
    {
        var parts = new List<string>();
        if (entry.ConversationsOverride is { } conversations)
        {
            parts.Add(L["OverrideConversations", CultureFormat.Number(conversations)]);
        }

        if (entry.AgentSeatsOverride is { } seats)
        {
            parts.Add(L["OverrideSeats", CultureFormat.Number(seats)]);
        }

        if (parts.Count == 0 && entry.PriceOverrideCents is null)
        {
            return null;
        }

        return entry.OverridesEndAt is not { } ends ? string.Join(", ", parts)
            : parts.Count > 0 ? L["OverridesUntil", string.Join(", ", parts), CultureFormat.Date(ends)]
            : L["OverrideUntil", CultureFormat.Date(ends)];
    }

    private string Decision(SubscriptionEntry entry, string decidedBy)
    {
        var text = entry.DecidedAt is { } at
            ? L[entry.ApprovalStatus == ApprovalStatus.Approved ? "ApprovedByOn" : "RejectedByOn", decidedBy, CultureFormat.Date(at)]
            : L[entry.ApprovalStatus == ApprovalStatus.Approved ? "ApprovedBy" : "RejectedBy", decidedBy];
        return entry.DecisionNote is { } note && entry.Status != SubscriptionStatus.Cancelled ? $"{text}: {note}" : text;
    }

    private string StatusLabel(string status) => T[$"Status.{status}"] is { ResourceNotFound: false } label ? label : status;

    private static Color StatusColor(string status) => status switch
    {
        SubscriptionStatus.Active => Color.Success,
        SubscriptionStatus.Scheduled => Color.Info,
        SubscriptionStatus.PendingApproval => Color.Warning,
        SubscriptionStatus.Rejected => Color.Error,
        _ => Color.Default,
    };
}
