using System.Security.Claims;
using Dashboard.Data.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Audit;

public partial class AuditPage
{
    private static readonly int[] s_pageSizes = [25, 50, 100];

    /// <summary>How a date is typed into the filters, in the reader's language: 2026-11-02, 02.11.2026.</summary>
    private string DateFormat => L["DateFormat"];

    private string DatePlaceholder => L["DatePlaceholder"];

    private readonly HashSet<long> _expanded = [];
    private MudTable<AuditRecord>? _table;
    private AuditFilter _filter = AuditFilter.Empty;
    private IReadOnlyCollection<string>? _visibleEntityTypes = [];
    private IReadOnlyList<string> _entityTypes = [];
    private IReadOnlyList<string> _actions = [];
    private string? _hiddenEntityType;

    [Inject]
    public required IAuditLog Audit { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? ActorQuery { get; set; }

    [SupplyParameterFromQuery(Name = "entity")]
    public string? EntityQuery { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? ActionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    private string ScopeText => _visibleEntityTypes switch
    {
        null => L["ScopeAll"],
        { Count: 0 } => L["ScopeNone"],
        var types => L["ScopeSome", AuditFormat.JoinAnd(types.Select(AuditFormat.EntityTypePlural).ToList())],
    };

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        _visibleEntityTypes = AuditVisibility.VisibleEntityTypes(user);
        _entityTypes = AuditVisibility.SelectableEntityTypes(user);
        _actions = await Audit.DistinctActionsAsync(CancellationToken.None);
    }

    /// <summary>The URL is the filters' only source: a filter change navigates, and the new query arrives here.</summary>
    protected override async Task OnParametersSetAsync()
    {
        var filter = AuditFilter.Parse(ActorQuery, EntityQuery, ActionQuery, FromQuery, ToQuery);
        _hiddenEntityType = null;
        if (filter.EntityType is { } type && !_entityTypes.Contains(type, StringComparer.Ordinal))
        {
            _hiddenEntityType = type;
            filter = filter with { EntityType = null };
        }

        if (filter == _filter)
        {
            return;
        }

        _filter = filter;
        _expanded.Clear();
        if (_table is not null)
        {
            if (_table.CurrentPage != 0)
            {
                // Moving to the first page loads it.
                _table.NavigateTo(0);
            }
            else
            {
                await _table.ReloadServerData();
            }
        }
    }

    private async Task<TableData<AuditRecord>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = _filter.ToAuditQuery(_visibleEntityTypes, state.Page * state.PageSize, state.PageSize);
        var page = await Audit.QueryAsync(query, cancellationToken);
        return new TableData<AuditRecord> { Items = page.Items, TotalItems = page.Total };
    }

    private bool IsExpanded(AuditRecord record) => _expanded.Contains(record.Id);

    private void Toggle(AuditRecord record)
    {
        if (!_expanded.Remove(record.Id))
        {
            _expanded.Add(record.Id);
        }
    }

    private void SetActor(string? actor) => Apply(_filter with { Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim() });

    private void SetEntityType(string? entityType) => Apply(_filter with { EntityType = entityType });

    private void SetAction(string? action) => Apply(_filter with { Action = action });

    private void SetFrom(DateTime? date) => Apply(_filter with { From = date is { } d ? DateOnly.FromDateTime(d) : null });

    private void SetTo(DateTime? date) => Apply(_filter with { To = date is { } d ? DateOnly.FromDateTime(d) : null });

    private void ClearFilters() => Apply(AuditFilter.Empty);

    private void Apply(AuditFilter filter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQueryParameters()));

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
}
