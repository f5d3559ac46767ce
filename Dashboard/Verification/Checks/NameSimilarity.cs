namespace Dashboard.Verification.Checks;

/// <summary>How two normalised names relate, for the reviewer's evidence.</summary>
internal enum NameRelation
{
    /// <summary>Equal once case, accents, look-alike characters, punctuation and legal form are folded.</summary>
    Same,

    /// <summary>Two neighbouring letters swapped ("Wolkneflug" for "Wolkenflug").</summary>
    Swapped,

    /// <summary>One letter added, dropped or replaced.</summary>
    OneEdit,

    Similar,
}

/// <summary>Similarity of normalised names: edit distance with transpositions (OSA) and Jaro–Winkler, between 0 and 1.</summary>
internal static class NameSimilarity
{
    /// <summary>Below this length Jaro–Winkler rates nearly any pair with a common first letter as close, so only edits count.</summary>
    public const int ShortName = 5;

    // Names up to this length are compared on the stack; longer ones (legal names can have 300 characters) on the heap.
    private const int StackLimit = 256;

    /// <summary>
    /// 1 for equal names. One edit or swap in a name of five or more letters keeps the higher of the two measures,
    /// because such near-copies are made on purpose far more often than by chance; otherwise the mean of both, so
    /// that neither a long common prefix (Jaro–Winkler) nor a long common tail (edit distance) decides alone.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="prefixWeighted"/>, names two or more edits apart are rated by edit distance alone: a word
    /// inside a longer name shares its first letters with many names it has nothing to do with.
    /// </remarks>
    public static double Score(ReadOnlySpan<char> a, ReadOnlySpan<char> b, out NameRelation relation, bool prefixWeighted = true)
    {
        if (a.SequenceEqual(b))
        {
            relation = NameRelation.Same;
            return 1;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            relation = NameRelation.Similar;
            return 0;
        }

        var distance = OsaDistance(a, b);
        var edit = 1 - ((double)distance / Math.Max(a.Length, b.Length));
        relation = distance != 1 ? NameRelation.Similar : IsAdjacentSwap(a, b) ? NameRelation.Swapped : NameRelation.OneEdit;
        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < ShortName)
        {
            return edit;
        }

        if (distance > 1 && !prefixWeighted)
        {
            return edit;
        }

        var jaroWinkler = JaroWinkler(a, b);
        return distance == 1 ? Math.Max(jaroWinkler, edit) : (jaroWinkler + edit) / 2;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1.</summary>
    public static int OsaDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var width = b.Length + 1;
        Span<int> rows = width <= StackLimit ? stackalloc int[width * 3] : new int[width * 3];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
            }

            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }

    /// <summary>Jaro–Winkler similarity with the usual prefix weight 0.1 over at most four characters.</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty && b.IsEmpty ? 1 : 0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> flags = a.Length + b.Length <= StackLimit * 2 ? stackalloc bool[a.Length + b.Length] : new bool[a.Length + b.Length];
        flags.Clear();
        var matchedA = flags[..a.Length];
        var matchedB = flags[a.Length..];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var halfTranspositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[j])
            {
                j++;
            }

            if (a[i] != b[j])
            {
                halfTranspositions++;
            }

            j++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2.0)) / m)) / 3;
        if (jaro <= 0.7)
        {
            return jaro;
        }

        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    private static bool IsAdjacentSwap(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var first = 0;
        while (first < a.Length && a[first] == b[first])
        {
            first++;
        }

        return first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first] && a[(first + 2)..].SequenceEqual(b[(first + 2)..]);
    }
}
