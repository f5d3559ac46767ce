namespace Dashboard.Platform;

/// <summary>Settings of the <c>Demo</c> section: demo users, demo data and the traffic simulator.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Demo mode refuses to start in the Production environment unless this is set as well.</summary>
    public bool AllowInProduction { get; set; }

    /// <summary>Seed of the demo data generator: the same seed gives the same data.</summary>
    public int Seed { get; set; } = 20170905;

    /// <summary>How many businesses the demo data has; 0 seeds none (demo users only).</summary>
    public int BusinessCount { get; set; } = 6000;

    /// <summary>The password of every demo user.</summary>
    public string Password { get; set; } = "demo";
}

/// <summary>
/// The demo users, created on first start in demo mode: one per role, and a second account manager, so that the tier
/// changes one of them entered wait for the other (four eyes) and the demo's approvals can be given.
/// </summary>
public static class DemoUsers
{
    public static IReadOnlyList<(string Email, string Name, string Role)> All { get; } =
    [
        ("reviewer@demo.local", "Lena Weber", Data.Identity.Roles.Reviewer),
        ("senior@demo.local", "Jonas Keller", Data.Identity.Roles.SeniorReviewer),
        ("manager@demo.local", "Sofia Brandt", Data.Identity.Roles.AccountManager),
        ("manager2@demo.local", "Nils Hoffmann", Data.Identity.Roles.AccountManager),
        ("exec@demo.local", "Martin Vogel", Data.Identity.Roles.Executive),
        ("admin@demo.local", "Alex Morgan", Data.Identity.Roles.Admin),
    ];
}
