using System.Net;
using System.Text;
using Dashboard.Data.Usage;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Usage;

public sealed partial class LiveVolumeChart
{
    private LiveChartGeometry _geometry = LiveChartGeometry.Of([]);
    private MarkupString _table;

    // How much of the chart's width lies before CountingSince (0–1000, as the drawing box).
    private double _before;

    /// <summary>One tick per second, oldest first; only the last <see cref="UsageLiveSeries.Capacity"/> are drawn.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<VolumeTick> Ticks { get; set; } = [];

    /// <summary>When this node began counting; the seconds before it are shaded (they hold only counts that came in later).</summary>
    [Parameter]
    public DateTimeOffset? CountingSince { get; set; }

    /// <summary>The height of the plot with its axes and legend, as a CSS length.</summary>
    [Parameter]
    public string Height { get; set; } = "300px";

    /// <summary>The lines as drawn (for tests): one per kind, named in the reader's language, one value per second.</summary>
    public IReadOnlyList<ChartLine> Series =>
        [.. UsageKinds.All.Select((kind, k) => new ChartLine(U[$"Kind.{kind}"], _geometry.Values.Skip(k * _geometry.Seconds).Take(_geometry.Seconds).ToArray()))];

    /// <summary>The labels under the chart, one per second: the time at each whole minute, empty elsewhere.</summary>
    public IReadOnlyList<string> Labels => [.. Ticks.TakeLast(UsageLiveSeries.Capacity).Select(t => t.At.ToUnixTimeSeconds() % 60 == 0 ? UsageFormat.Minute(t.At) : "")];

    /// <summary>The top of the value axis and its step, as drawn.</summary>
    public (double Max, double Step) Scale => (_geometry.Max, _geometry.Step);

    /// <summary>The chart in words: the span, its total, the peak second and the latest second.</summary>
    public string Summary { get; private set; } = "";

    protected override void OnParametersSet()
    {
        var ticks = Ticks.Count > UsageLiveSeries.Capacity ? Ticks.Skip(Ticks.Count - UsageLiveSeries.Capacity).ToList() : Ticks;
        _geometry = LiveChartGeometry.Of(ticks);
        _table = Table(ticks);
        _before = Before(ticks);
        Summary = Describe(ticks);
    }

    private double Before(IReadOnlyList<VolumeTick> ticks)
    {
        if (CountingSince is not { } since || ticks.Count < 2 || ticks[0].At >= since)
        {
            return 0;
        }

        var first = ticks.Count(t => t.At < since);
        return Math.Min(1.0, (double)first / (ticks.Count - 1)) * LiveChartGeometry.Size;
    }

    private static string Width(double x) => FormattableString.Invariant($"width: {x / LiveChartGeometry.Size * 100:0.##}%");

    private static string Top(double y) => FormattableString.Invariant($"top: {y / LiveChartGeometry.Size * 100:0.##}%");

    private static string Left(double x) => FormattableString.Invariant($"left: {x / LiveChartGeometry.Size * 100:0.##}%");

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

    /// <summary>Messages per minute and kind, with a total per minute, as a captioned table.</summary>
    private MarkupString Table(IReadOnlyList<VolumeTick> ticks)
    {
        static string Encode(string text) => WebUtility.HtmlEncode(text);
        var table = new StringBuilder(2048);
        table.Append("<table data-testid=\"live-table\"><caption>").Append(Encode(L["TableCaption"])).Append("</caption><thead><tr>");
        table.Append("<th scope=\"col\">").Append(Encode(L["Minute"])).Append("</th>");
        foreach (var kind in UsageKinds.All)
        {
            table.Append("<th scope=\"col\">").Append(Encode(U[$"Kind.{kind}"])).Append("</th>");
        }

        table.Append("<th scope=\"col\">").Append(Encode(L["Total"])).Append("</th></tr></thead><tbody>");
        foreach (var minute in ticks.GroupBy(t => t.At.ToUnixTimeSeconds() / 60).Select(g => new MinuteTotals(
            DateTimeOffset.FromUnixTimeSeconds(g.Key * 60),
            [.. UsageKinds.All.Select(kind => g.Sum(t => t.ByKind.GetValueOrDefault(kind)))])))
        {
            table.Append("<tr><th scope=\"row\">").Append(Encode(UsageFormat.Minute(minute.Start))).Append("</th>");
            foreach (var count in minute.ByKind)
            {
                table.Append("<td>").Append(Encode(UsageFormat.Number(count))).Append("</td>");
            }

            table.Append("<td>").Append(Encode(UsageFormat.Number(minute.Total))).Append("</td></tr>");
        }

        return new MarkupString(table.Append("</tbody></table>").ToString());
    }

    private sealed record MinuteTotals(DateTimeOffset Start, IReadOnlyList<long> ByKind)
    {
        public long Total => ByKind.Sum();
    }
}

/// <summary>One line of a chart: its name as the legend shows it and its values in order.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double> Data);
