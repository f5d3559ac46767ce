using System.Globalization;
using System.Security.Claims;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Verification;

public sealed partial class DetailPage : IAsyncDisposable
{
    private static readonly string[] s_shortcutKeys = ["a", "r", "i", "e", "n", "?"];

    private RequestDetail? _request;
    private IReadOnlyList<RequestEvent> _events = [];
    private IReadOnlyList<RequestDocument> _documents = [];
    private IReadOnlyList<string> _viewers = [];
    private ClaimsPrincipal _user = new();
    private long _userId;
    private bool _senior;
    private bool _loading = true;
    private bool _busy;
    private bool _noteEmpty;
    private bool _holding;
    private string? _claimNote;
    private string? _error;
    private string? _note;
    private long _loadedId;
    private (long RequestId, int Score)? _riskNow;
    private IDisposable? _presence;
    private IDisposable? _subscription;
    private Timer? _renewTimer;
    private IJSObjectReference? _shortcuts;
    private DotNetObjectReference<DetailPage>? _self;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    public required VerificationService Verification { get; init; }

    [Inject]
    public required IVerificationStore Store { get; init; }

    [Inject]
    public required VerificationFeed Feed { get; init; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required IOptions<VerificationOptions> Options { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool CanDecide => _request is not null && _holding && VerificationStatus.Open.Contains(_request.Status)
        && (_request.Status != VerificationStatus.AwaitingSecondApproval || (_senior && _request.FirstApproverUserId != _userId))
        && (_request.Status != VerificationStatus.Escalated || _senior);

    private bool CanAskOrEscalate => _request?.Status is VerificationStatus.InReview or VerificationStatus.Escalated;

    private bool CanRevoke => _senior && _request is { Status: VerificationStatus.Approved, IsVerified: true };

    private bool NeedsSecondApproval => _request is not null && _request.Status != VerificationStatus.AwaitingSecondApproval
        && Options.Value.NeedsFourEyes(_request.Category, RiskScore);

    /// <summary>The higher of the score at submission and the checks' score now, as the server's four-eyes rule takes it.</summary>
    private int RiskScore => _request is null ? 0
        : _riskNow is { } now && now.RequestId == _request.Id ? Math.Max(_request.RiskScore, now.Score) : _request.RiskScore;

    private string ApproveLabel => _request?.Status == VerificationStatus.AwaitingSecondApproval ? L["SecondApproval"]
        : NeedsSecondApproval ? L["ApproveFirstOfTwo"] : L["Approve"];

    private string? HeldBy => _request is { AssignedTo: { } name, ClaimExpiresAt: { } until } && until >= Time.GetUtcNow()
        ? L["HeldUntil", name, Clock(until)].Value
        : null;

    private string DueClass => _request is not null && VerificationStatus.Open.Contains(_request.Status) && _request.DueAt < Time.GetUtcNow() ? "sla-breached" : "";

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        _userId = long.TryParse(_user.FindFirstValue(ConsoleClaims.UserId), out var id) ? id : 0;
        _senior = (await Authorization.AuthorizeAsync(_user, Policies.SeniorReviewer)).Succeeded;
        _subscription = Feed.Subscribe(OnChangeAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        // Opening claims the request, so it happens once the page is live: a prerendered copy that is thrown
        // away a moment later must not claim and release it.
        if (_loadedId == Id || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Moving from one request to another (Next): let go of the one before.
        await ReleaseHeldAsync();
        _loadedId = Id;
        _loading = true;
        _error = null;
        _presence?.Dispose();
        _presence = Feed.View(Id, _user.FindFirstValue(ConsoleClaims.DisplayName) ?? _user.Identity?.Name ?? "someone");
        var opened = await Verification.OpenAsync(_user, Id, CancellationToken.None);
        _request = opened?.Request;
        if (opened is not null)
        {
            _holding = opened.Claim.Claimed;
            _claimNote = opened.Claim switch
            {
                { Claimed: true } => L["YouHold", Clock(opened.Request.ClaimExpiresAt)].Value,
                { HeldBy: { } holder } => L["OtherHolds", holder, Clock(opened.Claim.HeldUntil)].Value,
                _ when opened.Request.Status == VerificationStatus.AwaitingSecondApproval && opened.Request.FirstApproverUserId == _userId =>
                    L["YouGaveFirst"].Value,
                _ when opened.Request.Status == VerificationStatus.AwaitingSecondApproval && !_senior =>
                    L["WaitsForSecond"].Value,
                _ when opened.Request.Status == VerificationStatus.Escalated && !_senior => L["EscalatedNote"].Value,
                _ => null,
            };
            await LoadHistoryAsync();
        }

        _renewTimer?.Dispose();
        var every = Options.Value.ClaimLease / 3;
        _renewTimer = new Timer(_ => _ = RenewAsync(), null, every, every);
        _loading = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            var module = await JS.InvokeAsync<IJSObjectReference?>("import", "./assets/js/shortcuts.js");
            if (module is not null)
            {
                _shortcuts = await module.InvokeAsync<IJSObjectReference?>("register", _self, s_shortcutKeys);
                StateHasChanged();
            }
        }
    }

    [JSInvokable]
    public Task OnShortcutAsync(string key) => InvokeAsync(key switch
    {
        "a" when CanDecide => ApproveAsync,
        "r" when CanDecide => RejectAsync,
        "i" when CanDecide && CanAskOrEscalate => RequestInfoAsync,
        "e" when CanDecide && _request?.Status == VerificationStatus.InReview => EscalateAsync,
        "n" => NextAsync,
        "?" => ShowShortcutsAsync,
        _ => () => Task.CompletedTask,
    });

    private async Task LoadHistoryAsync()
    {
        _events = await Store.EventsAsync(Id, CancellationToken.None);
        _documents = await Store.DocumentsAsync(Id, CancellationToken.None);
        _viewers = Feed.ViewersOf(Id);
    }

    private async Task ReloadAsync()
    {
        _error = null;
        _request = await Store.GetAsync(Id, CancellationToken.None);
        _holding = _request?.IsHeldBy(_userId, Time.GetUtcNow()) == true;
        if (_request is not null && !_holding && VerificationStatus.Open.Contains(_request.Status) && _request.AssignedToUserId is null)
        {
            var opened = await Verification.OpenAsync(_user, Id, CancellationToken.None);
            _request = opened?.Request ?? _request;
            _holding = opened?.Claim.Claimed == true;
        }

        await LoadHistoryAsync();
    }

    private void OnChecked(Checks.CheckReport report)
    {
        if (_request is not null)
        {
            _riskNow = (_request.Id, report.RiskScore);
        }
    }

    private async Task ApproveAsync()
    {
        var seen = _request!.Version;
        var intro = _request!.Status == VerificationStatus.AwaitingSecondApproval
            ? L["ApproveSecondIntro", _request.FirstApprover ?? "", _request.DisplayName]
            : NeedsSecondApproval
                ? Options.Value.FourEyesCategories.Contains(_request.Category, StringComparer.OrdinalIgnoreCase)
                    ? L["ApproveFourEyesIntro", VerificationDisplay.CategoryLabel(_request.Category), Options.Value.FourEyesRiskScore]
                    : L["ApproveFourEyesScoreIntro", RiskScore, Options.Value.FourEyesRiskScore]
                : L["ApproveIntro", _request.DisplayName];
        var input = await AskAsync(ApproveLabel, intro, askReason: false, L["NoteOptional"], required: false, L["Approve"], Color.Success);
        if (input is not null)
        {
            await DecideAsync(() => Verification.ApproveAsync(_user, Id, seen, input.Text, CancellationToken.None), L["DoneApproved"]);
        }
    }

    private async Task RejectAsync()
    {
        var seen = _request!.Version;
        var input = await AskAsync(L["RejectTitle"], L["RejectIntro", Options.Value.CooldownDays],
            askReason: true, L["Note"], required: true, L["Reject"], Color.Error, L["RejectHelp"]);
        if (input is not null)
        {
            await DecideAsync(() => Verification.RejectAsync(_user, Id, seen, input.Reason!, input.Text!, CancellationToken.None), L["DoneRejected"]);
        }
    }

    private async Task RequestInfoAsync()
    {
        var seen = _request!.Version;
        var input = await AskAsync(L["InfoTitle"], L["InfoIntro"],
            askReason: false, L["InfoMessage"], required: true, L["InfoSend"], Color.Primary);
        if (input is not null)
        {
            await DecideAsync(() => Verification.RequestInfoAsync(_user, Id, seen, input.Text!, CancellationToken.None), L["DoneInfo"]);
        }
    }

    private async Task EscalateAsync()
    {
        var seen = _request!.Version;
        var input = await AskAsync(L["EscalateTitle"], L["EscalateIntro"],
            askReason: false, L["EscalateNote"], required: true, L["Escalate"], Color.Warning);
        if (input is not null)
        {
            await DecideAsync(() => Verification.EscalateAsync(_user, Id, seen, input.Text!, CancellationToken.None), L["DoneEscalated"]);
        }
    }

    private async Task RevokeAsync()
    {
        var input = await AskAsync(L["RevokeTitle"], L["RevokeIntro", _request!.DisplayName],
            askReason: false, L["Reason"], required: true, L["Revoke"], Color.Error);
        if (input is not null)
        {
            await DecideAsync(() => Verification.RevokeAsync(_user, _request.BusinessId, input.Text!, CancellationToken.None), L["DoneRevoked"]);
        }
    }

    /// <summary>Runs a decision made on the version the reviewer saw when they opened its dialog; a change since then is refused by the service.</summary>
    private async Task DecideAsync(Func<Task<RequestDetail>> decision, string done)
    {
        _busy = true;
        try
        {
            _request = await decision();
            _holding = false;
            _claimNote = null;
            _error = null;
            await LoadHistoryAsync();
            Snackbar.Add($"{done}: {_request.DisplayName}", Severity.Success);
        }
        catch (VerificationConflictException ex)
        {
            // The store explains a conflict in English for the API; the reviewer reads it in their language.
            _error = VerificationDisplay.Get("Conflict." + ex.Reason);
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AddNoteAsync()
    {
        _noteEmpty = string.IsNullOrWhiteSpace(_note);
        if (_noteEmpty)
        {
            return;
        }

        await Verification.AddNoteAsync(_user, Id, _note!, CancellationToken.None);
        _note = null;
        await LoadHistoryAsync();
    }

    private async Task NextAsync()
    {
        await ReleaseHeldAsync();
        var next = await Verification.NextAsync(_user, CancellationToken.None);
        if (next is { } id)
        {
            Navigation.NavigateTo($"verification/{id}");
        }
        else
        {
            Snackbar.Add(L["NothingWaiting"], Severity.Info);
            Navigation.NavigateTo("verification");
        }
    }

    private async Task ShowShortcutsAsync()
    {
        string[] keys = ["a", "r", "i", "e", "n", "?"];
        string[] texts = [L["Approve"], L["Reject"], L["InfoTitle"], L["EscalateTitle"], L["NextRequest"], L["ThisHelp"]];
        var rows = string.Concat(keys.Zip(texts, (key, text) =>
            $"<tr><td><kbd>{System.Net.WebUtility.HtmlEncode(key)}</kbd></td><td>{System.Net.WebUtility.HtmlEncode(text)}</td></tr>"));
        await Dialogs.ShowMessageBoxAsync(L["Shortcuts"], (MarkupString)$"<table class=\"shortcuts\">{rows}</table>", yesText: L["Close"],
            options: new DialogOptions { CloseOnEscapeKey = true });
    }

    private async Task<DecisionInput?> AskAsync(string title, string intro, bool askReason, string textLabel, bool required, string confirm, Color color, string? help = null)
    {
        var parameters = new DialogParameters<DecisionDialog>
        {
            { d => d.Intro, intro },
            { d => d.AskReason, askReason },
            { d => d.TextLabel, textLabel },
            { d => d.TextRequired, required },
            { d => d.TextHelp, help },
            { d => d.ConfirmText, confirm },
            { d => d.ConfirmColor, color },
        };
        var dialog = await Dialogs.ShowAsync<DecisionDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: DecisionInput input } ? input : null;
    }

    private async Task RenewAsync()
    {
        if (!_holding)
        {
            return;
        }

        var renewed = await Verification.RenewAsync(_user, Id, CancellationToken.None);
        if (!renewed)
        {
            await InvokeAsync(async () =>
            {
                await ReloadAsync();
                _claimNote = HeldBy is { } holder ? L["ClaimRanOutHeld", holder] : L["ClaimRanOut"];
                StateHasChanged();
            });
        }
    }

    private Task OnChangeAsync(RequestChange change)
    {
        if (change.RequestId != Id)
        {
            return Task.CompletedTask;
        }

        return InvokeAsync(async () =>
        {
            if (change.Kind is "Viewing" or "Left")
            {
                _viewers = Feed.ViewersOf(Id);
            }
            else if (!_busy)
            {
                _request = await Store.GetAsync(Id, CancellationToken.None) ?? _request;
                _holding = _request?.IsHeldBy(_userId, Time.GetUtcNow()) == true;
                await LoadHistoryAsync();
            }

            StateHasChanged();
        });
    }

    private async Task ReleaseHeldAsync()
    {
        if (_holding && _request is not null && VerificationStatus.Open.Contains(_request.Status))
        {
            await Verification.ReleaseAsync(_user, _request.Id, CancellationToken.None);
        }

        _holding = false;
    }

    public async ValueTask DisposeAsync()
    {
        _renewTimer?.Dispose();
        _subscription?.Dispose();
        _presence?.Dispose();
        try
        {
            await ReleaseHeldAsync();
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("dispose");
                await _shortcuts.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; the claim is released above and the listener goes with the page.
        }

        _self?.Dispose();
    }


    private static string EventLabel(RequestEvent entry) => VerificationDisplay.EventLabel(entry.Kind);

    /// <summary>A time of day in UTC, as the reader writes it.</summary>
    private static string Clock(DateTimeOffset? at) => at?.UtcDateTime.ToString("t", CultureInfo.CurrentCulture) ?? "";
}
