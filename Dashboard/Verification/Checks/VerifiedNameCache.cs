using Dashboard.Data.Verification;
using Microsoft.Extensions.Options;

namespace Dashboard.Verification.Checks;

/// <summary>
/// The verified businesses' names, normalised and indexed in memory; read again from the database when older than
/// <see cref="VerificationCheckOptions.VerifiedNamesRefreshInterval"/>, so that every request does not load tens of
/// thousands of names.
/// </summary>
public sealed class VerifiedNameCache(ICheckDataStore store, TimeProvider time, IOptions<VerificationCheckOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>When the names in memory were read, or null before the first read.</summary>
    public DateTimeOffset? LoadedAt => _snapshot?.LoadedAt;

    /// <summary>Makes the next check read the names again, e.g. after a business was verified or revoked.</summary>
    public void Invalidate()
    {
        var current = _snapshot;
        if (current is not null)
        {
            _snapshot = current with { LoadedAt = DateTimeOffset.MinValue };
        }
    }

    public void Dispose() => _gate.Dispose();

    internal async ValueTask<NameIndex> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && IsFresh(current))
        {
            return current.Index;
        }

        // While one request reads the names again, the others go on with the ones they have.
        if (current is not null && !await _gate.WaitAsync(0, cancellationToken))
        {
            return current.Index;
        }

        if (current is null)
        {
            await _gate.WaitAsync(cancellationToken);
        }

        try
        {
            current = _snapshot;
            if (current is not null && IsFresh(current))
            {
                return current.Index;
            }

            var names = await store.VerifiedNamesAsync(cancellationToken);
            var loaded = new Snapshot(Build(names), time.GetUtcNow());
            _snapshot = loaded;
            return loaded.Index;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static NameIndex Build(IEnumerable<VerifiedBusinessName> names)
    {
        var entries = new List<NameEntry>();
        foreach (var business in names)
        {
            var display = NameNormaliser.Normalise(business.DisplayName).Compact;
            entries.Add(new NameEntry(business.DisplayName, display, NameMatch.VerifiedBusiness, business.Id));
            var legal = NameNormaliser.Normalise(business.LegalName).Compact;
            if (legal != display)
            {
                entries.Add(new NameEntry(business.LegalName, legal, NameMatch.VerifiedBusiness, business.Id));
            }
        }

        return NameIndex.Build(entries);
    }

    private bool IsFresh(Snapshot snapshot) => time.GetUtcNow() - snapshot.LoadedAt < options.Value.VerifiedNamesRefreshInterval;

    private sealed record Snapshot(NameIndex Index, DateTimeOffset LoadedAt);
}
