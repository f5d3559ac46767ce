using System.Data.Common;
using Dashboard.Data.Usage;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Usage;

public sealed partial class HistoryPage : IDisposable
{
    private const string Path = "usage/history";

    /// <summary>About this many labels fit under the chart; the others stay empty.</summary>
    private const int MaxAxisLabels = 12;

    /// <summary>The theme's primary colour for the range, a muted grey for the dashed previous period.</summary>
    private static readonly string[] s_comparedPalette = ["#00695C", "#90A4AE"];

    private CancellationTokenSource? _loading;
    private HistoryView _view = HistoryView.Default;
    private HistoryView? _loadedView;
    private HistoryReport? _report;
    private Dictionary<string, string[]> _problems = [];
    private bool _busy;
    private bool _mayOpenBusinesses;
    private string? _error;
    private DateOnly _today;
    private DateOnly _oldestDay;
    private string[] _labels = [];
    private List<ChartSeries<double>> _series = [];
    private LineChartOptions _chartOptions = new();

    [Inject]
    public required UsageHistoryService History { get; init; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    [SupplyParameterFromQuery(Name = "split")]
    public string? SplitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "compare")]
    public string? CompareQuery { get; set; }

    private string ExportUrl => HistoryExportEndpoint.UrlFor(_view);

    private string PeriodText => _report is { Plan: var plan } && _loadedView == _view
        ? L["Period", HistoryFormat.Span(plan.From, plan.To), HistoryFormat.Number(plan.PointCount), HistoryFormat.Length(plan.StepSeconds)]
        : L["PeriodLoading"];

    /// <summary>The date pickers' pattern: the reader's way of writing a day (the URL keeps yyyy-MM-dd).</summary>
    private static string DatePattern => Dashboard.Tiers.CultureFormat.Pattern("yyyy-MM-dd", "dd.MM.yyyy");

    /// <summary>The URL is the view's only source: every choice navigates, and the new query arrives here (also on back and forward).</summary>
    protected override async Task OnParametersSetAsync()
    {
        _view = HistoryView.Parse(RangeQuery, FromQuery, ToQuery, SplitQuery, CompareQuery);
        _today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        _oldestDay = HistoryPlanner.OldestDay(Time.GetUtcNow(), History.Retention);
        if (_loadedView == _view)
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
        var view = _view;
        _error = null;
        _problems = History.Problems(view);
        if (_problems.Count > 0)
        {
            _loadedView = view;
            _busy = false;
            return;
        }

        _busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            _mayOpenBusinesses = (await Authorization.AuthorizeAsync(user, Policies.Accounts)).Succeeded;
            Show(await History.LoadAsync(user, view, loading.Token));
            _loadedView = view;
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            // A newer view replaced this one, or the page closed.
            return;
        }
        catch (DbException)
        {
            _error = L["LoadError"];
        }

        _busy = false;
    }

    private void SelectRange(HistoryRange range)
    {
        if (range != HistoryRange.Custom)
        {
            Go(_view with { Range = range, From = null, To = null });
            return;
        }

        // A custom range starts as the days the current view covers, ready to be changed.
        var (from, to) = _report is { Plan: var plan } ? (plan.FirstBusinessDay, plan.LastBusinessDay) : (_today.AddDays(-6), _today);
        Go(_view with { Range = range, From = from, To = to });
    }

    private void SelectSplit(UsageGroupBy split) => Go(_view with { Split = split });

    private void SelectComparison(HistoryComparison compare) => Go(_view with { Compare = compare });

    private void SetFrom(DateTime? date) => Go(_view with { From = date is { } d ? DateOnly.FromDateTime(d) : null });

    private void SetTo(DateTime? date) => Go(_view with { To = date is { } d ? DateOnly.FromDateTime(d) : null });

    /// <summary>Shows a view by putting it in the URL, its parameters always in the same order so that equal views have equal links.</summary>
    private void Go(HistoryView view) => Navigation.NavigateTo(Path + "?" + view.ToQueryString());

    private void Show(HistoryReport report)
    {
        var plan = report.Plan;
        var starts = plan.BucketStarts.ToList();
        var every = Math.Max(1, (starts.Count + MaxAxisLabels - 1) / MaxAxisLabels);
        _labels = [.. starts.Select((s, i) => i % every == 0 ? HistoryFormat.PointLabel(s, plan.StepSeconds, plan.Length) : "")];
        // The chart's axis arithmetic does not hold counts in the billions: points are drawn in a unit that keeps them
        // between 10 and 10,000, with a round step, and the axis labels are written back in messages.
        var lines = report.PreviousPeriodLine is { } previous ? report.Series.Append(previous) : report.Series;
        var peak = lines.SelectMany(s => s.Points).DefaultIfEmpty(0).Max();
        var unit = HistoryFormat.ChartUnit(peak);
        _series = [.. report.Series.Select(s => new ChartSeries<double> { Name = SeriesName(s.Key, s.Name), Data = s.Points.Select(p => p / unit).ToArray() })];
        if (report.PreviousPeriodLine is { } line)
        {
            _series.Add(new ChartSeries<double> { Name = L["PreviousPeriod"], Data = line.Points.Select(p => p / unit).ToArray() });
        }

        _chartOptions = new LineChartOptions
        {
            YAxisToStringFunc = value => HistoryFormat.Compact(value * unit),
            MaxNumYAxisTicks = 6,
            YAxisTicks = HistoryFormat.ChartStep(peak / unit),
            ShowToolTips = true,
            LineStrokeWidth = 2,
            YAxisRequireZeroPoint = true,
        };
        if (report.PreviousPeriodLine is not null)
        {
            _chartOptions.ChartPalette = s_comparedPalette;
        }

        _report = report;
    }

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    /// <summary>A series' busiest point and when it starts, or null when the series is empty.</summary>
    private (long Count, DateTimeOffset Start)? Peak(HistorySeries series)
    {
        if (series.Total == 0 || _report is not { Plan: var plan })
        {
            return null;
        }

        var index = 0;
        for (var i = 1; i < series.Points.Count; i++)
        {
            if (series.Points[i] > series.Points[index])
            {
                index = i;
            }
        }

        return (series.Points[index], plan.From.AddSeconds(index * plan.StepSeconds));
    }

    private static string Share(long part, long whole) =>
        whole == 0 ? "—" : (part * 100.0 / whole).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " %";

    /// <summary>A series as the reader's language names it: kinds and regions from UsageText, tiers and the rest as recorded.</summary>
    private string SeriesName(string key, string name) =>
        key == UsageHistoryService.AllKey ? U["AllMessages"]
        : U[$"Kind.{key}"] is { ResourceNotFound: false } kind ? kind
        : U[$"Region.{key}"] is { ResourceNotFound: false } region ? region
        : key.Length == 0 ? U["Unknown"] : name;

    private static Color ChangeColor(double? change) => change switch
    {
        > 0 => Color.Success,
        < 0 => Color.Error,
        _ => Color.Default,
    };

    private string PeriodName(HistoryPeriodKind kind) => kind == HistoryPeriodKind.PreviousPeriod ? L["PreviousPeriod"] : L["PreviousYear"];

    private string GranularityText(HistoryReport report)
    {
        var plan = report.Plan;
        var source = L["Rollup." + plan.Source];
        var points = plan.StepSeconds == plan.Source.Seconds()
            ? L["PointIsBucket", source]
            : L["PointSumsBuckets", plan.StepSeconds / plan.Source.Seconds(), source, HistoryFormat.Length(plan.StepSeconds)];
        var end = plan.View.Range == HistoryRange.Custom ? L["CustomEnd"] : L["PresetEnd"];
        var recorded = report.RecordedOnlyAfter(plan.From) && report.FirstRecordedDay is { } first
            ? " " + L["RecordedFrom", HistoryFormat.Day(first)]
            : "";
        return $"{points} {L["Sources", HistoryPlanner.MaxPoints]} {end}{recorded}";
    }

    private string ComparisonText(HistoryReport report)
    {
        var plan = report.Plan;
        var parts = new List<string> { L["ThisPeriodSpan", HistoryFormat.Span(plan.ComparedFrom, plan.ComparedTo)] };
        foreach (var period in plan.Periods)
        {
            var what = period.Kind == HistoryPeriodKind.PreviousPeriod
                ? L["PreviousPeriodEarlier", HistoryFormat.Length((long)period.Shift.TotalSeconds)]
                : L["PreviousYearEarlier"];
            parts.Add(period.IsAvailable
                ? $"{what}: {HistoryFormat.Span(period.From, period.To)}{(PartlyRecorded(report, period) ? " *" : "")}."
                : L["NotAvailableBecause", what, period.Unavailable ?? ""]);
        }

        if (!plan.ComparesWholeRange && plan.ComparedUnit is { } unit)
        {
            parts.Add(L["WholeUnitsOnly." + unit]);
        }

        if (plan.Periods.Any(p => PartlyRecorded(report, p)) && report.FirstRecordedDay is { } first)
        {
            parts.Add(L["PartlyRecorded", HistoryFormat.Day(first)]);
        }

        return string.Join(" ", parts);
    }

    /// <summary>True when a compared period began before usage was first recorded.</summary>
    private static bool PartlyRecorded(HistoryReport report, HistoryPeriod period) => period.IsAvailable && report.RecordedOnlyAfter(period.From);

    private string TopText(HistoryPlan plan)
    {
        var days = plan.FirstBusinessDay == plan.LastBusinessDay
            ? HistoryFormat.Day(plan.FirstBusinessDay)
            : $"{HistoryFormat.Day(plan.FirstBusinessDay)} – {HistoryFormat.Day(plan.LastBusinessDay)}";
        var today = plan.LastBusinessDay == DateOnly.FromDateTime(plan.Now.UtcDateTime) ? " " + L["TodaySoFar"] : "";
        return L["TopText", days + today];
    }

    private string ChartLabel(HistoryReport report)
    {
        var plan = report.Plan;
        var split = plan.View.Split == UsageGroupBy.None ? "" : " " + L["ChartBy", L["ChartSplit." + plan.View.SplitToken]];
        var compared = report.PreviousPeriodLine is null ? "" : L["ChartCompared"];
        return L["ChartLabel", HistoryFormat.Length(plan.StepSeconds) + split, HistoryFormat.Span(plan.From, plan.To) + compared];
    }

    public void Dispose()
    {
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
