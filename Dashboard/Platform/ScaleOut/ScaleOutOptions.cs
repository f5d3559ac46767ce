namespace Dashboard.Platform.ScaleOut;

/// <summary>
/// Settings of the <c>SignalR</c> section: the Redis that several console nodes share. Unset (the embedded default),
/// the node runs alone: no backplane, live counts of its own batches only.
/// </summary>
public sealed class ScaleOutOptions
{
    public const string SectionName = "SignalR";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis01:6379,password=…,ssl=true</c>). When set, the usage hub uses
    /// the Redis backplane, nodes share their live counts over Redis pub/sub and, unless
    /// <see cref="DataProtectionKeysOptions.KeysPath"/> is set, keep their data-protection keys there.
    /// </summary>
    public string? Redis { get; set; }
}

/// <summary>Settings of the <c>DataProtection</c> section: where the keys that protect cookies and antiforgery tokens are kept.</summary>
public sealed class DataProtectionKeysOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// A folder every node can read and write (a network share). When set, the keys are kept there; when not, they are
    /// kept in Redis if <c>SignalR:Redis</c> is set, and otherwise in the default per-machine place.
    /// </summary>
    public string? KeysPath { get; set; }
}
