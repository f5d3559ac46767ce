using System.Text;
using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>
/// The tier codes samples may name, read from the tier catalogue and kept for a short while. Each code keeps the
/// same small index for the life of the process, so the live window can count by tier in plain arrays.
/// </summary>
public sealed class UsageTiers(IUsageStore store, TimeProvider time)
{
    /// <summary>The most distinct tier codes the process counts.</summary>
    public const int MaxTiers = 64;

    private static readonly TimeSpan s_maxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_minRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<string> _codes = [];
    private volatile Catalogue? _current;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    /// <summary>Every code seen so far; a code's position is its index.</summary>
    public IReadOnlyList<string> Codes
    {
        get
        {
            lock (_lock)
            {
                return [.. _codes];
            }
        }
    }

    /// <summary>The code of an index.</summary>
    public string Code(int index)
    {
        lock (_lock)
        {
            return _codes[index];
        }
    }

    /// <summary>
    /// The index of a code, giving it the next free index when it is new here (a tier another node has already read
    /// from the catalogue); -1 when all <see cref="MaxTiers"/> indexes are taken.
    /// </summary>
    internal int Intern(string code)
    {
        lock (_lock)
        {
            var index = _codes.IndexOf(code);
            if (index < 0 && _codes.Count < MaxTiers)
            {
                index = _codes.Count;
                _codes.Add(code);
            }

            return index;
        }
    }

    /// <summary>The catalogue as last read, read again when it is older than 30 seconds.</summary>
    internal async ValueTask<Catalogue> CurrentAsync(CancellationToken cancellationToken) =>
        _current is { } current && time.GetUtcNow() - _loadedAt < s_maxAge ? current : await LoadAsync(force: false, cancellationToken);

    /// <summary>Reads the catalogue again (at most once a second), for a code that was not known yet.</summary>
    internal async ValueTask<Catalogue> RefreshAsync(CancellationToken cancellationToken) => await LoadAsync(force: true, cancellationToken);

    private async Task<Catalogue> LoadAsync(bool force, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var age = time.GetUtcNow() - _loadedAt;
            if (_current is { } current && (force ? age < s_minRefreshInterval : age < s_maxAge))
            {
                return current;
            }

            var codes = await store.TierCodesAsync(cancellationToken);
            var entries = new List<(string Code, byte[] Utf8, int Index)>(codes.Count);
            lock (_lock)
            {
                foreach (var code in codes)
                {
                    var index = _codes.IndexOf(code);
                    if (index < 0)
                    {
                        if (_codes.Count == MaxTiers)
                        {
                            continue;
                        }

                        index = _codes.Count;
                        _codes.Add(code);
                    }

                    entries.Add((_codes[index], Encoding.UTF8.GetBytes(code), index));
                }
            }

            _current = new Catalogue([.. entries]);
            _loadedAt = time.GetUtcNow();
            return _current;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The tier codes known at one moment, with their UTF-8 form for matching raw JSON.</summary>
    internal sealed class Catalogue
    {
        private readonly (string Code, byte[] Utf8, int Index)[] _entries;
        private readonly string[] _byIndex = new string[MaxTiers];

        public Catalogue((string Code, byte[] Utf8, int Index)[] entries)
        {
            _entries = entries;
            foreach (var (code, _, index) in entries)
            {
                _byIndex[index] = code;
            }
        }

        public IEnumerable<string> Codes => _entries.Select(e => e.Code);

        /// <summary>The index of a code given as UTF-8, or -1.</summary>
        public int Find(ReadOnlySpan<byte> utf8)
        {
            foreach (var (_, bytes, index) in _entries)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return index;
                }
            }

            return -1;
        }

        /// <summary>The index of a code, or -1.</summary>
        public int Find(string? code)
        {
            foreach (var (known, _, index) in _entries)
            {
                if (string.Equals(known, code, StringComparison.Ordinal))
                {
                    return index;
                }
            }

            return -1;
        }

        public string CodeOf(int index) => _byIndex[index];
    }
}
