using Dashboard.Data.Verification;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Verification;

public partial class QueuePage
{
    private const string OpenValue = "open";
    private MudTable<QueueItem>? _table;
    private IReadOnlyDictionary<string, int> _counts = new Dictionary<string, int>();
    private string _status = OpenValue;
    private string? _text;

    [Inject]
    public required IVerificationStore Store { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private int OpenCount => VerificationStatus.Open.Sum(Count);

    protected override async Task OnInitializedAsync() =>
        _counts = await Store.CountByStatusAsync(CancellationToken.None);

    private int Count(string status) => _counts.TryGetValue(status, out var count) ? count : 0;

    private async Task<TableData<QueueItem>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Store.QueueAsync(new QueueQuery
        {
            Status = _status == OpenValue ? null : _status,
            Text = _text,
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
        }, cancellationToken);
        return new TableData<QueueItem> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string? text)
    {
        _text = text;
        await ReloadAsync();
    }

    private async Task FilterAsync(string? status)
    {
        _status = status ?? OpenValue;
        await ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private bool IsOverdue(QueueItem item) =>
        VerificationStatus.Open.Contains(item.Status) && item.DueAt < Time.GetUtcNow();

    private string DueText(QueueItem item)
    {
        if (!VerificationStatus.Open.Contains(item.Status))
        {
            return "—";
        }

        var left = item.DueAt - Time.GetUtcNow();
        return left < TimeSpan.Zero
            ? $"{FormatSpan(-left)} overdue"
            : $"in {FormatSpan(left)}";
    }

    private static string FormatSpan(TimeSpan span) =>
        span.TotalHours >= 48 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalHours} h";

    private static Color RiskColor(string band) => band switch
    {
        "High" => Color.Error,
        "Medium" => Color.Warning,
        _ => Color.Success,
    };

    public static string StatusLabel(string status) => status switch
    {
        VerificationStatus.InReview => "In review",
        VerificationStatus.NeedsInfo => "Needs info",
        VerificationStatus.AwaitingSecondApproval => "Awaiting 2nd approval",
        _ => status,
    };
}
