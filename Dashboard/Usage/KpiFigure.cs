using MudBlazor;

namespace Dashboard.Usage;

/// <summary>What a <see cref="KpiCard"/> shows.</summary>
/// <param name="Label">What the figure is.</param>
/// <param name="Value">The figure as shown; null while it is loading.</param>
/// <param name="Caption">How it is counted.</param>
/// <param name="TestId">The card's <c>data-testid</c>.</param>
/// <param name="Loading">The words under a figure that is still loading, in the reader's language.</param>
public sealed record KpiFigure(string Label, string? Value, string? Caption, string TestId, string Loading)
{
    /// <summary>The value's colour (a rise in green, a fall in red).</summary>
    public Color Color { get; init; } = Color.Default;

    /// <summary>An icon before the value (a trend arrow), in the value's colour.</summary>
    public string? Icon { get; init; }

    /// <summary>The headline figure of a row: larger type.</summary>
    public bool Primary { get; init; }
}
