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

    private StackedBarChartOptions _decisionOptions = new();

    private LineChartOptions _backlogOptions = new();

    [Inject]
    public required ReviewerStatistics Statistics { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The period in days; anything but one of <see cref="ReviewerStatistics.PeriodChoices"/> means the default.</summary>
    [SupplyParameterFromQuery(Name = "days")]
    public int? DaysQuery { get; set; }

    private string PeriodText => _report is not { Period: var period }
        ? L["PeriodShort", _days]
        : L["PeriodLong", period.Days, StatisticsFormat.ShortDay(period.FirstDay), StatisticsFormat.ShortDay(period.LastDay),
            period.LastDay.Year.ToString(CultureInfo.InvariantCulture), period.Now.UtcDateTime.ToString("t", CultureInfo.CurrentCulture)];

    private string EmptyHint => _days < ReviewerStatistics.PeriodChoices[^1]
        ? L["PickLonger"]
        : L["NothingDecided", _days];

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
        _decisionOptions = new StackedBarChartOptions
        {
            YAxisTitle = L["Decisions"],
            YAxisFormat = "0",
            MaxNumYAxisTicks = 6,
            ShowToolTips = true,
        };
        _backlogOptions = new LineChartOptions
        {
            YAxisTitle = L["Requests"],
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
            new ChartSeries<double> { Name = L["Waiting"], Data = report.Backlog.Select(p => (double)p.Open).ToArray() },
            new ChartSeries<double> { Name = L["PastDue"], Data = report.Backlog.Select(p => (double)p.PastDue).ToArray() },
        ];
        _report = report;
    }

    private string ApprovalHint(StatisticsReport report) => report.Approved + report.Rejected == 0
        ? L["NoneDecidedYet"]
        : L["ApprovedRejected", StatisticsFormat.Number(report.Approved), StatisticsFormat.Number(report.Rejected)];

    private string DecisionsSummary(StatisticsReport report)
    {
        var busiest = Enumerable.Range(0, report.Period.Days).MaxBy(report.DecisionsOn);
        var reviewers = report.Reviewers.Count(r => r.Decisions > 0);
        return L["DecisionsSummary", Plural(report.Decisions, "Decision"), Plural(reviewers, "Reviewers"),
            StatisticsFormat.Day(report.Period.Dates[busiest]), Plural(report.DecisionsOn(busiest), "Decision")];
    }

    private string BacklogSummary(StatisticsReport report)
    {
        var now = report.Current;
        var peak = report.Backlog.MaxBy(p => p.Open)!;
        var worst = report.Backlog.MaxBy(p => p.PastDue)!;
        var text = L[now.Open == 1 ? "BacklogNowOne" : "BacklogNowMany", Plural(now.Open, "Request"), StatisticsFormat.Number(now.PastDue)]
            + " " + L["BacklogPeak", StatisticsFormat.Day(peak.Day), Plural(peak.Open, "Request")];
        return worst.PastDue == 0
            ? text + L["NoPastDueDay"]
            : text + L["MostPastDue", StatisticsFormat.Number(worst.PastDue), StatisticsFormat.Day(worst.Day)];
    }

    private string BacklogDay(StatisticsReport report, BacklogPoint point) =>
        point.At == report.Period.Now ? L["DayNow", StatisticsFormat.Day(point.Day)] : StatisticsFormat.Day(point.Day);

    /// <summary>"1 decision", "3 decisions": the noun's resource key has a ".One" and a ".Many" form.</summary>
    private string Plural(int count, string noun) => L[noun + (count == 1 ? ".One" : ".Many"), StatisticsFormat.Number(count)];

    public void Dispose()
    {
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
