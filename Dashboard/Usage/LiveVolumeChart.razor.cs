using Dashboard.Data.Usage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Usage;

public sealed partial class LiveVolumeChart
{
    /// <summary>Colours per kind, in the order of <see cref="UsageKinds.All"/>; readable on the light and the dark theme.</summary>
    private static readonly string[] s_palette = ["#26A69A", "#AB47BC", "#FFA726", "#42A5F5", "#8D9BA3"];

    private readonly LineChartOptions _options = new()
    {
        YAxisToStringFunc = UsageFormat.Compact,
        YAxisRequireZeroPoint = true,
        MaxNumYAxisTicks = 6,
        InterpolationOption = InterpolationOption.Straight,
        ShowDataMarkers = false,
        ShowToolTips = false,
        LineStrokeWidth = 2,
        ChartPalette = s_palette,
    };

    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private IReadOnlyList<MinuteTotals> _minutes = [];

    /// <summary>One tick per second, oldest first; only the last <see cref="UsageLiveSeries.Capacity"/> are drawn.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<VolumeTick> Ticks { get; set; } = [];

    [Parameter]
    public string Height { get; set; } = "300px";

    /// <summary>The kinds as the legend and the table name them, in the reader's language.</summary>
    private IEnumerable<string> KindNames => UsageKinds.All.Select(k => U[$"Kind.{k}"].Value);

    /// <summary>The chart's series as drawn (for tests): one per kind, one point per second.</summary>
    public IReadOnlyList<ChartSeries<double>> Series => _series;

    /// <summary>The labels under the chart: the time at each whole minute, empty elsewhere.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The chart in words: the span, its total, the peak second and the latest second.</summary>
    public string Summary { get; private set; } = "";

    protected override void OnParametersSet()
    {
        var ticks = Ticks.Count > UsageLiveSeries.Capacity ? Ticks.Skip(Ticks.Count - UsageLiveSeries.Capacity).ToList() : Ticks;
        _series = [.. UsageKinds.All.Select(kind => new ChartSeries<double>
        {
            Name = U[$"Kind.{kind}"],
            Data = ticks.Select(t => (double)t.ByKind.GetValueOrDefault(kind)).ToArray(),
        })];
        _labels = [.. ticks.Select(t => t.At.ToUnixTimeSeconds() % 60 == 0 ? UsageFormat.Minute(t.At) : "")];
        _minutes = [.. ticks.GroupBy(t => t.At.ToUnixTimeSeconds() / 60).Select(g => new MinuteTotals(
            DateTimeOffset.FromUnixTimeSeconds(g.Key * 60),
            [.. UsageKinds.All.Select(kind => g.Sum(t => t.ByKind.GetValueOrDefault(kind)))]))];
        Summary = Describe(ticks);
    }

    private string Describe(IReadOnlyList<VolumeTick> ticks)
    {
        if (ticks.Count == 0)
        {
            return L["NoData"];
        }

        var span = $"{UsageFormat.Time(ticks[0].At)}–{UsageFormat.Time(ticks[^1].At.AddSeconds(1))} UTC";
        var total = ticks.Sum(t => t.Total);
        if (total == 0)
        {
            return L["NoMessages", span];
        }

        var peak = ticks.MaxBy(t => t.Total)!;
        return L["Summary", UsageFormat.Number(total), span, UsageFormat.Number(peak.Total), UsageFormat.Time(peak.At), UsageFormat.Number(ticks[^1].Total)];
    }

    private sealed record MinuteTotals(DateTimeOffset Start, IReadOnlyList<long> ByKind)
    {
        public long Total => ByKind.Sum();
    }
}
