namespace Dashboard.Data.Usage;

/// <summary>The kinds of message the platform counts.</summary>
public static class UsageKinds
{
    public const string Text = "text";
    public const string Photo = "photo";
    public const string Video = "video";
    public const string Voice = "voice";
    public const string Document = "document";

    /// <summary>Every kind, in the order the console shows them; a kind's position is its index.</summary>
    public static IReadOnlyList<string> All { get; } = [Text, Photo, Video, Voice, Document];

    /// <summary>The position of a kind in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string? kind) => kind switch
    {
        Text => 0,
        Photo => 1,
        Video => 2,
        Voice => 3,
        Document => 4,
        _ => -1,
    };
}

/// <summary>The rollup granularities; each value is its bucket length in seconds.</summary>
public enum UsageGranularity
{
    Minute = 60,
    Hour = 3600,
    Day = 86400,
}

/// <summary>What a series is split by (a region is a group of countries, mapped by the app).</summary>
public enum UsageSplit
{
    None,
    Kind,
    Country,
    Tier,
}

/// <summary>The message count of one bucket for one country, kind and tier. <c>BucketStart</c> is in Unix seconds (UTC).</summary>
public readonly record struct UsageCell(long BucketStart, string Country, string Kind, string Tier, long MessageCount);

/// <summary>Rows for each rollup, written as they are by <see cref="IUsageStore.AddRollupRowsAsync"/>.</summary>
public sealed record UsageRollupRows(IReadOnlyList<UsageCell> Minutes, IReadOnlyList<UsageCell> Hours, IReadOnlyList<UsageCell> Days)
{
    public long Count => (long)Minutes.Count + Hours.Count + Days.Count;
}

/// <summary>One business's usage on one day: <c>Day</c> is Unix seconds of 00:00 UTC.</summary>
public sealed record BusinessUsageDay(long BusinessId, long Day, long Conversations, long Messages);

/// <summary>An accepted batch as it is journaled: its id, who sent it and its counts per minute.</summary>
public sealed record UsageBatch(Guid BatchId, DateTimeOffset ReceivedAt, int SampleCount, string? ApiKeyName, IReadOnlyList<UsageCell> MinuteCells);

/// <summary>The message count of one country, kind and tier over a range.</summary>
public sealed record UsageTotal(string Country, string Kind, string Tier, long MessageCount);

/// <summary>One point of a series: the bucket, the split's value (empty when unsplit) and the count.</summary>
public sealed record UsageSeriesPoint(long BucketStart, string Name, long MessageCount);

/// <summary>Everything older than these times is deleted by a retention pass.</summary>
public sealed record UsageRetentionCutoffs(DateTimeOffset Minutes, DateTimeOffset Hours, DateTimeOffset Days, DateTimeOffset BatchIds);

/// <summary>Rows a retention pass deleted, per table.</summary>
public sealed record UsagePurgeResult(long Minutes, long Hours, long Days, long BatchIds);

/// <summary>Bucket arithmetic shared by the store and the app.</summary>
public static class UsageBuckets
{
    public static long Seconds(this UsageGranularity granularity) => (long)granularity;

    /// <summary>The start of the bucket that holds <paramref name="unixSeconds"/>.</summary>
    public static long Floor(long unixSeconds, UsageGranularity granularity) =>
        unixSeconds - (((unixSeconds % granularity.Seconds()) + granularity.Seconds()) % granularity.Seconds());

    /// <summary>The start of the first bucket at or after <paramref name="unixSeconds"/>.</summary>
    public static long Ceiling(long unixSeconds, UsageGranularity granularity)
    {
        var floor = Floor(unixSeconds, granularity);
        return floor == unixSeconds ? floor : floor + granularity.Seconds();
    }

    /// <summary>The table that holds a granularity's rollups (an identifier, never a value).</summary>
    public static string Table(this UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.Minute => "UsageMinute",
        UsageGranularity.Hour => "UsageHour",
        UsageGranularity.Day => "UsageDay",
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };
}
