using Dashboard.Data.Audit;
using Dashboard.Data.Verification;

namespace Dashboard.Benchmarks.Queue;

/// <summary>The queue views that are measured, each at its first page and at page 1,000.</summary>
internal static class QueueCases
{
    public const int PageSize = 25;

    /// <summary>Page 1,000 at 25 rows a page.</summary>
    public const int DeepSkip = 999 * PageSize;

    /// <summary>What a reviewer sees first: every open request, most urgent first.</summary>
    public static QueueQuery Default { get; } = new() { Sort = QueueSort.Due, Take = PageSize };

    /// <summary>A filtered list: approved requests of German businesses, newest first.</summary>
    public static QueueQuery Filtered { get; } = new()
    {
        Status = VerificationStatus.Approved, Country = "DE", Sort = QueueSort.Submitted, Descending = true, Take = PageSize,
    };

    /// <summary>Filtered on two other columns: rejected low-risk requests of one category, newest first.</summary>
    public static QueueQuery CategoryAndRisk { get; } = new()
    {
        Status = VerificationStatus.Rejected, Category = "LocalShop", RiskBand = "Low", Sort = QueueSort.Submitted, Descending = true, Take = PageSize,
    };

    /// <summary>A search of the open queue by the start of a business name, phone number or registration number.</summary>
    public static QueueQuery Search { get; } = new() { Text = "Sparkasse", Sort = QueueSort.Due, Take = PageSize };

    public static IReadOnlyList<(string Name, QueueQuery Query)> All { get; } =
    [
        ("Default (open, by due)", Default),
        ("Filtered (Approved + DE, by submitted desc)", Filtered),
        ("Filtered (Rejected + category + risk band, by submitted desc)", CategoryAndRisk),
        ("Search (text, open, by due)", Search),
    ];

    /// <summary>Views outside the requirement, measured by the quick run only, so that their cost is known too.</summary>
    public static IReadOnlyList<(string Name, QueueQuery Query)> Others { get; } =
    [
        ("Open + DE, by due", Default with { Country = "DE" }),
        ("Open, unassigned, by risk desc", Default with { Unassigned = true, Sort = QueueSort.Risk, Descending = true }),
        ("Open, by business name", Default with { Sort = QueueSort.Business }),
        ("Approved, by due", Default with { Status = VerificationStatus.Approved }),
        ("Approved + DE, by due", Default with { Status = VerificationStatus.Approved, Country = "DE" }),
        ("Approved, by risk desc", Default with { Status = VerificationStatus.Approved, Sort = QueueSort.Risk, Descending = true }),
        ("Approved, by business name", Default with { Status = VerificationStatus.Approved, Sort = QueueSort.Business }),
        ("Search phone +4930 (open)", Default with { Text = "+4930" }),
        ("Search 'Sp' (open)", Default with { Text = "Sp" }),
        ("Search 'Sparkasse' (approved)", Default with { Status = VerificationStatus.Approved, Text = "Sparkasse" }),
    ];

    public static QueueQuery Deep(QueueQuery query) => query with { Skip = DeepSkip };

    /// <summary>The store as the console builds it, on the dataset's clock.</summary>
    public static VerificationStore Store(QueueDataset dataset)
    {
        var time = new FixedTime(QueueDataset.Now);
        return new VerificationStore(dataset.Database, new AuditLog(dataset.Database, time), time);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
