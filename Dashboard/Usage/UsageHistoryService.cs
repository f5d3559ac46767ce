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

/// <summary>
/// What the usage history shows for one view: the series, the comparison, the busiest businesses, and the first day
/// the day rollup holds (null when it holds none), which says whether earlier periods were recorded in full.
/// </summary>
public sealed record HistoryReport(
    HistoryPlan Plan,
    IReadOnlyList<HistorySeries> Series,
    HistorySeries? PreviousPeriodLine,
    IReadOnlyList<HistoryComparisonRow> Comparison,
    IReadOnlyList<BusinessVolume> TopBusinesses,
    DateOnly? FirstRecordedDay)
{
    public long Total => Series.Sum(s => s.Total);

    /// <summary>True when usage was first recorded after <paramref name="from"/>, so that a span starting there is only partly covered.</summary>
    public bool RecordedOnlyAfter(DateTimeOffset from) =>
        FirstRecordedDay is { } first && first.ToDateTime(TimeOnly.MinValue) > from.UtcDateTime;
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

        // Each read opens its own connection, so they run side by side; the report is put together once all have answered.
        var names = SeriesNamesAsync(view.Split, cancellationToken);
        var points = queries.SeriesAsync(plan.Source, plan.From, plan.To, view.Split, cancellationToken);
        var previousLine = PreviousPeriodLineAsync(plan, cancellationToken);
        var current = plan.Periods.Count == 0 ? Task.FromResult<UsageVolume?>(null) : VolumeAsync(plan.ComparedFrom, plan.ComparedTo, view.Split, cancellationToken);
        var previous = PeriodVolumeAsync(plan.Period(HistoryPeriodKind.PreviousPeriod), view.Split, cancellationToken);
        var year = PeriodVolumeAsync(plan.Period(HistoryPeriodKind.PreviousYear), view.Split, cancellationToken);
        var top = store.TopBusinessesAsync(Seconds(plan.FirstBusinessDay), Seconds(plan.LastBusinessDay.AddDays(1)), TopBusinessCount, cancellationToken);
        var firstDay = store.FirstRecordedDayAsync(cancellationToken);
        await Task.WhenAll(names, points, previousLine, current, previous, year, top, firstDay);

        var series = Series(plan, await points, TimeSpan.Zero, await names);
        var comparison = Compare(series, await current, await previous, await year);
        var first = await firstDay is { } seconds ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime) : (DateOnly?)null;
        return new HistoryReport(plan, series, await previousLine, comparison, await top, first);
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

    /// <summary>The points of the range moved back by <paramref name="shift"/>, summed into the plan's points, one series per name (listed names first).</summary>
    private static List<HistorySeries> Series(HistoryPlan plan, IReadOnlyList<UsageSeriesPoint> points, TimeSpan shift, List<(string Key, string Name)> names)
    {
        var sums = HistoryDownsampler.Sum(points, (plan.From - shift).ToUnixTimeSeconds(), (plan.To - shift).ToUnixTimeSeconds(), plan.StepSeconds);
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

        var points = await queries.SeriesAsync(plan.Source, plan.From - period.Shift, plan.To - period.Shift, UsageGroupBy.None, cancellationToken);
        return Series(plan, points, period.Shift, [(AllKey, "Previous period")])[0];
    }

    /// <summary>Totals per series and of all messages over the compared span and each compared period, from the read API's exact totals.</summary>
    private static List<HistoryComparisonRow> Compare(List<HistorySeries> series, UsageVolume? current, UsageVolume? previous, UsageVolume? year)
    {
        if (current is null)
        {
            return [];
        }

        var rows = new List<HistoryComparisonRow>();
        if (current.GroupBy is not null)
        {
            rows.AddRange(series.Select(s => new HistoryComparisonRow(s.Key, s.Name, Group(current, s.Key)!.Value, Group(previous, s.Key), Group(year, s.Key))));
        }

        rows.Add(new HistoryComparisonRow(AllKey, AllName, current.Total, previous?.Total, year?.Total));
        return rows;
    }

    private async Task<UsageVolume?> VolumeAsync(DateTimeOffset from, DateTimeOffset to, UsageGroupBy split, CancellationToken cancellationToken) =>
        await queries.VolumeAsync(from, to, split, cancellationToken);

    private Task<UsageVolume?> PeriodVolumeAsync(HistoryPeriod? period, UsageGroupBy split, CancellationToken cancellationToken) =>
        period is { IsAvailable: true } ? VolumeAsync(period.From, period.To, split, cancellationToken) : Task.FromResult<UsageVolume?>(null);

    private static long? Group(UsageVolume? volume, string key) =>
        volume is null ? null : volume.Groups.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.Ordinal))?.Count ?? 0;

    private static long Seconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
