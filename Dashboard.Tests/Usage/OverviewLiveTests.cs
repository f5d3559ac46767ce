using System.Security.Claims;
using Bunit;
using Dashboard.Data.Usage;
using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The live chart and the overview as ticks arrive: series per kind and their text alternative, never more than 300 points,
/// a new tick moving the window on, at most two renders a second, and the feed let go when the overview closes.
/// </summary>
public sealed class OverviewLiveTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = OverviewWorld.Start;

    private readonly BunitContext _context = new();
    private OverviewWorld _world = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await OverviewWorld.CreateAsync();
        _world.AddTo(_context, new ClaimsPrincipal(new ClaimsIdentity()));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _world.DisposeAsync();
    }

    private static VolumeTick Tick(DateTimeOffset at, long text, long photo = 0) =>
        new(at, text + photo,
            UsageKinds.All.ToDictionary(k => k, k => k == UsageKinds.Text ? text : k == UsageKinds.Photo ? photo : 0L),
            new Dictionary<string, long> { ["Europe"] = text + photo });

    private static double Y(ChartLine series, int index) => series.Data[index];

    [Fact]
    public void LiveVolumeChart_GivenTicks_DrawsOneSeriesPerKind_AndSaysTheSameInWords()
    {
        // Five minutes to 10:05:30, one message a second more each second, with a burst of photos at 10:03:00.
        var ticks = Enumerable.Range(0, 300)
            .Select(i => s_start.AddSeconds(-300 + i))
            .Select((at, i) => Tick(at, i + 1, at == new DateTimeOffset(2026, 3, 2, 10, 3, 0, TimeSpan.Zero) ? 1_000 : 0))
            .ToList();

        var cut = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks));

        var chart = cut.Instance;
        Assert.Equal(["Text", "Photo", "Video", "Voice", "Document"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.Equal(300, s.Data.Count));
        Assert.Equal(1, Y(chart.Series[0], 0));
        Assert.Equal(300, Y(chart.Series[0], 299));
        Assert.Equal(1_000, Y(chart.Series[1], 150));
        Assert.Equal(["10:01", "10:02", "10:03", "10:04", "10:05"], chart.Labels.Where(l => l.Length > 0));
        Assert.Equal(300, chart.Labels.Count);

        const string expected = "46,150 messages from 10:00:30–10:05:30 UTC; peak 1,151 per second at 10:03:00; latest second 300.";
        Assert.Equal(expected, cut.Find("[data-testid=live-summary]").TextContent.Trim());

        // The table behind the chart: one row per minute touched, each kind and the total.
        var rows = cut.FindAll("[data-testid=live-table] tbody tr");
        Assert.Equal(["10:00", "10:01", "10:02", "10:03", "10:04", "10:05"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["10:03", "10,830", "1,000", "0", "0", "0", "11,830"], rows[3].Children.Select(c => c.TextContent));
    }

    [Fact]
    public void LiveVolumeChart_DrawsALinePerKind_OnARoundValueAxis_WithTheMinutesUnderIt()
    {
        // Text rises from 1 to 300 a second; photos burst to 1,000 at 10:03:00; the busiest second of any line is 1,000.
        var ticks = Enumerable.Range(0, 300)
            .Select(i => s_start.AddSeconds(-300 + i))
            .Select((at, i) => Tick(at, i + 1, at == new DateTimeOffset(2026, 3, 2, 10, 3, 0, TimeSpan.Zero) ? 1_000 : 0))
            .ToList();

        var cut = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks));

        var lines = cut.FindAll("[data-testid=live-plot] polyline");
        Assert.Equal(["text", "photo", "video", "voice", "document"], lines.Select(l => l.GetAttribute("data-kind")));
        Assert.Equal(5, lines.Select(l => l.GetAttribute("stroke")).Distinct().Count());
        Assert.All(lines, l => Assert.Equal(300, l.GetAttribute("points")!.Split(' ').Length));

        // Steps of 200 up to 1,000: the photo burst touches the top, text's last second (300) is 30 % up.
        Assert.Equal(["0", "200", "400", "600", "800", "1k"], cut.FindAll(".line-chart-y span").Select(s => s.TextContent));
        var photo = lines[1].GetAttribute("points")!.Split(' ');
        Assert.Equal("501.7,0", photo[150]);
        Assert.Equal("1000,700", lines[0].GetAttribute("points")!.Split(' ')[^1]);
        Assert.Equal(["10:01", "10:02", "10:03", "10:04", "10:05"], cut.FindAll(".line-chart-x span").Select(s => s.TextContent));
        Assert.Equal(["Text", "Photo", "Video", "Voice", "Document"], cut.FindAll(".line-chart-legend li").Select(li => li.TextContent));
    }

    [Fact]
    public void LiveVolumeChart_NodeStartedWithinTheFiveMinutes_ShadesTheSecondsBeforeAndSaysWhy()
    {
        var ticks = Enumerable.Range(0, 300).Select(i => Tick(s_start.AddSeconds(-300 + i), i < 150 ? 0 : 500)).ToList();

        var started = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks).Add(c => c.CountingSince, ticks[150].At));

        Assert.Equal("width: 50.17%", started.Find("[data-testid=live-before]").GetAttribute("style"));
        Assert.Equal("This node has counted since 10:03:00 UTC; the shaded seconds before that hold only counts that reached it later.",
            started.Find("[data-testid=live-since]").TextContent);

        var runningLonger = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks).Add(c => c.CountingSince, ticks[0].At.AddHours(-1)));
        Assert.Empty(runningLonger.FindAll("[data-testid=live-before]"));
        Assert.Empty(runningLonger.FindAll("[data-testid=live-since]"));
    }

    [Fact]
    public void LiveChartGeometry_SameSeconds_AreDrawnOnceForEveryOverview()
    {
        var ticks = Enumerable.Range(0, 300).Select(i => Tick(s_start.AddSeconds(-300 + i), 7 * i)).ToList();
        var sameFiguresReadAgain = ticks.Select(t => t with { ByKind = new Dictionary<string, long>(t.ByKind) }).ToList();
        var oneMore = ticks.Select((t, i) => i == 299 ? Tick(t.At, 7 * i + 1) : t).ToList();

        var first = LiveChartGeometry.Of(ticks);

        Assert.Same(first, LiveChartGeometry.Of(sameFiguresReadAgain));
        Assert.NotSame(first, LiveChartGeometry.Of(oneMore));
        Assert.NotEqual(first.Svg, LiveChartGeometry.Of(oneMore).Svg);
    }

    [Theory]
    [InlineData(0, 10, 2)]
    [InlineData(1_000, 1_000, 200)]
    [InlineData(1_151, 1_500, 500)]
    [InlineData(614_295, 800_000, 200_000)]
    [InlineData(3, 3, 1)]
    public void LiveChartGeometry_Scale_IsARoundStepAboveThePeak(double peak, double max, double step) =>
        Assert.Equal((max, step), LiveChartGeometry.Scale(peak));

    [Fact]
    public void LiveVolumeChart_MoreTicksThanItDraws_DrawsOnlyTheLast300Seconds()
    {
        var ticks = Enumerable.Range(0, 400).Select(i => Tick(s_start.AddSeconds(-400 + i), i)).ToList();

        var cut = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks));

        Assert.All(cut.Instance.Series, s => Assert.Equal(UsageLiveSeries.Capacity, s.Data.Count));
        Assert.Equal(100, Y(cut.Instance.Series[0], 0));
        Assert.Equal(399, Y(cut.Instance.Series[0], 299));
    }

    [Fact]
    public void LiveVolumeChart_NoTraffic_SaysSo()
    {
        var ticks = Enumerable.Range(0, 300).Select(i => Tick(s_start.AddSeconds(-300 + i), 0)).ToList();

        var cut = _context.Render<LiveVolumeChart>(p => p.Add(c => c.Ticks, ticks));

        Assert.Equal("No messages from 10:00:30–10:05:30 UTC.", cut.Find("[data-testid=live-summary]").TextContent.Trim());
    }

    [Fact]
    public async Task Overview_NewTick_MovesTheChartOnASecond_AndUpdatesTheFigures()
    {
        for (var i = 1; i <= 310; i++)
        {
            _world.Count(s_start.AddSeconds(-i), UsageKinds.Text, 1_000 + i);
        }

        var cut = _context.Render<UsageOverview>();

        // The chart stays two seconds behind the last complete second (10:05:29), for counts sent just after a second ends.
        var chart = cut.FindComponent<LiveVolumeChart>();
        Assert.Equal(1_302, Y(chart.Instance.Series[0], 0));
        Assert.Equal(1_003, Y(chart.Instance.Series[0], 299));
        Assert.Equal(1, _world.Feed.Subscriptions);

        // Photos that arrived late for 10:05:28, the second the next tick brings into the chart.
        _world.Count(s_start.AddSeconds(-2), UsageKinds.Photo, 77);
        await _world.TickAsync();

        cut.WaitForAssertion(() => Assert.Equal(77, Y(chart.Instance.Series[1], 299)));
        Assert.All(chart.Instance.Series, s => Assert.Equal(300, s.Data.Count));
        Assert.Equal(1_301, Y(chart.Instance.Series[0], 0));
        Assert.Equal(1_002, Y(chart.Instance.Series[0], 299));
        Assert.EndsWith("latest second 1,079.", cut.Find("[data-testid=live-summary]").TextContent.Trim(), StringComparison.Ordinal);

        // The rate is the average of the ten seconds to 10:05:29: texts 1,011 … 1,002 and the 77 photos, 1,014.2 a second.
        Assert.Equal("1,014", cut.Find("[data-testid=kpi-rate] [data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("Average of the 10 s to 10:05:29 UTC", cut.Find("[data-testid=kpi-rate] [data-testid=kpi-caption]").TextContent.Trim());
        Assert.Equal("Live · 10:05:31 UTC", cut.Find("[data-testid=usage-clock]").TextContent.Trim());
        Assert.Equal(5, cut.FindAll("[data-testid=region-row]").Count);
        Assert.Equal("1,014", cut.Find("[data-testid=region-row] [data-testid=region-value]").FirstChild!.TextContent);
    }

    [Fact]
    public async Task Overview_MessagesToday_CountsTheRollupsAndTheLiveSecondsOnce()
    {
        await _world.SendAsync(s_start.AddHours(-9), UsageKinds.Text, 1_000_000);
        await _world.SendAsync(s_start.AddSeconds(-45), UsageKinds.Photo, 2_000);
        await _world.SendAsync(s_start.AddSeconds(-5), UsageKinds.Text, 300);
        await _world.SendAsync(s_start.AddDays(-1), UsageKinds.Text, 99);

        var cut = _context.Render<UsageOverview>();

        string Value(string id) => cut.Find($"[data-testid={id}] [data-testid=kpi-value]").TextContent.Trim();
        Assert.Equal("1,002,300", Value("kpi-messages-today"));
        Assert.Equal("2,000", Value("kpi-photos-today"));

        await _world.SendAsync(s_start, UsageKinds.Text, 7);
        await _world.TickAsync();

        cut.WaitForAssertion(() => Assert.Equal("1,002,307", Value("kpi-messages-today")));
    }

    [Fact]
    public async Task Overview_TicksWithinHalfASecondOfAnUpdate_WaitForTheNextHalfSecond()
    {
        var cut = _context.Render<UsageOverview>();
        var chart = cut.FindComponent<LiveVolumeChart>();
        await _world.TickAsync();
        cut.WaitForAssertion(() => Assert.Equal("Live · 10:05:31 UTC", cut.Find("[data-testid=usage-clock]").TextContent.Trim()));

        // More counts for the second just drawn, and three ticks at once (a timer that stalled): nothing is drawn
        // before half a second has passed since the last update.
        _world.Count(s_start.AddSeconds(-2), UsageKinds.Photo, 50);
        for (var i = 0; i < 3; i++)
        {
            await _world.Feed.PublishAsync(_world.Window.Tick(_world.Window.LastCompleteSecond));
        }

        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(0, Y(chart.Instance.Series[1], 299));

        _world.Time.Advance(UsageOverview.MinRenderInterval);
        cut.WaitForAssertion(() => Assert.Equal(50, Y(chart.Instance.Series[1], 299)));
    }

    [Fact]
    public async Task Overview_Closed_LetsGoOfTheFeed()
    {
        var cut = _context.Render<UsageOverview>();
        Assert.Equal(1, _world.Feed.Subscriptions);

        await _context.DisposeComponentsAsync();

        Assert.Equal(0, _world.Feed.Subscriptions);
        await _world.TickAsync();
    }
}
