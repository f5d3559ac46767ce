using System.Buffers;
using System.Globalization;
using System.Text;
using Dashboard.Usage;

namespace Dashboard.Tests.Usage;

/// <summary>The batch parser's fast paths agree with the general ones.</summary>
public sealed class UsageBatchParserTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-03T07:59:59Z")]
    [InlineData("2028-02-29T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2026-12-31T00:00:00Z")]
    public void TryParseUtcSecond_SendersForm_IsTheSameSecondAsDateTimeOffset(string at)
    {
        Assert.True(UsageBatchParser.TryParseUtcSecond(Encoding.UTF8.GetBytes(at), out var second));

        Assert.Equal(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture).ToUnixTimeSeconds(), second);
    }

    [Theory]
    [InlineData("2026-02-29T12:00:00Z")]
    [InlineData("2026-11-03T24:00:00Z")]
    [InlineData("2026-11-03T12:60:00Z")]
    [InlineData("2026-13-03T12:00:00Z")]
    [InlineData("2026-11-03T12:00:00.5Z")]
    [InlineData("2026-11-03T12:00:00+00:00")]
    [InlineData("2026-11-03t12:00:00z")]
    [InlineData("2026-11-0XT12:00:00Z")]
    [InlineData("0000-11-03T12:00:00Z")]
    public void TryParseUtcSecond_AnyOtherForm_IsLeftToTheGeneralPath(string at)
    {
        Assert.False(UsageBatchParser.TryParseUtcSecond(Encoding.UTF8.GetBytes(at), out _));
    }

    [Fact]
    public void Parse_EscapedNamesAndValues_ReadsTheSameSamplesAsPlainOnes()
    {
        const string Plain = """{"batchId":"3f2b8c1e-8d4a-4c55-9a1e-2f0c6b7d9e10","samples":[{"at":"2026-11-03T07:59:00Z","country":"DE","kind":"photo","tier":"business","count":7}]}""";
        const string Escaped = """{"batchId":"3f2b8c1e-8d4a-4c55-9a1e-2f0c6b7d9e10","samples":[{"\u0061t":"2026-11-03T07:59:00\u005A","c\u006Funtry":"D\u0045","kin\u0064":"photo","ti\u0065r":"business","co\u0075nt":7}]}""";

        var plain = Parse(Plain);
        var escaped = Parse(Escaped);

        var sample = Assert.Single(plain);
        Assert.Equal(s_now.AddMinutes(-1).ToUnixTimeSeconds(), sample.Second);
        Assert.Equal(7, sample.Count);
        Assert.Equal(plain, escaped);
    }

    [Fact]
    public void Parse_TimesAcrossHoursAndDays_EachIsItsOwnSecond()
    {
        string[] times = ["2026-11-03T07:59:59Z", "2026-11-03T07:00:00Z", "2026-11-02T23:59:59Z", "2026-11-03T00:00:00Z", "2026-11-03T07:59:58Z", "2026-10-31T07:59:58Z"];
        var json = "{\"batchId\":\"3f2b8c1e-8d4a-4c55-9a1e-2f0c6b7d9e10\",\"samples\":["
            + string.Join(",", times.Select(t => $$"""{"at":"{{t}}","country":"DE","kind":"text","tier":"free","count":1}"""))
            + "]}";

        var samples = Parse(json);

        Assert.Equal(times.Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture).ToUnixTimeSeconds()), samples.Select(s => s.Second));
    }

    [Fact]
    public void Parse_OneBadDateAmongGoodOnes_NamesThatSample()
    {
        const string Json = """{"batchId":"3f2b8c1e-8d4a-4c55-9a1e-2f0c6b7d9e10","samples":[{"at":"2026-11-03T07:59:00Z","country":"DE","kind":"text","tier":"free","count":1},{"at":"2026-02-30T07:59:00Z","country":"DE","kind":"text","tier":"free","count":1}]}""";
        var errors = new IngestErrors();
        using var samples = new SampleBuffer();

        UsageBatchParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Json)), Rules(), samples, errors);

        Assert.Equal(["samples[1].at"], errors.ToDictionary()!.Keys);
    }

    private static ValidSample[] Parse(string json)
    {
        var errors = new IngestErrors();
        using var samples = new SampleBuffer();
        var id = UsageBatchParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Rules(), samples, errors);
        Assert.False(errors.Any);
        Assert.NotNull(id);
        return samples.Items.ToArray();
    }

    private static SampleRules Rules()
    {
        var catalogue = new UsageTiers.Catalogue([.. new[] { "free", "business", "enterprise" }.Select((t, i) => (t, Encoding.UTF8.GetBytes(t), i))]);
        var now = s_now.ToUnixTimeSeconds();
        return new SampleRules(now, now - (14 * 86_400), now + 300, 14, catalogue);
    }
}
