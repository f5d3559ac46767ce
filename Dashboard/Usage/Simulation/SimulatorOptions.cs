namespace Dashboard.Usage.Simulation;

/// <summary>
/// Settings of the <c>Usage:Simulator</c> section: the built-in traffic simulator, on in demo mode (Development) and off
/// by default. It sends the traffic model's counts through the same ingest path as the platform and, on first start,
/// writes the model's history into the rollups.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Usage:Simulator";

    /// <summary>Whether the simulator runs. It writes made-up traffic into the usage tables, so production leaves it off.</summary>
    public bool Enabled { get; set; }

    /// <summary>The simulator refuses to start in the Production environment unless this is set as well.</summary>
    public bool AllowInProduction { get; set; }

    /// <summary>Decides the campaigns and the noise: the same seed gives the same traffic.</summary>
    public int Seed { get; set; } = 20170905;

    /// <summary>When the simulated platform carries about 636,000 messages a second on average; it grows 20 % a year from there.</summary>
    public DateTimeOffset Reference { get; set; } = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Days of day and hour rollups written on first start (today included); 0 writes no history.</summary>
    public int BackfillDays { get; set; } = 400;

    /// <summary>Days, up to the start, of minute rollups written on first start (from a whole hour).</summary>
    public int BackfillMinuteDays { get; set; } = 14;

    /// <summary>How often a batch is sent; each holds every whole second since the one before.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(1);
}
