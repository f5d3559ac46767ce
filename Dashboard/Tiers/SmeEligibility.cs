using System.Globalization;
using Dashboard.Data.Tiers;
using Microsoft.Extensions.Options;

namespace Dashboard.Tiers;

/// <summary>How another business's figures count towards the one being judged.</summary>
public enum SmeRelation
{
    /// <summary>A stake above the linked threshold: the other's figures are added in full.</summary>
    Linked,

    /// <summary>A stake from the partner threshold up to the linked one: the other's figures are added pro rata.</summary>
    Partner,
}

/// <summary>What one linked or partner business added to a period's figures.</summary>
public sealed record SmeContribution
{
    public long BusinessId { get; init; }

    public string Name { get; init; } = "";

    public SmeRelation Relation { get; init; }

    public SmeLinkDirection Direction { get; init; }

    public int OwnershipPercent { get; init; }

    /// <summary>The share of the other's figures that was added: 1 for a linked business, the stake for a partner.</summary>
    public decimal Share { get; init; }

    /// <summary>The fiscal year of the other's figures that were used; null when its current figures stood in.</summary>
    public int? FiscalYear { get; init; }

    public decimal Employees { get; init; }

    public decimal TurnoverEur { get; init; }

    public decimal BalanceSheetEur { get; init; }
}

/// <summary>The combined figures of one period and whether they lie within the limits.</summary>
public sealed record SmePeriodVerdict
{
    /// <summary>The fiscal year, or null for the current figures held on the business.</summary>
    public int? FiscalYear { get; init; }

    public decimal Employees { get; init; }

    public decimal TurnoverEur { get; init; }

    public decimal BalanceSheetEur { get; init; }

    public SmePeriodFigures Own { get; init; } = new();

    public IReadOnlyList<SmeContribution> Added { get; init; } = [];

    public bool IsWithinLimits { get; init; }

    /// <summary>Which limit was crossed, or why the figures count as within, e.g. "over the headcount limit of 250".</summary>
    public string Why { get; init; } = "";

    /// <summary>One sentence with the figures, their make-up and <see cref="Why"/>.</summary>
    public string Summary { get; init; } = "";
}

/// <summary>The SME status a business has under the rule, how each period counted and what an account manager should know.</summary>
public sealed record SmeVerdict
{
    public long BusinessId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The status after the consecutive-periods rule; without figures, the stored status.</summary>
    public bool IsSme { get; init; }

    /// <summary><see cref="SmeStatuses.Sme"/> or <see cref="SmeStatuses.NonSme"/>, as Businesses.SmeStatus holds it.</summary>
    public string Status => IsSme ? SmeStatuses.Sme : SmeStatuses.NonSme;

    public string StoredStatus { get; init; } = SmeStatuses.Unknown;

    /// <summary>True when the rule's status differs from the stored one.</summary>
    public bool Changed { get; init; }

    /// <summary>False when no figures are recorded, so nothing could be judged.</summary>
    public bool HasFigures { get; init; }

    /// <summary>One verdict per period, newest first.</summary>
    public IReadOnlyList<SmePeriodVerdict> PeriodVerdicts { get; init; } = [];

    /// <summary>Readable sentences, the status first, then what changed, then each period.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

/// <summary>
/// The SME rule: fewer employees than the limit and turnover or balance sheet within theirs, with linked businesses'
/// figures added in full and partners' pro rata; the status changes only after enough consecutive periods on the other side.
/// </summary>
public sealed class SmeEligibility(ISmeFiguresStore store, IOptions<SmeOptions> options)
{
    /// <summary>Loads and judges <paramref name="businessId"/>; null when the business does not exist.</summary>
    public async Task<SmeVerdict?> JudgeAsync(long businessId, CancellationToken cancellationToken)
    {
        var figures = await store.LoadAsync(businessId, cancellationToken);
        return figures is null ? null : Judge(figures, options.Value);
    }

    public static SmeVerdict Judge(SmeFigures figures, SmeOptions options)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);

        var storedIsSme = figures.StoredStatus == SmeStatuses.Sme;
        if (figures.Periods.Count == 0)
        {
            return new SmeVerdict
            {
                BusinessId = figures.BusinessId,
                Name = figures.Name,
                IsSme = storedIsSme,
                StoredStatus = figures.StoredStatus,
                Reasons = [Say("NoFigures", figures.Name, StatusName(figures.StoredStatus))],
            };
        }

        var periods = figures.Periods.OrderByDescending(p => p.FiscalYear ?? int.MaxValue).Select(p => JudgePeriod(p, figures.Links, options)).ToList();
        var (isSme, pending, flippedAtNewest) = Replay(periods, options.ConsecutivePeriods);
        var changed = figures.StoredStatus != (isSme ? SmeStatuses.Sme : SmeStatuses.NonSme);

        var reasons = new List<string> { StatusSentence(periods, isSme, pending, flippedAtNewest, options.ConsecutivePeriods) };
        if (changed)
        {
            reasons.Add(figures.StoredStatus is SmeStatuses.Sme or SmeStatuses.NonSme
                ? Say("StoredDiffers", StatusName(figures.StoredStatus), StatusName(isSme ? SmeStatuses.Sme : SmeStatuses.NonSme))
                : Say("NoneStored", StatusName(isSme ? SmeStatuses.Sme : SmeStatuses.NonSme)));
        }

        reasons.AddRange(figures.Links
            .Where(l => Relation(l.OwnershipPercent, options) is not null && l.Periods.Count == 0)
            .Select(l => Say("NoLinkFigures", l.Name, Count(l.OwnershipPercent))));
        reasons.AddRange(periods.Select(p => p.Summary));

        return new SmeVerdict
        {
            BusinessId = figures.BusinessId,
            Name = figures.Name,
            IsSme = isSme,
            StoredStatus = figures.StoredStatus,
            Changed = changed,
            HasFigures = true,
            PeriodVerdicts = periods,
            Reasons = reasons,
        };
    }

    /// <summary>
    /// Walks the periods oldest first: the oldest decides the starting status, which then flips only after
    /// <paramref name="consecutive"/> periods in a row on the other side. Answers the status, how many of the newest
    /// periods lie on the other side without having flipped it yet, and whether the newest period completed a flip.
    /// </summary>
    private static (bool IsSme, int Pending, bool FlippedAtNewest) Replay(List<SmePeriodVerdict> newestFirst, int consecutive)
    {
        var isSme = newestFirst[^1].IsWithinLimits;
        var pending = 0;
        var flippedAtNewest = false;
        for (var i = newestFirst.Count - 2; i >= 0; i--)
        {
            flippedAtNewest = false;
            if (newestFirst[i].IsWithinLimits == isSme)
            {
                pending = 0;
                continue;
            }

            if (++pending >= consecutive)
            {
                isSme = !isSme;
                pending = 0;
                flippedAtNewest = i == 0;
            }
        }

        return (isSme, pending, flippedAtNewest);
    }

    private static SmeRelation? Relation(int ownershipPercent, SmeOptions options) =>
        ownershipPercent > options.LinkedAbovePercent ? SmeRelation.Linked
        : ownershipPercent >= options.PartnerFromPercent ? SmeRelation.Partner
        : null;

    private static SmePeriodVerdict JudgePeriod(SmePeriodFigures own, IReadOnlyList<SmeLink> links, SmeOptions options)
    {
        var added = new List<SmeContribution>();
        foreach (var link in links)
        {
            if (Relation(link.OwnershipPercent, options) is not { } relation || FiguresFor(link, own.FiscalYear) is not { } theirs)
            {
                continue;
            }

            var share = relation == SmeRelation.Linked ? 1m : link.OwnershipPercent / 100m;
            added.Add(new SmeContribution
            {
                BusinessId = link.BusinessId,
                Name = link.Name,
                Relation = relation,
                Direction = link.Direction,
                OwnershipPercent = link.OwnershipPercent,
                Share = share,
                FiscalYear = theirs.FiscalYear,
                Employees = theirs.Employees * share,
                TurnoverEur = theirs.AnnualTurnoverEur * share,
                BalanceSheetEur = theirs.BalanceSheetEur * share,
            });
        }

        var employees = own.Employees + added.Sum(a => a.Employees);
        var turnover = own.AnnualTurnoverEur + added.Sum(a => a.TurnoverEur);
        var balanceSheet = own.BalanceSheetEur + added.Sum(a => a.BalanceSheetEur);

        var headcountOver = employees >= options.MaxEmployeesExclusive;
        var turnoverOver = turnover > options.MaxTurnoverEur;
        var balanceSheetOver = balanceSheet > options.MaxBalanceSheetEur;
        var within = !headcountOver && !(turnoverOver && balanceSheetOver);

        var why = new List<string>();
        if (headcountOver)
        {
            why.Add(Say("OverHeadcount", Count(options.MaxEmployeesExclusive)));
        }

        if (turnoverOver && balanceSheetOver)
        {
            why.Add(Say("OverMoney", Money(options.MaxTurnoverEur), Money(options.MaxBalanceSheetEur)));
        }

        var reason = within
            ? turnoverOver ? Say("WithinTurnoverOver", Money(options.MaxTurnoverEur), Money(options.MaxBalanceSheetEur))
            : balanceSheetOver ? Say("WithinBalanceOver", Money(options.MaxBalanceSheetEur), Money(options.MaxTurnoverEur))
            : Say("Within")
            : string.Join("; ", why);

        var summary = Say("Summary", Label(own.FiscalYear), Count(employees), MakeUp(own.FiscalYear, own.Employees, added, a => a.Employees, Count),
            Money(turnover), MakeUp(own.FiscalYear, own.AnnualTurnoverEur, added, a => a.TurnoverEur, Money),
            Money(balanceSheet), MakeUp(own.FiscalYear, own.BalanceSheetEur, added, a => a.BalanceSheetEur, Money), reason);

        return new SmePeriodVerdict
        {
            FiscalYear = own.FiscalYear,
            Employees = employees,
            TurnoverEur = turnover,
            BalanceSheetEur = balanceSheet,
            Own = own,
            Added = added,
            IsWithinLimits = within,
            Why = reason,
            Summary = summary,
        };
    }

    // The other business's figures for the same year; failing that its latest before it, then whatever it has.
    private static SmePeriodFigures? FiguresFor(SmeLink link, int? fiscalYear) =>
        fiscalYear is null
            ? link.Periods.FirstOrDefault()
            : link.Periods.FirstOrDefault(p => p.FiscalYear == fiscalYear)
              ?? link.Periods.FirstOrDefault(p => p.FiscalYear is null || p.FiscalYear < fiscalYear)
              ?? link.Periods.LastOrDefault();

    private static string MakeUp(int? fiscalYear, decimal own, List<SmeContribution> added, Func<SmeContribution, decimal> part, Func<decimal, string> format) =>
        added.Count == 0 ? ""
        : " " + Say("MakeUp", format(own) + string.Concat(added.Select(a => " + " + Say("MakeUpPart", Count(a.Share * 100), a.Name, format(part(a))) + FiguresNote(fiscalYear, a.FiscalYear))));

    // Says so when another business's figures come from a different year than the period judged.
    private static string FiguresNote(int? period, int? used) =>
        used == period ? "" : used is null ? " " + Say("CurrentFiguresNote") : " " + Say("YearFiguresNote", used.Value.ToString(CultureInfo.InvariantCulture));

    private static string StatusSentence(List<SmePeriodVerdict> newestFirst, bool isSme, int pending, bool flippedAtNewest, int consecutive)
    {
        var status = Say(isSme ? "AnSme" : "NotAnSme");
        if (newestFirst.Count == 1)
        {
            var only = newestFirst[0];
            return only.FiscalYear is null
                ? Say("OnlyCurrent", Say(only.IsWithinLimits ? "Within" : "Over"), status)
                : Say("OnlyYear", only.FiscalYear.Value.ToString(CultureInfo.InvariantCulture), Say(only.IsWithinLimits ? "Within" : "Over"), status);
        }

        if (pending > 0)
        {
            var years = Years(newestFirst.Take(pending));
            return isSme
                ? Say("PendingSme", years, Ordinal(consecutive))
                : Say("PendingNonSme", years, Ordinal(consecutive));
        }

        var streak = Years(newestFirst.TakeWhile(p => p.IsWithinLimits == isSme));
        if (flippedAtNewest)
        {
            return isSme
                ? Say("NowSme", streak, consecutive)
                : Say("NoLongerSme", streak, consecutive);
        }

        return isSme ? Say("StreakSme", streak) : Say("StreakNonSme", streak);
    }

    private static string Years(IEnumerable<SmePeriodVerdict> newestFirst)
    {
        var labels = newestFirst.Reverse().Select(p => Label(p.FiscalYear)).ToList();
        return labels.Count == 1 ? labels[0] : Say("List", string.Join(", ", labels.Take(labels.Count - 1)), labels[^1]);
    }

    private static string Label(int? fiscalYear) => fiscalYear?.ToString(CultureInfo.InvariantCulture) ?? Say("CurrentFigures");

    private static string Ordinal(int n) => n switch
    {
        >= 1 and <= 5 => Say("Ordinal." + n.ToString(CultureInfo.InvariantCulture)),
        _ => Say("Ordinal.Other", n),
    };

    private static string Count(decimal value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    private static string Money(decimal value) => CultureFormat.Euro(value, 0);

    private static string StatusName(string status) => TiersText.Get("SmeStatus." + status);

    /// <summary>The verdict's sentences in the reader's language (TiersText, keys "Sme.…").</summary>
    private static string Say(string key, params object?[] args) => TiersText.Get("Sme." + key, args);
}
