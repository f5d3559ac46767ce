using System.Globalization;
using System.Text;
using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>
/// The drawing of the live chart, independent of the reader's language: one polyline per kind in a 0–1000 box (x by
/// second, y by messages per second), the value axis' round steps and where the whole minutes fall. Every overview on a
/// node draws the same seconds, so the last few drawings are kept and shared: a wall of screens holds one copy of the
/// lines' points, not one per screen.
/// </summary>
public sealed class LiveChartGeometry
{
    /// <summary>The drawing box is <see cref="Size"/> units wide and high; the chart stretches it to its size.</summary>
    public const int Size = 1000;

    private const int Shared = 4;
    private static readonly Lock s_lock = new();
    private static readonly (long[] Key, LiveChartGeometry Geometry)?[] s_recent = new (long[], LiveChartGeometry)?[Shared];
    private static int s_next;

    private LiveChartGeometry(IReadOnlyList<string> points, IReadOnlyList<double> values, double max, double step, IReadOnlyList<(double X, DateTimeOffset At)> minutes)
    {
        Points = points;
        Values = values;
        Max = max;
        Step = step;
        Minutes = minutes;
        Svg = DrawSvg();
    }

    /// <summary>
    /// The plot as one <c>svg</c> element: the value lines and one polyline per kind (its kind in <c>data-kind</c>), each
    /// in <see cref="Palette"/>'s colour. One piece of markup is one render frame, shared by every page that shows it.
    /// </summary>
    public string Svg { get; }

    /// <summary>Colours per kind, in the order of <see cref="UsageKinds.All"/>; readable on the light and the dark theme.</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#26A69A", "#AB47BC", "#FFA726", "#42A5F5", "#8D9BA3"];

    /// <summary>The SVG <c>points</c> of each kind's line, in the order of <see cref="UsageKinds.All"/>.</summary>
    public IReadOnlyList<string> Points { get; }

    /// <summary>Messages per second, kind after kind (<see cref="UsageKinds.All"/>), second after second.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The top of the value axis: a whole number of <see cref="Step"/>s at or above the busiest second.</summary>
    public double Max { get; }

    /// <summary>The distance between the value axis' lines: 1, 2 or 5 times a power of ten (steps that the axis' short labels write exactly).</summary>
    public double Step { get; }

    /// <summary>Where each whole minute falls along the chart (0–<see cref="Size"/>), and which minute it is.</summary>
    public IReadOnlyList<(double X, DateTimeOffset At)> Minutes { get; }

    /// <summary>How many seconds each line has.</summary>
    public int Seconds => Values.Count / UsageKinds.All.Count;

    /// <summary>The value axis' lines from 0 to <see cref="Max"/>, with their height in the box (0 at the top).</summary>
    public IEnumerable<(double Value, double Y)> ValueLines()
    {
        var steps = (int)Math.Round(Max / Step);
        for (var i = 0; i <= steps; i++)
        {
            var value = i * Step;
            yield return (value, Size - value / Max * Size);
        }
    }

    /// <summary>The drawing of these seconds, shared with any overview that drew the same figures a moment ago.</summary>
    public static LiveChartGeometry Of(IReadOnlyList<VolumeTick> ticks)
    {
        var key = Key(ticks);
        lock (s_lock)
        {
            foreach (var recent in s_recent)
            {
                if (recent is { } r && r.Key.AsSpan().SequenceEqual(key))
                {
                    return r.Geometry;
                }
            }
        }

        var geometry = Draw(ticks, key);
        lock (s_lock)
        {
            s_recent[s_next] = (key, geometry);
            s_next = (s_next + 1) % Shared;
        }

        return geometry;
    }

    /// <summary>The round step and top of an axis that shows <paramref name="peak"/> in at most <paramref name="lines"/> steps.</summary>
    public static (double Max, double Step) Scale(double peak, int lines = 5)
    {
        if (peak <= 0)
        {
            return (10, 2);
        }

        var raw = peak / lines;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        } * magnitude;
        step = Math.Max(step, 1);
        return (Math.Ceiling(peak / step) * step, step);
    }

    private string DrawSvg()
    {
        var svg = new StringBuilder(Points.Sum(p => p.Length) + 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Size} {Size}\" preserveAspectRatio=\"none\" focusable=\"false\">");
        foreach (var (_, y) in ValueLines())
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"line-chart-grid\" x1=\"0\" x2=\"{Size}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"></line>");
        }

        for (var k = 0; k < Points.Count; k++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<polyline class=\"line-chart-line\" points=\"{Points[k]}\" stroke=\"{Palette[k]}\" data-kind=\"{UsageKinds.All[k]}\"></polyline>");
        }

        return svg.Append("</svg>").ToString();
    }

    // The first second, then each kind's counts second by second: two drawings with the same key are the same drawing.
    private static long[] Key(IReadOnlyList<VolumeTick> ticks)
    {
        var kinds = UsageKinds.All;
        var key = new long[1 + ticks.Count * kinds.Count];
        key[0] = ticks.Count > 0 ? ticks[0].At.ToUnixTimeSeconds() : 0;
        for (var k = 0; k < kinds.Count; k++)
        {
            for (var i = 0; i < ticks.Count; i++)
            {
                key[1 + k * ticks.Count + i] = ticks[i].ByKind.GetValueOrDefault(kinds[k]);
            }
        }

        return key;
    }

    private static LiveChartGeometry Draw(IReadOnlyList<VolumeTick> ticks, long[] key)
    {
        var values = new double[key.Length - 1];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = key[i + 1];
        }

        var (max, step) = Scale(values.Length > 0 ? values.Max() : 0);
        var n = ticks.Count;
        double X(int i) => n > 1 ? (double)i * Size / (n - 1) : 0;
        var points = new string[UsageKinds.All.Count];
        var text = new StringBuilder(n * 10);
        for (var k = 0; k < points.Length; k++)
        {
            text.Clear();
            for (var i = 0; i < n; i++)
            {
                var y = Size - values[k * n + i] / max * Size;
                text.Append(CultureInfo.InvariantCulture, $"{X(i):0.#},{y:0.#} ");
            }

            points[k] = text.ToString().TrimEnd();
        }

        var minutes = new List<(double, DateTimeOffset)>();
        for (var i = 0; i < n; i++)
        {
            if (ticks[i].At.ToUnixTimeSeconds() % 60 == 0)
            {
                minutes.Add((X(i), ticks[i].At));
            }
        }

        return new LiveChartGeometry(points, values, max, step, minutes);
    }
}
