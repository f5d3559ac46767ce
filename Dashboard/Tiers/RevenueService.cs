using System.Security.Claims;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Tiers;

/// <summary>
/// The revenue report for the page and its CSV export: the subscription periods of the range, read once, and the
/// figures computed from them as of now. It checks the <see cref="Policies.RevenueViewer"/> policy itself, so that
/// neither caller is the only control.
/// </summary>
public sealed class RevenueService(IRevenueStore store, IAuthorizationService authorization, TimeProvider time)
{
    /// <summary>Full months before the current one, unless the URL asks for another of <see cref="MonthChoices"/>.</summary>
    public const int DefaultMonths = 12;

    /// <summary>The ranges the page offers, in full months before the current month.</summary>
    public static IReadOnlyList<int> MonthChoices { get; } = [6, 12, 24];

    /// <summary>The range a query asks for: one of <see cref="MonthChoices"/>, else the default.</summary>
    public static int MonthsOrDefault(int? months) => months is { } value && MonthChoices.Contains(value) ? value : DefaultMonths;

    /// <summary>The report of the last <paramref name="months"/> full months and the current month to date.</summary>
    public async Task<RevenueReport> LoadAsync(ClaimsPrincipal user, int months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MonthChoices.Contains(months))
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, $"The range must be one of {string.Join(", ", MonthChoices)} months.");
        }

        if (!(await authorization.AuthorizeAsync(user, Policies.RevenueViewer)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only executives, account managers and administrators may see revenue.");
        }

        var range = RevenueRange.Ending(time.GetUtcNow(), months);
        var periods = await store.PeriodsAsync(range.Since, range.Until, cancellationToken);
        return RevenueCalculator.Compute(range, periods);
    }
}
