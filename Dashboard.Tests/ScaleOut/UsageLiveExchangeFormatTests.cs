using Dashboard.Usage;

namespace Dashboard.Tests.ScaleOut;

/// <summary>The message nodes exchange their live counts in: it carries tiers by code and refuses what it cannot read.</summary>
public sealed class UsageLiveExchangeFormatTests
{
    [Fact]
    public void Encode_ThenDecode_GivesTheCellsWithTierCodesAndTheNode()
    {
        var node = Guid.NewGuid();
        string[] localTiers = ["free", "business", "enterprise"];
        var second = DateTimeOffset.Parse("2026-11-27T10:00:05Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        KeyValuePair<long, long>[] cells =
        [
            new(UsageKey.Pack(second, 3, 1, 2), 1_000),
            new(UsageKey.Pack(second + 1, 40, 0, 0), 7),
            new(UsageKey.Pack(second, 3, 1, 0), long.MaxValue / 4),
        ];

        var bytes = UsageLiveExchange.Encode(node, cells, i => localTiers[i]);

        Assert.True(UsageLiveExchange.TryDecode(bytes, out var from, out var codes, out var keys, out var counts));
        Assert.Equal(node, from);
        Assert.Equal([1_000, 7, long.MaxValue / 4], counts);
        Assert.Equal(3, keys.Length);
        Assert.Equal(["enterprise", "free", "free"], keys.Select(k => codes[UsageKey.Tier(k)]));
        Assert.Equal([second, second + 1, second], keys.Select(UsageKey.Time));
        Assert.Equal([3, 40, 3], keys.Select(UsageKey.Country));
        Assert.Equal([1, 0, 1], keys.Select(UsageKey.Kind));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(1)]
    public void TryDecode_TruncatedOrOtherFormat_IsRefused(int cut)
    {
        var bytes = UsageLiveExchange.Encode(Guid.NewGuid(), [new(UsageKey.Pack(1_800_000_000, 3, 1, 0), 5)], _ => "free");
        var damaged = cut == 0 ? [2, .. bytes[1..]] : bytes[..^cut];

        Assert.False(UsageLiveExchange.TryDecode(damaged, out _, out _, out _, out _));
    }
}
