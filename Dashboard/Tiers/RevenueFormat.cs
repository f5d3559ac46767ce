using System.Globalization;
using Dashboard.Data.Tiers;

namespace Dashboard.Tiers;

/// <summary>How revenue figures read: whole euros on the page, exact euros and cents in the export.</summary>
public static class RevenueFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>"€12,345", rounded to the euro.</summary>
    public static string Euros(long cents) =>
        cents < 0 ? "−" + Euros(-cents) : "€" + WholeEuros(cents).ToString("N0", s_invariant);

    /// <summary>"+€1,200", "−€499" or "€0": a change of MRR.</summary>
    public static string Delta(long cents) => cents > 0 ? "+" + Euros(cents) : Euros(cents);

    /// <summary>"€1.2M", "€655k", "€900": for a chart's axis.</summary>
    public static string Compact(double euros)
    {
        var size = Math.Abs(euros);
        return size >= 1_000_000 ? string.Create(s_invariant, $"€{euros / 1_000_000:0.#}M")
            : size >= 1_000 ? string.Create(s_invariant, $"€{euros / 1_000:0}k")
            : string.Create(s_invariant, $"€{euros:0}");
    }

    /// <summary>"1234.50": euros with two decimals and a point, for files read by other programs.</summary>
    public static string Decimal(long cents) => (cents / 100m).ToString("0.00", s_invariant);

    public static string Number(int value) => value.ToString("N0", s_invariant);

    /// <summary>"Nov 2026".</summary>
    public static string Month(DateOnly month) => month.ToString("MMM yyyy", s_invariant);

    /// <summary>"1 Nov".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM", s_invariant);

    /// <summary>"Nov 26", under a chart.</summary>
    public static string ShortMonth(DateOnly month) => month.ToString("MMM yy", s_invariant);

    /// <summary>"2026-11", in the export.</summary>
    public static string IsoMonth(DateOnly month) => month.ToString("yyyy-MM", s_invariant);

    /// <summary>"27 Nov 2026 09:30 UTC".</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", s_invariant);

    /// <summary>A month as the tables name it; the current one is marked as to date.</summary>
    public static string MonthLabel(RevenueMonth month) => month.IsCurrent ? Month(month.Month) + " (to date)" : Month(month.Month);

    private static decimal WholeEuros(long cents) => Math.Round(cents / 100m, MidpointRounding.AwayFromZero);
}
