using System.Globalization;
using Bunit;
using Dashboard.Tests.Support;
using Dashboard.Usage;
using Dashboard.Usage.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Usage;

public sealed class BackfillNoticeTests : ConsoleBunitContext
{
    private static readonly DateTimeOffset s_to = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly UsageBackfillStatus _status = new();

    public BackfillNoticeTests()
    {
        Services.AddSingleton(_status);
    }

    private static UsageBackfillProgress Running(long written) =>
        new(UsageBackfillState.Running, s_to.AddDays(-400), s_to, written, 1_000, TimeSpan.FromSeconds(3));

    [Fact]
    public void WhileTheHistoryIsWritten_SaysHowFarItIs_AndGoesAwayWhenDone()
    {
        _status.Report(Running(400));
        var notice = Render<BackfillNotice>();

        Assert.Contains("400 days", notice.Find("[data-testid=backfill-notice]").TextContent);
        Assert.Contains("40", notice.Find("[data-testid=backfill-notice]").TextContent);

        _status.Report(Running(750));
        notice.WaitForAssertion(() => Assert.Contains("75", notice.Find("[data-testid=backfill-notice]").TextContent));

        _status.Report(Running(1_000) with { State = UsageBackfillState.Completed });
        notice.WaitForAssertion(() => Assert.Empty(notice.FindAll("[data-testid=backfill-notice]")));
    }

    [Fact]
    public void WithoutABackfill_ShowsNothing()
    {
        var notice = Render<BackfillNotice>();

        Assert.Empty(notice.FindAll("[data-testid=backfill-notice]"));
    }

    [Fact]
    public void InGerman_SaysItInGerman()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            _status.Report(Running(400));
            var notice = Render<BackfillNotice>();

            Assert.Contains("Nutzungsverlauf der letzten 400 Tage", notice.Find("[data-testid=backfill-notice]").TextContent);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
