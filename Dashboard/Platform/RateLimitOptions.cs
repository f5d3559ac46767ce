namespace Dashboard.Platform;

/// <summary>Settings of the <c>Api:RateLimits</c> section: token buckets per API key, one for usage ingest and one for every other API call.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Api:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary><c>POST /api/v1/usage/volume</c>: a platform node sends about one batch a second; retries and catch-up need headroom.</summary>
    public BucketSettings Ingest { get; set; } = new() { PermitsPerSecond = 50, Burst = 200 };

    /// <summary>Every other <c>/api/v1</c> call (reads, entitlements, verification intake).</summary>
    public BucketSettings Requests { get; set; } = new() { PermitsPerSecond = 20, Burst = 100 };

    /// <summary>One token bucket: <see cref="Burst"/> requests at once, refilled by <see cref="PermitsPerSecond"/>.</summary>
    public sealed class BucketSettings
    {
        public int PermitsPerSecond { get; set; }

        public int Burst { get; set; }

        /// <summary>How often the bucket is refilled (with <see cref="PermitsPerSecond"/> × the period's seconds, at most <see cref="Burst"/>).</summary>
        public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
    }
}
