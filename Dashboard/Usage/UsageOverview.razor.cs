using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Usage;

public sealed partial class UsageOverview : IAsyncDisposable
{
    /// <summary>At most two renders a second per circuit, however the ticks bunch up.</summary>
    public static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _closing = new();
    private IDisposable? _subscription;
    private UpdateThrottle? _throttle;
    private UsageToday? _today;
    private ProgrammeFigures? _programme;
    private IReadOnlyList<VolumeTick> _series = [];
    private UsageRate? _rate;
    private string? _problem;

    // The reader's language, as the circuit started; live updates arrive on the feed's threads, which carry none.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [Inject]
    public required UsageOverviewSource Source { get; init; }

    [Inject]
    public required IUsageFeed Feed { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<UsageOverview> Logger { get; init; }

    /// <summary>Large type for a screen across the room.</summary>
    [Parameter]
    public bool Wall { get; set; }

    /// <summary>The title side of the header.</summary>
    [Parameter]
    public RenderFragment? Header { get; set; }

    /// <summary>Links or buttons beside the live clock.</summary>
    [Parameter]
    public RenderFragment? Actions { get; set; }

    // The shared source answers at once while its reads are fresh, which they are when the circuit starts right after
    // the prerender: the live page then opens with the prerendered figures instead of flashing its loading state.
    protected override async Task OnInitializedAsync() => Apply(await ReadAsync(_closing.Token));

    // Subscribed only once the circuit is live: the prerender never subscribes.
    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _throttle = new UpdateThrottle(MinRenderInterval, Time, UpdateAsync, e => LogUpdateFailed(Logger, e));
        var throttle = _throttle;
        _subscription = Feed.Subscribe(_ =>
        {
            throttle.Signal();
            return Task.CompletedTask;
        });
    }

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        // Scoped to this update's flow: the render below writes figures and words in the reader's language.
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        var snapshot = await ReadAsync(cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            await InvokeAsync(() =>
            {
                Apply(snapshot);
                StateHasChanged();
            });
        }
    }

    /// <summary>Reads everything off the circuit; a part that fails keeps its last value and says so.</summary>
    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var series = Source.Series();
        UsageToday? today = null;
        ProgrammeFigures? programme = null;
        var failed = false;
        try
        {
            today = await Source.TodayAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadFailed(Logger, e);
            failed = true;
        }

        try
        {
            programme = await Source.ProgrammeAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadFailed(Logger, e);
            failed = true;
        }

        return new Snapshot(series, UsageRate.Of(series, UsageOverviewSource.RateSeconds), today, programme, failed);
    }

    private void Apply(Snapshot snapshot)
    {
        _series = snapshot.Series;
        _rate = snapshot.Rate;
        _today = snapshot.Today ?? _today;
        _programme = snapshot.Programme ?? _programme;
        _problem = snapshot.Failed
            ? L["Problem"].Value
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _closing.CancelAsync();
        if (_throttle is not null)
        {
            await _throttle.DisposeAsync();
        }

        _closing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage overview could not read its figures")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live update of the usage overview failed")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception);

    private sealed record Snapshot(IReadOnlyList<VolumeTick> Series, UsageRate Rate, UsageToday? Today, ProgrammeFigures? Programme, bool Failed);
}
