using System.Diagnostics;
using Dashboard.Data;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Shell;

/// <summary>
/// Shown by the layout's error boundary in place of a page that failed. When the database is out of reach it says so and
/// retries the page every <see cref="RetryInterval"/> until it loads; other errors get a reference and a retry button.
/// </summary>
public sealed partial class PageProblem : IDisposable
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly string _reference = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N")[..12];

    [Parameter, EditorRequired]
    public required Exception Error { get; set; }

    [Parameter]
    public EventCallback OnRetry { get; set; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private bool DatabaseUnavailable => DatabaseErrors.IsUnavailable(Error);

    private string Reference => _reference;

    protected override void OnInitialized()
    {
        if (DatabaseUnavailable)
        {
            _ = RetryLaterAsync();
        }
    }

    private async Task RetryLaterAsync()
    {
        try
        {
            await Task.Delay(RetryInterval, Time, _stop.Token);
            await InvokeAsync(RetryAsync);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task RetryAsync() => OnRetry.InvokeAsync();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
