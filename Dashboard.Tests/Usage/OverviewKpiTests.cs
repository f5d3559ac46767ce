using AngleSharp.Dom;
using Bunit;
using Dashboard.Tests.Support;
using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>The overview's key figures: what each card says for a given state, the week's change in sign and colour, and loading.</summary>
public sealed class OverviewKpiTests : ConsoleBunitContext
{
    private static readonly DateTimeOffset s_day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static UsageToday Today(long messages = 27_345_678_901, long photos = 2_187_654_312, long todaySpan = 1_000, long lastWeek = 800) =>
        new(s_day, s_day.AddHours(14).AddMinutes(32).AddSeconds(7), messages, photos,
            new UsageWeekComparison(s_day, s_day.AddHours(14).AddMinutes(32), todaySpan, lastWeek));

    private static UsageRate Rate(double perSecond) =>
        new(s_day.AddHours(14).AddMinutes(32).AddSeconds(7), 10, perSecond, new Dictionary<string, double> { ["Europe"] = perSecond });

    private static IElement Card(IRenderedComponent<TrafficKpis> cut, string id) => cut.Find($"[data-testid={id}]");

    private static string ValueOf(IElement card) => card.QuerySelector("[data-testid=kpi-value]")!.TextContent.Trim();

    private static string CaptionOf(IElement card) => card.QuerySelector("[data-testid=kpi-caption]")!.TextContent.Trim();

    [Fact]
    public void TrafficKpis_InGerman_ShowGermanLabelsNumbersAndDays()
    {
        using var german = new Dashboard.Tests.Tiers.GermanCulture();

        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, Today()).Add(c => c.Rate, Rate(636_412.4)));

        Assert.Equal(["Nachrichten heute", "Nachrichten pro Sekunde", "Fotos heute", "Gegenüber Vorwoche"],
            cut.FindAll(".kpi-label").Select(c => c.TextContent.Trim()));
        Assert.Equal("27.345.678.901", ValueOf(Card(cut, "kpi-messages-today")));
        Assert.Equal("UTC-Tag bis jetzt, 00:00 bis 14:32:07", CaptionOf(Card(cut, "kpi-messages-today")));
        Assert.Equal("636.412", ValueOf(Card(cut, "kpi-rate")));
        Assert.Equal("8,0 % der heutigen Nachrichten", CaptionOf(Card(cut, "kpi-photos-today")));
        Assert.Equal("+25,0 %", ValueOf(Card(cut, "kpi-week-change")));
        Assert.Equal("00:00–14:32 UTC gegenüber demselben Zeitraum am Mo, 23. Feb.", CaptionOf(Card(cut, "kpi-week-change")));
    }

    [Fact]
    public void ProgrammeKpis_InGerman_ShowEurosAndSharesTheGermanWay()
    {
        using var german = new Dashboard.Tests.Tiers.GermanCulture();
        var figures = new ProgrammeFigures(s_day.AddHours(14), 6_000, 503, 935, 246_917_400, 4_516, s_day.AddDays(-30), 446, 170, 48);

        var cut = Render<ProgrammeKpis>(p => p.Add(c => c.Programme, figures));

        string Value(string id) => cut.Find($"[data-testid={id}] [data-testid=kpi-value]").TextContent.Trim();
        string Caption(string id) => cut.Find($"[data-testid={id}] [data-testid=kpi-caption]").TextContent.Trim();
        Assert.Equal("4.516", Value("kpi-active"));
        Assert.Equal("Aktive Unternehmen", cut.Find("[data-testid=kpi-active] .kpi-label").TextContent.Trim());
        Assert.Equal("8,4 % von 6.000 Unternehmen", Caption("kpi-verified"));
        Assert.Equal("2.469.174 €", Value("kpi-mrr"));
        Assert.Equal("Warten länger als 48 h auf eine Entscheidung", Caption("kpi-sla"));
    }

    [Fact]
    public void TrafficKpis_GivenToday_ShowsEachFigureWithItsCaption()
    {
        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, Today()).Add(c => c.Rate, Rate(636_412.4)));

        Assert.Equal("27,345,678,901", ValueOf(Card(cut, "kpi-messages-today")));
        Assert.Equal("UTC day so far, 00:00 to 14:32:07", CaptionOf(Card(cut, "kpi-messages-today")));
        Assert.Equal("636,412", ValueOf(Card(cut, "kpi-rate")));
        Assert.Equal("Average of the 10 s to 14:32:07 UTC", CaptionOf(Card(cut, "kpi-rate")));
        Assert.Equal("2,187,654,312", ValueOf(Card(cut, "kpi-photos-today")));
        Assert.Equal("8.0 % of today's messages", CaptionOf(Card(cut, "kpi-photos-today")));
        Assert.Equal("00:00–14:32 UTC against the same span on Mon 23 Feb", CaptionOf(Card(cut, "kpi-week-change")));
        Assert.All(cut.FindAll(".usage-kpi"), card => Assert.Equal("false", card.GetAttribute("aria-busy")));
    }

    [Theory]
    [InlineData(1_050, 1_000, "+5.0 %", "mud-success-text")]
    [InlineData(955, 1_000, "−4.5 %", "mud-error-text")]
    [InlineData(1_000, 1_000, "0.0 %", null)]
    public void TrafficKpis_ChangeAgainstLastWeek_ShowsItsSignInWordsAndColour(long today, long lastWeek, string expected, string? colour)
    {
        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, Today(todaySpan: today, lastWeek: lastWeek)).Add(c => c.Rate, Rate(1)));

        var value = Card(cut, "kpi-week-change").QuerySelector("[data-testid=kpi-value]")!;
        Assert.Equal(expected, value.TextContent.Trim());
        if (colour is null)
        {
            Assert.DoesNotContain(value.ClassList, c => c is "mud-success-text" or "mud-error-text");
            Assert.Null(value.QuerySelector("svg"));
        }
        else
        {
            Assert.Contains(colour, value.ClassList);

            // The direction is also an arrow, not colour alone.
            Assert.NotNull(value.QuerySelector("svg"));
        }
    }

    [Fact]
    public void TrafficKpis_NothingLastWeek_SaysThereIsNothingToCompareWith()
    {
        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, Today(lastWeek: 0)).Add(c => c.Rate, Rate(0)));

        Assert.Equal("–", ValueOf(Card(cut, "kpi-week-change")));
        Assert.Equal("Nothing to compare with: no messages on Mon 23 Feb to 14:32 UTC", CaptionOf(Card(cut, "kpi-week-change")));
    }

    [Fact]
    public void TrafficKpis_BeforeTheFirstWholeMinute_SaysWhenTheComparisonStarts()
    {
        var today = new UsageToday(s_day, s_day.AddSeconds(30), 12, 1, new UsageWeekComparison(s_day, s_day, 0, 0));

        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, today).Add(c => c.Rate, Rate(0)));

        Assert.Equal("–", ValueOf(Card(cut, "kpi-week-change")));
        Assert.StartsWith("Compared from 00:01 UTC", CaptionOf(Card(cut, "kpi-week-change")), StringComparison.Ordinal);
    }

    [Fact]
    public void TrafficKpis_WithoutFigures_ShowEveryCardLoadingInPlace()
    {
        var cut = Render<TrafficKpis>(p => p.Add(c => c.Today, null).Add(c => c.Rate, null));

        var cards = cut.FindAll(".usage-kpi");
        Assert.Equal(4, cards.Count);
        Assert.All(cards, card =>
        {
            Assert.Equal("true", card.GetAttribute("aria-busy"));
            Assert.NotNull(card.QuerySelector("[data-testid=kpi-loading]"));
            Assert.Null(card.QuerySelector("[data-testid=kpi-value]"));
            Assert.Contains("Loading", card.TextContent, StringComparison.Ordinal);
        });
        Assert.Equal(["Messages today", "Messages per second", "Photos today", "Against last week"], cards.Select(c => c.QuerySelector(".kpi-label")!.TextContent.Trim()));
    }

    [Fact]
    public void ProgrammeKpis_GivenFigures_ShowEachFigureWithItsCaption_AndBreachesInTheErrorColour()
    {
        var figures = new ProgrammeFigures(s_day.AddHours(14), 6_000, 503, 935, 246_917_400, 4_516, s_day.AddDays(-30), 446, 170, 48);

        var cut = Render<ProgrammeKpis>(p => p.Add(c => c.Programme, figures));

        string Value(string id) => cut.Find($"[data-testid={id}] [data-testid=kpi-value]").TextContent.Trim();
        string Caption(string id) => cut.Find($"[data-testid={id}] [data-testid=kpi-caption]").TextContent.Trim();
        Assert.Equal("4,516", Value("kpi-active"));
        Assert.Equal("Sent messages in the last 30 days (since Sat 31 Jan)", Caption("kpi-active"));
        Assert.Equal("503", Value("kpi-verified"));
        Assert.Equal("8.4 % of 6,000 businesses", Caption("kpi-verified"));
        Assert.Equal("935", Value("kpi-paying"));
        Assert.Equal("€2,469,174", Value("kpi-mrr"));
        Assert.Equal("446", Value("kpi-backlog"));
        Assert.Equal("170", Value("kpi-sla"));
        Assert.Equal("Waiting longer than 48 h for a decision", Caption("kpi-sla"));
        Assert.Contains("mud-error-text", cut.Find("[data-testid=kpi-sla] [data-testid=kpi-value]").ClassList);
        Assert.DoesNotContain("mud-error-text", cut.Find("[data-testid=kpi-backlog] [data-testid=kpi-value]").ClassList);
    }

    [Fact]
    public void ProgrammeKpis_NoBreaches_ShowZeroInTheNormalColour()
    {
        var figures = new ProgrammeFigures(s_day, 10, 0, 0, 0, 0, s_day.AddDays(-30), 0, 0, 48);

        var cut = Render<ProgrammeKpis>(p => p.Add(c => c.Programme, figures));

        var breaches = cut.Find("[data-testid=kpi-sla] [data-testid=kpi-value]");
        Assert.Equal("0", breaches.TextContent.Trim());
        Assert.DoesNotContain("mud-error-text", breaches.ClassList);
    }

    [Fact]
    public void ProgrammeKpis_WithoutFigures_ShowLoading()
    {
        var cut = Render<ProgrammeKpis>(p => p.Add(c => c.Programme, null));

        Assert.Equal(6, cut.FindAll("[data-testid=kpi-loading]").Count);
        Assert.Empty(cut.FindAll("[data-testid=kpi-value]"));
    }
}
