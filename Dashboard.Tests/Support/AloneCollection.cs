namespace Dashboard.Tests.Support;

/// <summary>
/// Tests that run when no other test runs: those that read process-wide instruments (every host's "Dashboard" meter
/// reaches every metrics listener in the process), and those that step a fake clock against a host's background
/// services and wait on the real clock for each step.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
