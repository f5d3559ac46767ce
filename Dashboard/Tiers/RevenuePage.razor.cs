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
        ? $"The last {_months} full months and this month to date."
        : $"{RevenueFormat.Month(range.Months[0])} to {RevenueFormat.Month(range.CurrentMonth)}: each month as it closed (UTC), this month as of {RevenueFormat.Instant(range.Now)}.";

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
            _error = "The revenue figures could not be read from the database. Try again in a moment; if it keeps failing, tell the console's operators.";
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
        _report = report;
    }

    private static Color DeltaColor(long cents) => cents > 0 ? Color.Success : cents < 0 ? Color.Error : Color.Default;

    private static string NetNewHint(RevenueReport report)
    {
        var movements = report.Current.Movements;
        return $"Since {RevenueFormat.Day(report.Range.CurrentMonth)}: {Count(movements.New, "new")}, {Count(movements.Upgrade, "upgraded")}, "
            + $"{Count(movements.Downgrade, "downgraded")}, {Count(movements.Churn, "churned")}";
    }

    private static string Count(MovementTally tally, string what) => $"{RevenueFormat.Number(tally.Count)} {what}";

    private static string ChartLabel(RevenueReport report) =>
        $"Stacked bar chart of MRR per month by tier, {RevenueFormat.Month(report.Range.Months[0])} to {RevenueFormat.Month(report.Range.CurrentMonth)}; "
        + "the table below gives the same figures.";

    public void Dispose()
    {
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
