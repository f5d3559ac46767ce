using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Verification;

public sealed partial class StatsPage : IDisposable
{
    /// <summary>About this many labels fit under a chart; the others stay empty.</summary>
    private const int MaxAxisLabels = 12;

    private CancellationTokenSource? _loading;
    private StatisticsReport? _report;
    private int _days = ReviewerStatistics.DefaultDays;
    private int? _loadedDays;
    private bool _busy;
    private string[] _labels = [];
    private List<ChartSeries<double>> _decisionSeries = [];
    private List<ChartSeries<double>> _backlogSeries = [];

    private readonly StackedBarChartOptions _decisionOptions = new()
    {
        YAxisTitle = "Decisions",
        YAxisFormat = "0",
        MaxNumYAxisTicks = 6,
        ShowToolTips = true,
    };

    private LineChartOptions _backlogOptions = new();

    [Inject]
    public required ReviewerStatistics Statistics { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The period in days; anything but one of <see cref="ReviewerStatistics.PeriodChoices"/> means the default.</summary>
    [SupplyParameterFromQuery(Name = "days")]
    public int? DaysQuery { get; set; }

    private string PeriodText => _report is not { Period: var period }
        ? $"The last {_days} days."
        : string.Create(CultureInfo.InvariantCulture,
            $"The last {period.Days} days: {StatisticsFormat.ShortDay(period.FirstDay)} to {StatisticsFormat.ShortDay(period.LastDay)} {period.LastDay.Year}, in UTC; today counts up to {period.Now:HH:mm} UTC.");

    private string EmptyHint => _days < ReviewerStatistics.PeriodChoices[^1]
        ? "Pick a longer period above to look further back."
        : $"Nothing was decided in the last {_days} days.";

    /// <summary>The URL is the period's only source: a choice navigates, and the new query arrives here.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _days = DaysQuery is { } days && ReviewerStatistics.PeriodChoices.Contains(days) ? days : ReviewerStatistics.DefaultDays;
        if (_loadedDays == _days)
        {
            return;
        }

        if (_loading is not null)
        {
            await _loading.CancelAsync();
            _loading.Dispose();
        }

        var loading = _loading = new CancellationTokenSource();
        _busy = true;
        try
        {
            var report = await Statistics.LoadAsync(_days, loading.Token);
            Show(report);
            _loadedDays = _days;
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            // A newer choice replaced this one, or the page closed.
            return;
        }

        _busy = false;
    }

    private void SelectDays(int days) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("days", days));

    private void Show(StatisticsReport report)
    {
        var dates = report.Period.Dates;
        var step = (dates.Count + MaxAxisLabels - 1) / MaxAxisLabels;

        // Counted back from today, so that today always has its label.
        _labels = dates.Select((day, i) => (dates.Count - 1 - i) % step == 0 ? StatisticsFormat.ShortDay(day) : "").ToArray();
        _decisionSeries = report.Reviewers
            .Select(r => new ChartSeries<double> { Name = r.Reviewer, Data = r.DecisionsPerDay.Select(c => (double)c).ToArray() })
            .ToList();
        _backlogOptions = new LineChartOptions
        {
            YAxisTitle = "Requests",
            YAxisFormat = "0",
            MaxNumYAxisTicks = 6,
            YAxisRequireZeroPoint = true,
            InterpolationOption = InterpolationOption.Straight,

            // A marker per day only while they stay apart.
            ShowDataMarkers = dates.Count <= 31,
            ShowToolTips = true,
            ChartPalette = ["#00695c", "#b3261e"],
        };
        _backlogSeries =
        [
            new ChartSeries<double> { Name = "Waiting", Data = report.Backlog.Select(p => (double)p.Open).ToArray() },
            new ChartSeries<double> { Name = "Past due", Data = report.Backlog.Select(p => (double)p.PastDue).ToArray() },
        ];
        _report = report;
    }

    private static string ApprovalHint(StatisticsReport report) => report.Approved + report.Rejected == 0
        ? "No request approved or rejected yet"
        : $"{StatisticsFormat.Number(report.Approved)} approved, {StatisticsFormat.Number(report.Rejected)} rejected";

    private static string DecisionsSummary(StatisticsReport report)
    {
        var busiest = Enumerable.Range(0, report.Period.Days).MaxBy(report.DecisionsOn);
        var reviewers = report.Reviewers.Count(r => r.Decisions > 0);
        return $"{Plural(report.Decisions, "decision")} by {Plural(reviewers, "reviewer")}; the busiest day was "
            + $"{StatisticsFormat.Day(report.Period.Dates[busiest])} with {Plural(report.DecisionsOn(busiest), "decision")}.";
    }

    private static string BacklogSummary(StatisticsReport report)
    {
        var now = report.Current;
        var peak = report.Backlog.MaxBy(p => p.Open)!;
        var worst = report.Backlog.MaxBy(p => p.PastDue)!;
        var text = $"{Plural(now.Open, "request")} {(now.Open == 1 ? "waits" : "wait")} for a reviewer now, {StatisticsFormat.Number(now.PastDue)} of them past due. "
            + $"The backlog was highest on {StatisticsFormat.Day(peak.Day)} with {Plural(peak.Open, "request")}";
        return worst.PastDue == 0
            ? text + "; no day ended with a request past due."
            : text + $"; the most past due were {StatisticsFormat.Number(worst.PastDue)} on {StatisticsFormat.Day(worst.Day)}.";
    }

    private static string BacklogDay(StatisticsReport report, BacklogPoint point) =>
        point.At == report.Period.Now ? $"{StatisticsFormat.Day(point.Day)} (now)" : StatisticsFormat.Day(point.Day);

    private static string Plural(int count, string noun) => $"{StatisticsFormat.Number(count)} {noun}{(count == 1 ? "" : "s")}";

    public void Dispose()
    {
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
