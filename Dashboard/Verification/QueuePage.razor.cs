using System.Globalization;
using System.Security.Claims;
using Dashboard.Data.Identity;
using Dashboard.Data.Verification;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Verification;

public partial class QueuePage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly IEqualityComparer<QueueItem> s_byId = EqualityComparer<QueueItem>.Create((a, b) => a?.Id == b?.Id, item => item.Id.GetHashCode());

    private MudTable<QueueItem>? _table;
    private QueueView _view = new();
    private IReadOnlyDictionary<string, int> _counts = new Dictionary<string, int>();
    private IReadOnlyList<UserAccount> _reviewers = [];
    private HashSet<QueueItem> _selected = new(s_byId);
    private Dictionary<long, IReadOnlyList<string>> _viewing = [];
    private long? _assignTo;
    private bool _senior;
    private bool _busy;
    private string? _message;
    private ClaimsPrincipal _user = new();
    private long _userId;
    private IDisposable? _subscription;
    private Timer? _refreshTimer;
    private int _refreshPending;

    [Inject]
    public required IVerificationStore Store { get; init; }

    [Inject]
    public required VerificationService Verification { get; init; }

    [Inject]
    public required VerificationFeed Feed { get; init; }

    [Inject]
    public required IAccountStore Accounts { get; init; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required IOptions<VerificationOptions> Options { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "state")]
    public string? StateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "category")]
    public string? CategoryParameter { get; set; }

    [SupplyParameterFromQuery(Name = "country")]
    public string? CountryParameter { get; set; }

    [SupplyParameterFromQuery(Name = "risk")]
    public string? RiskParameter { get; set; }

    [SupplyParameterFromQuery(Name = "age")]
    public int? AgeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "assignee")]
    public string? AssigneeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? TextParameter { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortParameter { get; set; }

    [SupplyParameterFromQuery(Name = "desc")]
    public bool? DescendingParameter { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageParameter { get; set; }

    private int OpenCount => VerificationStatus.Open.Sum(Count);

    private bool IsDefaultView => _view with { Page = 0, Sort = QueueSort.Due, Descending = false, Text = null } == new QueueView();

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        _userId = long.TryParse(_user.FindFirstValue(ConsoleClaims.UserId), out var id) ? id : 0;
        _senior = (await Authorization.AuthorizeAsync(_user, Policies.SeniorReviewer)).Succeeded;
        _reviewers = (await Accounts.ListAsync(CancellationToken.None))
            .Where(u => !u.IsDisabled && (u.Roles.Contains(Roles.Reviewer) || u.Roles.Contains(Roles.SeniorReviewer)))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList();
        await LoadCountsAsync();
        _subscription = Feed.Subscribe(OnChangeAsync);
        _refreshTimer = new Timer(_ => _ = RefreshIfPendingAsync(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    protected override async Task OnParametersSetAsync()
    {
        var view = QueueView.Parse(StateParameter, CategoryParameter, CountryParameter, RiskParameter, AgeParameter, AssigneeParameter,
            TextParameter, SortParameter, DescendingParameter, PageParameter);
        if (view != _view)
        {
            _view = view;
            if (_table is not null)
            {
                await _table.ReloadServerData();
            }
        }
    }

    private async Task LoadCountsAsync() => _counts = await Store.CountByStatusAsync(CancellationToken.None);

    private int Count(string status) => _counts.TryGetValue(status, out var count) ? count : 0;

    private async Task<TableData<QueueItem>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = state.SortLabel is { Length: > 0 } label && Enum.TryParse<QueueSort>(label, ignoreCase: true, out var s) ? s : _view.Sort;
        var descending = state.SortLabel is { Length: > 0 } ? state.SortDirection == SortDirection.Descending : _view.Descending;
        var view = _view with { Sort = sort, Descending = descending, Page = state.Page };
        if (view != _view)
        {
            _view = view;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(_view.ToUrlParameters()), replace: true);
        }

        var page = await Store.QueueAsync(_view.ToQuery(_userId), cancellationToken);
        _viewing = page.Items.ToDictionary(i => i.Id, i => Feed.ViewersOf(i.Id));
        return new TableData<QueueItem> { Items = page.Items, TotalItems = page.Total };
    }

    private SortDirection InitialDirection(QueueSort sort) =>
        _view.Sort != sort ? SortDirection.None : _view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private Task ApplyAsync(QueueView view)
    {
        _selected = new HashSet<QueueItem>(s_byId);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters((view with { Page = 0 }).ToUrlParameters()));
        return Task.CompletedTask;
    }

    private Task SearchAsync(string? text) => ApplyAsync(_view with { Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task StateChangedAsync(string? state) => ApplyAsync(_view with { State = state ?? QueueView.OpenState });

    private Task AssigneeChangedAsync(string? assignee) => ApplyAsync(_view with { Assignee = assignee });

    private Task CategoryChangedAsync(string? category) => ApplyAsync(_view with { Category = category });

    private Task CountryChangedAsync(string? country) => ApplyAsync(_view with { Country = country is { Length: 2 } ? country.ToUpperInvariant() : null });

    private Task RiskChangedAsync(string? risk) => ApplyAsync(_view with { Risk = risk });

    private Task AgeChangedAsync(int? hours) => ApplyAsync(_view with { MinAgeHours = hours });

    private Task ClearFiltersAsync() => ApplyAsync(new QueueView { Sort = _view.Sort, Descending = _view.Descending });

    private void OpenRow(TableRowClickEventArgs<QueueItem> args)
    {
        if (args.Item is { } item)
        {
            Navigation.NavigateTo($"verification/{item.Id}");
        }
    }

    private async Task NextAsync()
    {
        _busy = true;
        try
        {
            var next = await Verification.NextAsync(_user, CancellationToken.None);
            if (next is { } id)
            {
                Navigation.NavigateTo($"verification/{id}");
            }
            else
            {
                _message = L["NothingWaiting"];
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AssignSelectedAsync()
    {
        if (_assignTo is not { } assignee)
        {
            return;
        }

        _busy = true;
        try
        {
            var ids = _selected.Select(i => i.Id).ToList();
            var assigned = await Verification.AssignAsync(_user, ids, assignee, CancellationToken.None);
            var name = _reviewers.FirstOrDefault(r => r.Id == assignee)?.DisplayName ?? L["TheReviewer"];
            _message = assigned == ids.Count
                ? L["Assigned", assigned, name]
                : L["AssignedSome", assigned, ids.Count, name];
            await AfterBulkAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RejectSelectedAsSpamAsync()
    {
        var ids = _selected.Select(i => i.Id).ToList();
        var confirmed = await DialogService.ShowMessageBoxAsync(L["RejectSpam"],
            L["RejectSpamQuestion", ids.Count],
            yesText: L["RejectCount", ids.Count], cancelText: S["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var rejected = await Verification.RejectAsSpamAsync(_user, ids, CancellationToken.None);
            _message = rejected == ids.Count
                ? L["Rejected", rejected]
                : L["RejectedSome", rejected, ids.Count];
            await AfterBulkAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AfterBulkAsync()
    {
        _selected = new HashSet<QueueItem>(s_byId);
        _assignTo = null;
        await LoadCountsAsync();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    [Inject]
    public required IDialogService DialogService { get; init; }

    // Changes arrive from every reviewer's circuit; the table reloads at most twice a second.
    private Task OnChangeAsync(RequestChange change)
    {
        Interlocked.Exchange(ref _refreshPending, 1);
        return Task.CompletedTask;
    }

    private async Task RefreshIfPendingAsync()
    {
        if (Interlocked.Exchange(ref _refreshPending, 0) == 0)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                await LoadCountsAsync();
                if (_table is not null)
                {
                    await _table.ReloadServerData();
                }

                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page closed between the tick and the refresh.
        }
    }

    private string DueClass(QueueItem item)
    {
        if (!VerificationStatus.Open.Contains(item.Status))
        {
            return "muted";
        }

        var left = item.DueAt - Time.GetUtcNow();
        return left < TimeSpan.Zero ? "sla-breached" : left < TimeSpan.FromHours(12) ? "sla-soon" : "sla-ok";
    }

    private string DueText(QueueItem item)
    {
        if (!VerificationStatus.Open.Contains(item.Status))
        {
            return "—";
        }

        var left = item.DueAt - Time.GetUtcNow();
        return left < TimeSpan.Zero ? L["Overdue", FormatSpan(-left)] : L["DueIn", FormatSpan(left)];
    }

    private string FormatSpan(TimeSpan span) =>
        span.TotalHours >= 48 ? L["Days", (int)span.TotalDays] : span.TotalHours >= 1 ? L["Hours", (int)span.TotalHours] : L["Minutes", Math.Max(1, (int)span.TotalMinutes)];



    public void Dispose()
    {
        _subscription?.Dispose();
        _refreshTimer?.Dispose();
    }
}
