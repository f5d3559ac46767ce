namespace Dashboard.Data.Demo;

/// <summary>What to seed: the random seed, how many businesses, and which existing users act in the histories.</summary>
public sealed record DemoSeedOptions
{
    public const int DefaultSeed = 20170905;

    public const int DefaultBusinessCount = 6000;

    /// <summary>The smallest business count that still yields every verification state and special case.</summary>
    public const int MinBusinessCount = 200;

    public const int MaxBusinessCount = 200_000;

    /// <summary>Same seed, same business count, same users and same clock: same rows.</summary>
    public int Seed { get; init; } = DefaultSeed;

    public int BusinessCount { get; init; } = DefaultBusinessCount;

    /// <summary>Users who claim, decide and annotate requests; empty leaves those columns null.</summary>
    public IReadOnlyList<long> ReviewerUserIds { get; init; } = [];

    /// <summary>Users who give second approvals, decide escalations and revoke; empty leaves those columns null.</summary>
    public IReadOnlyList<long> SeniorReviewerUserIds { get; init; } = [];

    /// <summary>Users who enter paid subscriptions and tier changes; empty leaves those columns null.</summary>
    public IReadOnlyList<long> AccountManagerUserIds { get; init; } = [];

    internal void Validate()
    {
        if (BusinessCount is < MinBusinessCount or > MaxBusinessCount)
        {
            throw new ArgumentOutOfRangeException(nameof(BusinessCount), BusinessCount,
                $"The demo data needs between {MinBusinessCount} and {MaxBusinessCount} businesses.");
        }

        ArgumentNullException.ThrowIfNull(ReviewerUserIds);
        ArgumentNullException.ThrowIfNull(SeniorReviewerUserIds);
        ArgumentNullException.ThrowIfNull(AccountManagerUserIds);
    }
}

/// <summary>What a seeding run wrote, or that it skipped a database that already holds businesses.</summary>
public sealed record DemoSeedResult(
    bool Skipped,
    int Businesses,
    int BusinessLinks,
    int VerificationRequests,
    int VerificationDocuments,
    int VerificationEvents,
    int Subscriptions,
    TimeSpan Elapsed)
{
    public static DemoSeedResult NotNeeded(TimeSpan elapsed) => new(true, 0, 0, 0, 0, 0, 0, elapsed);
}
