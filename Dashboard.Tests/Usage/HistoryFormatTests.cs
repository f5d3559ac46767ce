using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>How the usage history writes counts, changes, spans and point lengths.</summary>
public sealed class HistoryFormatTests
{
    [Theory]
    [InlineData(300, "5 minutes")]
    [InlineData(3600, "1 hour")]
    [InlineData(7200, "2 hours")]
    [InlineData(86_400, "1 day")]
    [InlineData(7 * 86_400, "7 days")]
    [InlineData((7 * 86_400) + 7200, "7 days 2 hours")]
    public void Length_Seconds_ReadsAsPeopleSayIt(long seconds, string expected) => Assert.Equal(expected, HistoryFormat.Length(seconds));

    [Theory]
    [InlineData(55_234_000_000d, "55.23 bn")]
    [InlineData(636_000_000d, "636 M")]
    [InlineData(12_345d, "12.3 k")]
    [InlineData(900d, "900")]
    public void Compact_AxisValues_AreShort(double value, string expected) => Assert.Equal(expected, HistoryFormat.Compact(value));

    [Fact]
    public void Change_ComparedWithNothing_IsADash_AndSignsAreShown()
    {
        Assert.Null(HistoryFormat.ChangePercent(5, 0));
        Assert.Equal("—", HistoryFormat.Change(null));
        Assert.Equal("+25.0 %", HistoryFormat.Change(HistoryFormat.ChangePercent(125, 100)));
        Assert.Equal("\u221210.0 %", HistoryFormat.Change(HistoryFormat.ChangePercent(180, 200)));
        Assert.Equal("0.0 %", HistoryFormat.Change(0));
        Assert.Equal(("-10.00", ""), (HistoryFormat.CsvChange(-10), HistoryFormat.CsvChange(null)));
    }

    [Fact]
    public void Span_WholeDays_NameTheLastDayIncluded_OtherwiseTimes()
    {
        Assert.Equal("16 May 2026 – 14 Jun 2026 (UTC)", HistoryFormat.Span(HistoryWorld.At(2026, 5, 16), HistoryWorld.At(2026, 6, 15)));
        Assert.Equal("14 Jun 2026 (UTC)", HistoryFormat.Span(HistoryWorld.At(2026, 6, 14), HistoryWorld.At(2026, 6, 15)));
        Assert.Equal("14 Jun 2026 12:30 – 15 Jun 2026 12:30 UTC", HistoryFormat.Span(HistoryWorld.At(2026, 6, 14, 12, 30), HistoryWorld.At(2026, 6, 15, 12, 30)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(999, 1)]
    [InlineData(1_000, 1_000)]
    [InlineData(999_999, 1_000)]
    [InlineData(59_207_391_557, 1_000_000_000)]
    [InlineData(1_000_000_000_000, 1_000_000_000_000)]
    public void ChartUnit_KeepsTheLargestPointBelowAThousand(long max, double unit) => Assert.Equal(unit, HistoryFormat.ChartUnit(max));
}
