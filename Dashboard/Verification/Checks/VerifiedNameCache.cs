using Dashboard.Data.Verification;
using Microsoft.Extensions.Options;

namespace Dashboard.Verification.Checks;

/// <summary>
/// The verified businesses' names, normalised and indexed in memory, so that a check does not load and fold tens of
/// thousands of names. Once older than <see cref="VerificationCheckOptions.VerifiedNamesRefreshInterval"/> they are
/// read again in the background while checks go on with the ones in memory.
/// </summary>
public sealed class VerifiedNameCache(ICheckDataStore store, TimeProvider time, IOptions<VerificationCheckOptions> options, ILogger<VerifiedNameCache> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private int _generation;
    private Task _refresh = Task.CompletedTask;

    /// <summary>When the names in memory were read, or null before the first read.</summary>
    public DateTimeOffset? LoadedAt => _snapshot?.LoadedAt;

    /// <summary>The background refresh under way, or a completed task; tests wait for it.</summary>
    internal Task Refreshing => _refresh;

    /// <summary>Makes the next check read the names again before it runs, e.g. after a business was verified or revoked.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    internal async ValueTask<NameIndex> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is null || current.Generation != Volatile.Read(ref _generation))
        {
            return await LoadNowAsync(cancellationToken);
        }

        if (time.GetUtcNow() - current.LoadedAt >= options.Value.VerifiedNamesRefreshInterval && _gate.Wait(0))
        {
            _refresh = Task.Run(RefreshAsync, CancellationToken.None);
        }

        return current.Index;
    }

    internal static NameIndex Build(IEnumerable<VerifiedBusinessName> names)
    {
        var entries = new List<NameEntry>();
        foreach (var business in names)
        {
            var display = NameNormaliser.Normalise(business.DisplayName);
            entries.Add(NameEntry.From(business.DisplayName, display, NameMatch.VerifiedBusiness, business.Id));
            var legal = NameNormaliser.Normalise(business.LegalName);
            if (legal.Compact != display.Compact)
            {
                entries.Add(NameEntry.From(business.LegalName, legal, NameMatch.VerifiedBusiness, business.Id));
            }
        }

        return NameIndex.Build(entries);
    }

    private async Task<NameIndex> LoadNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another check may have loaded them while this one waited.
            var current = _snapshot;
            return current is not null && current.Generation == Volatile.Read(ref _generation)
                ? current.Index
                : (await LoadAsync(cancellationToken)).Index;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await LoadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The names in memory stay in use; the next check tries again.
            logger.LogWarning(ex, "Reading the verified business names for the impersonation check failed; the names read at {LoadedAt} stay in use.", _snapshot?.LoadedAt);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        // Taken before the read: an invalidation during the read makes the next check read again.
        var generation = Volatile.Read(ref _generation);
        var names = await store.VerifiedNamesAsync(cancellationToken);
        var snapshot = new Snapshot(Build(names), time.GetUtcNow(), generation);
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(NameIndex Index, DateTimeOffset LoadedAt, int Generation);
}
