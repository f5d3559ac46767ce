using System.Data.Common;
using Dashboard.Data.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Tiers;

public sealed partial class RevenuePage : IDisposable
{
    /// <summary>About this many labels fit under the chart; the others stay empty.</summary>
    private const int MaxAxisLabels = 13;

    private CancellationTokenSource? _loading;
    private RevenueReport? _report;
    private int _months = RevenueService.DefaultMonths;
    private int? _loadedMonths;
    private bool _busy;
    private string? _error;
    private string[] _labels = [];
    private List<ChartSeries<double>> _series = [];

    private readonly StackedBarChartOptions _chartOptions = new()
    {
        YAxisToStringFunc = RevenueFormat.Compact,
        MaxNumYAxisTicks = 6,
        ShowToolTips = true,
    };

    [Inject]
    public required RevenueService Revenue { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Full months before the current one; anything but one of <see cref="RevenueService.MonthChoices"/> means the default.</summary>
    [SupplyParameterFromQuery(Name = "months")]
    public int? MonthsQuery { get; set; }

    private string ExportUrl => RevenueExportEndpoint.UrlFor(_months);

    private string PeriodText => _report is not { Range: var range }
        ? L["PeriodLoading", _months]
        : L["Period", RevenueFormat.Month(range.Months[0]), RevenueFormat.Month(range.CurrentMonth), RevenueFormat.Instant(range.Now)];

    /// <summary>The URL is the range's only source: a choice navigates, and the new query arrives here.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _months = RevenueService.MonthsOrDefault(MonthsQuery);
        if (_loadedMonths == _months)
        {
            return;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_loading is not null)
        {
            await _loading.CancelAsync();
            _loading.Dispose();
        }

        var loading = _loading = new CancellationTokenSource();
        _busy = true;
        _error = null;
        try
        {
            var user = (await AuthenticationState).User;
            Show(await Revenue.LoadAsync(user, _months, loading.Token));
            _loadedMonths = _months;
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            // A newer choice replaced this one, or the page closed.
            return;
        }
        catch (DbException)
        {
            _error = L["LoadError"];
        }

        _busy = false;
    }

    private void SelectMonths(int months) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("months", months));

    private void Show(RevenueReport report)
    {
        var months = report.Months;
        var step = (months.Count + MaxAxisLabels - 1) / MaxAxisLabels;

        // Counted back from the current month, so that it always has its label.
        _labels = months.Select((m, i) => (months.Count - 1 - i) % step == 0 ? RevenueFormat.ShortMonth(m.Month) : "").ToArray();
        _series = report.Tiers
            .Select((tier, t) => new ChartSeries<double> { Name = tier.Name, Data = months.Select(m => m.Tiers[t].MrrCents / 100.0).ToArray() })
            .ToList();

        // Round steps (500 k €, 1 m €) rather than the chart's own division of the tallest bar.
        var peak = months.Select(m => m.MrrCents / 100.0).DefaultIfEmpty(0).Max();
        _chartOptions.YAxisTicks = Dashboard.Usage.HistoryFormat.ChartStep(peak);
        _report = report;
    }

    private static Color DeltaColor(long cents) => cents > 0 ? Color.Success : cents < 0 ? Color.Error : Color.Default;

    private string NetNewHint(RevenueReport report)
    {
        var movements = report.Current.Movements;
        return L["NetNewHint", RevenueFormat.Day(report.Range.CurrentMonth), RevenueFormat.Number(movements.New.Count), RevenueFormat.Number(movements.Upgrade.Count),
            RevenueFormat.Number(movements.Downgrade.Count), RevenueFormat.Number(movements.Churn.Count)];
    }

    private string ChartLabel(RevenueReport report) =>
        L["ChartLabel", RevenueFormat.Month(report.Range.Months[0]), RevenueFormat.Month(report.Range.CurrentMonth)];

    public void Dispose()
    {
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
