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
    [InlineData(9_999, 1)]
    [InlineData(10_000, 10)]
    [InlineData(3_586_781_309, 1_000_000)]
    [InlineData(59_207_391_557, 10_000_000)]
    [InlineData(1_000_000_000_000, 1_000_000_000)]
    public void ChartUnit_KeepsTheLargestPointBetweenTenAndTenThousand(long max, double unit) => Assert.Equal(unit, HistoryFormat.ChartUnit(max));

    [Theory]
    [InlineData(3_586_781_309, "0, 1 bn, 2 bn, 3 bn, 4 bn")]
    [InlineData(59_207_391_557, "0, 20 bn, 40 bn, 60 bn")]
    [InlineData(63_000, "0, 20 k, 40 k, 60 k, 80 k")]
    [InlineData(7, "0, 2, 4, 6, 8")]
    public void ChartAxis_ForTheBusiestPoint_HasRoundStepsUpToIt(long peak, string labels)
    {
        // The chart draws lines at every step from 0 to the first step at or above the peak, doubling the step past six lines.
        var unit = HistoryFormat.ChartUnit(peak);
        double step = HistoryFormat.ChartStep(peak / unit);
        while (Math.Ceiling(peak / unit / step) + 1 > 6)
        {
            step *= 2;
        }

        var steps = (int)Math.Ceiling(peak / unit / step);
        Assert.Equal(labels, string.Join(", ", Enumerable.Range(0, steps + 1).Select(i => HistoryFormat.Compact(i * step * unit))));
    }
}
