using System.Globalization;
using Dashboard.Data.Verification;

namespace Dashboard.Verification;

/// <summary>
/// What the queue shows, as it stands in the URL (<c>?state=Pending&amp;country=DE&amp;sort=risk&amp;desc=1&amp;page=2</c>),
/// so that a view can be shared; unknown values fall back to the defaults.
/// </summary>
public sealed record QueueView
{
    public const string OpenState = "open";
    public const string MineAssignee = "me";
    public const string UnassignedAssignee = "none";
    public const int PageSize = 25;

    public string State { get; init; } = OpenState;

    public string? Category { get; init; }

    public string? Country { get; init; }

    public string? Risk { get; init; }

    public int? MinAgeHours { get; init; }

    /// <summary>"me", "none", a user id, or null for anyone.</summary>
    public string? Assignee { get; init; }

    public string? Text { get; init; }

    public QueueSort Sort { get; init; } = QueueSort.Due;

    public bool Descending { get; init; }

    public int Page { get; init; }

    public static QueueView Parse(string? state, string? category, string? country, string? risk, int? age, string? assignee, string? text, string? sort, bool? desc, int? page) => new()
    {
        State = state is not null && (VerificationStatus.All.Contains(state) || state == OpenState) ? state : OpenState,
        Category = string.IsNullOrWhiteSpace(category) ? null : category,
        Country = country is { Length: 2 } ? country.ToUpperInvariant() : null,
        Risk = risk is "Low" or "Medium" or "High" ? risk : null,
        MinAgeHours = age is > 0 and <= 24 * 365 ? age : null,
        Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        Sort = Enum.TryParse<QueueSort>(sort, ignoreCase: true, out var s) ? s : QueueSort.Due,
        Descending = desc == true,
        Page = page is > 0 ? page.Value : 0,
    };

    /// <summary>The store query for this view, for the user with id <paramref name="me"/>.</summary>
    public QueueQuery ToQuery(long me) => new()
    {
        Status = State == OpenState ? null : State,
        Category = Category,
        Country = Country,
        RiskBand = Risk,
        MinAgeHours = MinAgeHours,
        AssignedToUserId = Assignee switch
        {
            MineAssignee => me,
            UnassignedAssignee or null => null,
            _ => long.TryParse(Assignee, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        },
        Unassigned = Assignee == UnassignedAssignee,
        Text = Text,
        Sort = Sort,
        Descending = Descending,
        Skip = Page * PageSize,
        Take = PageSize,
    };

    /// <summary>The query-string values of this view; defaults are left out so that URLs stay short.</summary>
    public IReadOnlyDictionary<string, object?> ToUrlParameters() => new Dictionary<string, object?>
    {
        ["state"] = State == OpenState ? null : State,
        ["category"] = Category,
        ["country"] = Country,
        ["risk"] = Risk,
        ["age"] = MinAgeHours,
        ["assignee"] = Assignee,
        ["q"] = Text,
        ["sort"] = Sort == QueueSort.Due ? null : Sort.ToString().ToLowerInvariant(),
        ["desc"] = Descending ? true : null,
        ["page"] = Page > 0 ? Page : null,
    };
}
