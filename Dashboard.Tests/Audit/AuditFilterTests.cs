using Dashboard.Audit;

namespace Dashboard.Tests.Audit;

public sealed class AuditFilterTests
{
    [Fact]
    public void Parse_QueryValues_ToAuditQueryCoversWholeUtcDays()
    {
        var filter = AuditFilter.Parse(" lena ", "Business", "BusinessUpdated", "2026-03-01", "2026-03-31");

        var query = filter.ToAuditQuery(["Business"], 50, 25);

        Assert.Equal("lena", query.Actor);
        Assert.Equal("Business", query.EntityType);
        Assert.Equal("BusinessUpdated", query.Action);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(["Business"], query.VisibleEntityTypes);
        Assert.Equal(50, query.Skip);
        Assert.Equal(25, query.Take);
    }

    [Fact]
    public void Parse_BlankOrUnreadableValues_IsEmpty() =>
        Assert.True(AuditFilter.Parse(" ", "", null, "yesterday", "2026-13-45").IsEmpty);

    [Fact]
    public void ToQueryParameters_PartialFilter_DropsEmptyParameters()
    {
        var parameters = new AuditFilter(null, "Tier", null, new DateOnly(2026, 1, 2), null).ToQueryParameters();

        Assert.Equal("Tier", parameters["entity"]);
        Assert.Equal("2026-01-02", parameters["from"]);
        Assert.Null(parameters["actor"]);
        Assert.Null(parameters["to"]);
    }
}
