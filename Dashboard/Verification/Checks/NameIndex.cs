using System.Buffers;

namespace Dashboard.Verification.Checks;

/// <summary>A name the subject is compared with: a verified business's display or legal name, or a protected brand.</summary>
internal sealed record NameEntry(string Name, string Compact, string Unpaired, string[] Tokens, string Source, long? BusinessId)
{
    public static NameEntry From(string name, NormalisedName normalised, string source, long? businessId) =>
        new(name, normalised.Compact, normalised.Unpaired, normalised.Tokens.Select(t => t.Text).Where(t => t.Length > 0).ToArray(), source, businessId);
}

/// <summary>
/// Names indexed by their character bigrams, so that a lookup scores only the few names that share enough bigrams
/// with the query instead of computing edit distances against tens of thousands of names.
/// </summary>
internal sealed class NameIndex
{
    /// <summary>Names sharing fewer bigrams than this (Dice coefficient) are not worth an edit distance.</summary>
    private const double MinDice = 0.3;

    /// <summary>A word in at least this many names, and in at least one name per thousand, is common.</summary>
    private const int MinCommonCount = 3;

    private readonly NameEntry[] _entries;
    private readonly int[] _bigramCounts;
    private readonly Dictionary<int, int[]> _postings;
    private readonly HashSet<string> _commonWords;

    private NameIndex(NameEntry[] entries, int[] bigramCounts, Dictionary<int, int[]> postings, HashSet<string> commonWords)
    {
        _entries = entries;
        _bigramCounts = bigramCounts;
        _postings = postings;
        _commonWords = commonWords;
    }

    public static NameIndex Empty { get; } = Build([]);

    public int Count => _entries.Length;

    public NameEntry this[int index] => _entries[index];

    /// <summary>True for a word that many of the names share ("restaurant", "autohaus", a frequent surname), which tells little about who is who.</summary>
    public bool IsCommon(string word) => _commonWords.Contains(word);

    public static NameIndex Build(IEnumerable<NameEntry> names)
    {
        var entries = names.Where(n => n.Compact.Length > 0).ToArray();
        var counts = new int[entries.Length];
        var postings = new Dictionary<int, List<int>>();
        var bigrams = new HashSet<int>();
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            foreach (var word in entries[i].Tokens.Distinct())
            {
                wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;
            }

            Bigrams(entries[i].Compact, bigrams);
            counts[i] = bigrams.Count;
            foreach (var bigram in bigrams)
            {
                if (!postings.TryGetValue(bigram, out var list))
                {
                    postings[bigram] = list = [];
                }

                list.Add(i);
            }
        }

        var commonFrom = Math.Max(MinCommonCount, entries.Length / 1000);
        var common = wordCounts.Where(w => w.Value >= commonFrom).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        return new NameIndex(entries, counts, postings.ToDictionary(p => p.Key, p => p.Value.ToArray()), common);
    }

    /// <summary>The indexes of at most <paramref name="max"/> entries most alike <paramref name="query"/> by shared bigrams, best first.</summary>
    public IReadOnlyList<int> Candidates(string query, int max)
    {
        if (query.Length == 0 || _entries.Length == 0)
        {
            return [];
        }

        var bigrams = new HashSet<int>();
        Bigrams(query, bigrams);
        var shared = ArrayPool<int>.Shared.Rent(_entries.Length);
        var touched = new List<int>();
        try
        {
            Array.Clear(shared, 0, _entries.Length);
            foreach (var bigram in bigrams)
            {
                if (!_postings.TryGetValue(bigram, out var entries))
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    if (shared[entry]++ == 0)
                    {
                        touched.Add(entry);
                    }
                }
            }

            var best = new PriorityQueue<int, double>(max + 1);
            foreach (var entry in touched)
            {
                var dice = 2.0 * shared[entry] / (bigrams.Count + _bigramCounts[entry]);
                if (dice < MinDice)
                {
                    continue;
                }

                best.Enqueue(entry, dice);
                if (best.Count > max)
                {
                    best.Dequeue();
                }
            }

            var result = new int[best.Count];
            for (var i = result.Length - 1; i >= 0; i--)
            {
                result[i] = best.Dequeue();
            }

            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(shared);
        }
    }

    // Start and end markers give short names ("dhl") enough bigrams to be found, and weigh first and last letters.
    private static void Bigrams(string text, HashSet<int> bigrams)
    {
        bigrams.Clear();
        var previous = '^';
        foreach (var c in text)
        {
            bigrams.Add((previous << 16) | c);
            previous = c;
        }

        bigrams.Add((previous << 16) | '$');
    }
}
