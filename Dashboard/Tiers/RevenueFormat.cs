using System.Globalization;
using Dashboard.Data.Tiers;

namespace Dashboard.Tiers;

/// <summary>How revenue figures read: whole euros on the page in the reader's culture, exact euros and cents in the export (invariant).</summary>
public static class RevenueFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>"€12,345" ("12.345 €" in German), rounded to the euro; "−€499" below zero.</summary>
    public static string Euros(long cents) => CultureFormat.Euro(WholeEuros(cents), 0);

    /// <summary>"+€1,200", "−€499" or "€0": a change of MRR.</summary>
    public static string Delta(long cents) => cents > 0 ? "+" + Euros(cents) : Euros(cents);

    /// <summary>"€1.2M", "€655k", "€900" ("1,2 Mio. €", "655 Tsd. €" in German): for a chart's axis.</summary>
    public static string Compact(double euros)
    {
        var size = Math.Abs(euros);
        if (CultureFormat.IsGerman)
        {
            return size >= 1_000_000 ? (euros / 1_000_000).ToString("0.#", Culture) + " Mio. €"
                : size >= 1_000 ? (euros / 1_000).ToString("0", Culture) + " Tsd. €"
                : euros.ToString("0", Culture) + " €";
        }

        return size >= 1_000_000 ? "€" + (euros / 1_000_000).ToString("0.#", Culture) + "M"
            : size >= 1_000 ? "€" + (euros / 1_000).ToString("0", Culture) + "k"
            : "€" + euros.ToString("0", Culture);
    }

    /// <summary>"1234.50": euros with two decimals and a point, for files read by other programs.</summary>
    public static string Decimal(long cents) => (cents / 100m).ToString("0.00", s_invariant);

    public static string Number(int value) => value.ToString("N0", Culture);

    /// <summary>"Nov 2026", "Nov. 2026".</summary>
    public static string Month(DateOnly month) => month.ToString("MMM yyyy", Culture);

    /// <summary>"1 Nov", "1. Nov.".</summary>
    public static string Day(DateOnly day) => day.ToString(CultureFormat.Pattern("d MMM", "d. MMM"), Culture);

    /// <summary>"Nov 26", under a chart.</summary>
    public static string ShortMonth(DateOnly month) => month.ToString("MMM yy", Culture);

    /// <summary>"2026-11", in the export.</summary>
    public static string IsoMonth(DateOnly month) => month.ToString("yyyy-MM", s_invariant);

    /// <summary>"27 Nov 2026 09:30 UTC", "27. Nov. 2026 09:30 UTC".</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString(CultureFormat.Pattern("d MMM yyyy HH:mm 'UTC'", "d. MMM yyyy HH:mm 'UTC'"), Culture);

    /// <summary>A month as the tables name it; the current one is marked as to date.</summary>
    public static string MonthLabel(RevenueMonth month) => month.IsCurrent ? TiersText.Get("Revenue.MonthToDate", Month(month.Month)) : Month(month.Month);

    private static decimal WholeEuros(long cents) => Math.Round(cents / 100m, MidpointRounding.AwayFromZero);
}
