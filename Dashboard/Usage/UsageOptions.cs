namespace Dashboard.Usage;

/// <summary>Settings of the <c>Usage</c> section: how long each rollup is kept, how often the journal is flushed, and the regions.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>Days minute rollups are kept; samples older than this are refused (they could no longer be stored).</summary>
    public int MinuteRetentionDays { get; set; } = 14;

    /// <summary>Days hour rollups are kept.</summary>
    public int HourRetentionDays { get; set; } = 400;

    /// <summary>Days day rollups are kept (five years).</summary>
    public int DayRetentionDays { get; set; } = 1830;

    /// <summary>How often acknowledged batches are merged from the journal into the rollups.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often expired rollup rows and batch ids are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Region name to its countries (ISO 3166-1 alpha-2). Every country belongs to exactly one region; a mapping set in
    /// configuration replaces the default one whole.
    /// </summary>
    public Dictionary<string, List<string>> Regions { get; set; } = UsageRegions.Default();

    public TimeSpan MinuteRetention => TimeSpan.FromDays(MinuteRetentionDays);

    /// <summary>
    /// Batch ids are kept a day longer than minutes: a sample may be up to 5 minutes ahead when it arrives, and a replay
    /// of a batch must stay recognisable for as long as any of its samples could still be accepted.
    /// </summary>
    public TimeSpan BatchIdRetention => MinuteRetention + TimeSpan.FromDays(1);
}
