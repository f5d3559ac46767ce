using System.Security.Claims;
using Dashboard.Data.Usage;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Usage;

/// <summary>One series of the chart: its points after downsampling (one per <see cref="HistoryPlan.BucketStarts"/>) and its total.</summary>
public sealed record HistorySeries(string Key, string Name, IReadOnlyList<long> Points, long Total)
{
    public static HistorySeries Of(string key, string name, IReadOnlyList<long> points) => new(key, name, points, points.Sum());
}

/// <summary>
/// One row of the comparison: a series' total over the compared span and over each compared period (null when that
/// period is not compared or no longer held). The row of all messages has the key <see cref="UsageHistoryService.AllKey"/>.
/// </summary>
public sealed record HistoryComparisonRow(string Key, string Name, long Current, long? PreviousPeriod, long? PreviousYear)
{
    public double? PreviousPeriodChange => PreviousPeriod is { } before ? HistoryFormat.ChangePercent(Current, before) : null;

    public double? PreviousYearChange => PreviousYear is { } before ? HistoryFormat.ChangePercent(Current, before) : null;
}

/// <summary>What the usage history shows for one view: the series, the comparison, and the busiest businesses.</summary>
public sealed record HistoryReport(
    HistoryPlan Plan,
    IReadOnlyList<HistorySeries> Series,
    HistorySeries? PreviousPeriodLine,
    IReadOnlyList<HistoryComparisonRow> Comparison,
    IReadOnlyList<BusinessVolume> TopBusinesses)
{
    public long Total => Series.Sum(s => s.Total);
}

/// <summary>
/// The usage history for the page and its CSV export: series from the rollup the <see cref="HistoryPlanner"/> chooses,
/// downsampled on the server, comparison totals, and the businesses with the most messages. It checks the
/// <see cref="Policies.UsageViewer"/> policy itself, so that neither caller is the only control.
/// </summary>
public sealed class UsageHistoryService(
    UsageQueries queries,
    IUsageHistoryStore store,
    UsageRegions regions,
    IOptions<UsageOptions> options,
    IAuthorizationService authorization,
    TimeProvider time)
{
    /// <summary>How many businesses the ranking lists.</summary>
    public const int TopBusinessCount = 20;

    /// <summary>The key of the unsplit series and of the comparison's row of all messages.</summary>
    public const string AllKey = "";

    public const string AllName = "All messages";

    private static readonly Dictionary<string, string> s_kindNames = new(StringComparer.Ordinal)
    {
        [UsageKinds.Text] = "Text",
        [UsageKinds.Photo] = "Photo",
        [UsageKinds.Video] = "Video",
        [UsageKinds.Voice] = "Voice",
        [UsageKinds.Document] = "Document",
    };

    public HistoryRetention Retention => HistoryRetention.Of(options.Value);

    /// <summary>What is wrong with the view's dates now, by query parameter; empty when the view can be shown.</summary>
    public Dictionary<string, string[]> Problems(HistoryView view) => HistoryPlanner.Problems(view, time.GetUtcNow(), Retention);

    /// <summary>Reads and computes everything the view shows, as of now.</summary>
    public async Task<HistoryReport> LoadAsync(ClaimsPrincipal user, HistoryView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(view);
        if (!(await authorization.AuthorizeAsync(user, Policies.UsageViewer)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only executives and administrators may see usage.");
        }

        var plan = HistoryPlanner.Plan(view, time.GetUtcNow(), Retention);
        var names = await SeriesNamesAsync(view.Split, cancellationToken);
        var series = await SeriesAsync(plan, view.Split, TimeSpan.Zero, names, cancellationToken);
        var previousLine = await PreviousPeriodLineAsync(plan, cancellationToken);
        var comparison = await CompareAsync(plan, series, cancellationToken);
        var top = await store.TopBusinessesAsync(Seconds(plan.FirstBusinessDay), Seconds(plan.LastBusinessDay.AddDays(1)), TopBusinessCount, cancellationToken);
        return new HistoryReport(plan, series, previousLine, comparison, top);
    }

    /// <summary>The series of a view in the order the console lists them (kinds, regions, tiers as configured), each with its display name.</summary>
    private async Task<List<(string Key, string Name)>> SeriesNamesAsync(UsageGroupBy split, CancellationToken cancellationToken) => split switch
    {
        UsageGroupBy.None => [(AllKey, AllName)],
        UsageGroupBy.Kind => [.. UsageKinds.All.Select(k => (k, s_kindNames[k]))],
        UsageGroupBy.Region => [.. regions.Names.Select(r => (r, r))],
        UsageGroupBy.Tier => [.. (await store.TierNamesAsync(cancellationToken)).Select(t => (t.Code, t.Name))],
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "The history splits by kind, region or tier."),
    };

    /// <summary>The range moved back by <paramref name="shift"/>, read from the plan's rollup and summed into the plan's points.</summary>
    private async Task<List<HistorySeries>> SeriesAsync(HistoryPlan plan, UsageGroupBy split, TimeSpan shift, List<(string Key, string Name)> names,
        CancellationToken cancellationToken)
    {
        var from = plan.From - shift;
        var to = plan.To - shift;
        var points = await queries.SeriesAsync(plan.Source, from, to, split, cancellationToken);
        var sums = HistoryDownsampler.Sum(points, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), plan.StepSeconds);
        var known = names.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);

        // A name the lists do not know (a tier since removed from the catalogue) is shown after them rather than dropped.
        var extra = sums.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).Select(k => (Key: k, Name: k.Length == 0 ? "Unknown" : k));
        return [.. names.Concat(extra).Select(n => HistorySeries.Of(n.Key, n.Name, sums.TryGetValue(n.Key, out var counts) ? counts : new long[plan.PointCount]))];
    }

    /// <summary>
    /// The dashed line of the previous period's total, unsplit only (beside split series a total would dwarf them), and
    /// only while the plan's rollup still holds that period.
    /// </summary>
    private async Task<HistorySeries?> PreviousPeriodLineAsync(HistoryPlan plan, CancellationToken cancellationToken)
    {
        if (plan.View.Split != UsageGroupBy.None || plan.Period(HistoryPeriodKind.PreviousPeriod) is not { IsAvailable: true } period
            || Retention.FinestHolding(plan.From - period.Shift, plan.Now) is not { } finest || finest > plan.Source)
        {
            return null;
        }

        var line = await SeriesAsync(plan, UsageGroupBy.None, period.Shift, [(AllKey, "Previous period")], cancellationToken);
        return line[0];
    }

    /// <summary>Totals per series and of all messages over the compared span and each compared period, from the read API's exact totals.</summary>
    private async Task<List<HistoryComparisonRow>> CompareAsync(HistoryPlan plan, List<HistorySeries> series, CancellationToken cancellationToken)
    {
        if (plan.Periods.Count == 0)
        {
            return [];
        }

        var split = plan.View.Split;
        var current = await queries.VolumeAsync(plan.ComparedFrom, plan.ComparedTo, split, cancellationToken);
        var previous = await PeriodVolumeAsync(plan.Period(HistoryPeriodKind.PreviousPeriod), split, cancellationToken);
        var year = await PeriodVolumeAsync(plan.Period(HistoryPeriodKind.PreviousYear), split, cancellationToken);
        var rows = new List<HistoryComparisonRow>();
        if (split != UsageGroupBy.None)
        {
            rows.AddRange(series.Select(s => new HistoryComparisonRow(s.Key, s.Name, Group(current, s.Key)!.Value, Group(previous, s.Key), Group(year, s.Key))));
        }

        rows.Add(new HistoryComparisonRow(AllKey, AllName, current.Total, previous?.Total, year?.Total));
        return rows;
    }

    private async Task<UsageVolume?> PeriodVolumeAsync(HistoryPeriod? period, UsageGroupBy split, CancellationToken cancellationToken) =>
        period is { IsAvailable: true } ? await queries.VolumeAsync(period.From, period.To, split, cancellationToken) : null;

    private static long? Group(UsageVolume? volume, string key) =>
        volume is null ? null : volume.Groups.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.Ordinal))?.Count ?? 0;

    private static long Seconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
