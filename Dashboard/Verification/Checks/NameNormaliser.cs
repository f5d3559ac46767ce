using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Dashboard.Verification.Checks;

/// <summary>
/// One word of a normalised name: its folded text, the same before letter pairs were folded ("rn" to "m"), the written
/// word it came from, and where it starts in the compact form.
/// </summary>
internal readonly record struct NameToken(string Text, string Unpaired, string Original, int Start);

/// <summary>A name folded for comparison: tokens of lower-case letters and digits (Latin wherever a look-alike allows), and all of them run together.</summary>
internal sealed class NormalisedName
{
    public NormalisedName(string original, IReadOnlyList<NameToken> tokens)
    {
        Original = original;
        Tokens = tokens;
        Compact = string.Concat(tokens.Select(t => t.Text));
        Unpaired = tokens.All(t => ReferenceEquals(t.Text, t.Unpaired)) ? Compact : string.Concat(tokens.Select(t => t.Unpaired));
    }

    public string Original { get; }

    public IReadOnlyList<NameToken> Tokens { get; }

    public string Compact { get; }

    /// <summary>The compact form before letter pairs were folded, for swaps that the folding hides ("Conrer" for "Corner").</summary>
    public string Unpaired { get; }
}

/// <summary>
/// Folds names so that what looks alike compares equal: case, accents, German umlaut spellings, look-alike digits,
/// symbols and Cyrillic or Greek letters, "rn" for "m", punctuation and spacing, and a trailing legal form.
/// </summary>
internal static class NameNormaliser
{
    // Checked before lower-casing: these capitals look like a different Latin letter than their small forms do
    // (Greek capital eta "Η" looks like H, small eta "η" like n).
    private static readonly FrozenDictionary<char, char> s_capitals = new Dictionary<char, char>
    {
        ['Α'] = 'a', ['Β'] = 'b', ['Ε'] = 'e', ['Ζ'] = 'z', ['Η'] = 'h', ['Ι'] = 'l', ['Κ'] = 'k', ['Μ'] = 'm', ['Ν'] = 'n',
        ['Ο'] = 'o', ['Ρ'] = 'p', ['Τ'] = 't', ['Υ'] = 'y', ['Χ'] = 'x',
        ['А'] = 'a', ['В'] = 'b', ['Е'] = 'e', ['К'] = 'k', ['М'] = 'm', ['Н'] = 'h', ['О'] = 'o', ['Р'] = 'p', ['С'] = 'c',
        ['Т'] = 't', ['У'] = 'y', ['Х'] = 'x', ['І'] = 'l', ['Ј'] = 'j', ['Ѕ'] = 's', ['Ү'] = 'y', ['Ӏ'] = 'l',
    }.ToFrozenDictionary();

    // After lower-casing and dropping accents. "i", "l", "1" and "|" all become "l": a capital I and a small l are
    // the same glyph in many fonts, so no single one of them can be trusted.
    private static readonly FrozenDictionary<char, char> s_lookAlikes = new Dictionary<char, char>
    {
        ['0'] = 'o', ['1'] = 'l', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b',
        ['$'] = 's', ['@'] = 'a', ['|'] = 'l', ['€'] = 'e', ['i'] = 'l',
        ['а'] = 'a', ['в'] = 'b', ['г'] = 'r', ['е'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['п'] = 'n',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ь'] = 'b', ['і'] = 'l', ['ј'] = 'j', ['ѕ'] = 's',
        ['ԁ'] = 'd', ['ӏ'] = 'l', ['һ'] = 'h', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ѡ'] = 'w', ['ү'] = 'y',
        ['α'] = 'a', ['β'] = 'b', ['γ'] = 'y', ['ε'] = 'e', ['ζ'] = 'z', ['η'] = 'n', ['ι'] = 'l', ['κ'] = 'k', ['μ'] = 'u',
        ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ω'] = 'w', ['ϲ'] = 'c',
    }.ToFrozenDictionary();

    private static readonly System.Buffers.SearchValues<char> s_pairEnds = System.Buffers.SearchValues.Create("env");

    // Legal forms as written words (a form of several words, such as "GmbH & Co. KG" or "sp. z o.o.", is listed by its
    // parts); dropped only from the end of a name.
    private static readonly FrozenSet<string> s_legalFormWords = new[]
    {
        "gmbh", "mbh", "ag", "kg", "ohg", "ug", "haftungsbeschränkt", "ek", "ekfm", "ev", "eg", "se", "kgaa", "gbr", "partg", "mbb", "co", "und",
        "eu", "og", "ltd", "limited", "plc", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "company", "pty", "pte", "dac",
        "sa", "sas", "sasu", "sarl", "eurl", "snc", "sca", "srl", "srls", "spa", "sapa", "sagl", "sl", "slu", "sau", "lda", "ltda", "spa",
        "de", "rl", "cv", "sab", "bv", "nv", "vof", "ab", "as", "asa", "aps", "is", "oy", "oyj", "kft", "zrt", "nyrt", "bt",
        "sp", "z", "oo", "zoo", "sro", "doo", "dd", "ood", "eood", "ad", "ead", "ike", "epe", "ae", "oü", "sia", "uab",
        "şti", "aş", "kk", "gk", "sdn", "bhd", "fz", "fzllc", "fzco", "pjsc", "jsc", "spa",
    }.Select(w => Fold(w)).Select(AlphanumericOnly).Distinct().ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Folds <paramref name="name"/>; with <paramref name="dropLegalForm"/> a trailing legal form ("GmbH", "S.A.") goes too.</summary>
    public static NormalisedName Normalise(string? name, bool dropLegalForm = true)
    {
        var words = (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => (Original: w, Folded: Fold(w)))
            .ToList();
        if (dropLegalForm)
        {
            // Keep at least one word: a business called just "AG" is still called something.
            while (words.Count > 1 && IsLegalFormWord(words[^1].Folded))
            {
                words.RemoveAt(words.Count - 1);
            }
        }

        var tokens = new List<NameToken>();
        var start = 0;
        foreach (var (original, folded) in words)
        {
            foreach (var part in folded.SplitWhere(c => !char.IsLetterOrDigit(c)))
            {
                var text = FoldPairs(part);
                tokens.Add(new NameToken(text, part, original, start));
                start += text.Length;
            }
        }

        return new NormalisedName(name ?? "", tokens);
    }

    /// <summary>Case, accents and look-alike characters folded; punctuation other than apostrophes is kept, so the caller can split words.</summary>
    internal static string Fold(string text)
    {
        // Most names are plain ASCII: no compatibility forms, accents or other scripts to deal with. The verified
        // names are folded in bulk on every refresh, so this path matters.
        if (System.Text.Ascii.IsValid(text))
        {
            return FoldAscii(text);
        }

        var compatible = text.Normalize(NormalizationForm.FormKC);
        var lower = new StringBuilder(compatible.Length + 4);
        foreach (var c in compatible)
        {
            if (s_capitals.TryGetValue(c, out var latin))
            {
                lower.Append(latin);
                continue;
            }

            switch (char.ToLowerInvariant(c))
            {
                case 'ß': lower.Append("ss"); break;
                case 'æ': lower.Append("ae"); break;
                case 'œ': lower.Append("oe"); break;
                case 'ø': lower.Append('o'); break;
                case 'ł': lower.Append('l'); break;
                case 'đ': lower.Append('d'); break;
                case 'þ': lower.Append("th"); break;
                case 'ı': lower.Append('i'); break;
                case '\'' or '’' or '‘' or '`' or '´': break;
                case var other: lower.Append(other); break;
            }
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            // Lower again: a dotted capital I only becomes a plain letter once its dot is gone.
            var small = char.ToLowerInvariant(c);
            folded.Append(s_lookAlikes.TryGetValue(small, out var latin) ? latin : small);
        }

        return folded.ToString();
    }

    private static string FoldAscii(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '\'' or '`')
            {
                continue;
            }

            var small = char.ToLowerInvariant(c);
            buffer[length++] = s_lookAlikes.TryGetValue(small, out var latin) ? latin : small;
        }

        return new string(buffer[..length]);
    }

    /// <summary>Letters of another script mixed into a Latin name, e.g. the Cyrillic "а" in "Lufthаnsa", with their code points.</summary>
    public static IReadOnlyList<string> MixedScriptLetters(string? name)
    {
        if (string.IsNullOrEmpty(name) || !name.Any(char.IsAsciiLetter))
        {
            return [];
        }

        return name.Where(c => c is >= '\u0370' and <= '\u03FF' or >= '\u0400' and <= '\u052F')
            .Distinct()
            .Select(c => $"'{c}' (U+{(int)c:X4}, {(c < '\u0400' ? "Greek" : "Cyrillic")})")
            .ToList();
    }

    private static bool IsLegalFormWord(string folded)
    {
        var letters = AlphanumericOnly(folded);
        return letters.Length == 0 || s_legalFormWords.Contains(letters);
    }

    private static string AlphanumericOnly(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    // German umlauts are also written "ae", "oe", "ue"; "rn" passes for "m" and "vv" for "w".
    private static string FoldPairs(string token)
    {
        if (token.Length < 2 || token.AsSpan(1).IndexOfAny(s_pairEnds) < 0)
        {
            return token;
        }

        Span<char> buffer = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
        var length = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            switch (token[i], next)
            {
                case ('a' or 'o' or 'u', 'e'):
                    buffer[length++] = token[i];
                    i++;
                    break;
                case ('r', 'n'):
                    buffer[length++] = 'm';
                    i++;
                    break;
                case ('v', 'v'):
                    buffer[length++] = 'w';
                    i++;
                    break;
                default:
                    buffer[length++] = token[i];
                    break;
            }
        }

        return length == token.Length ? token : new string(buffer[..length]);
    }
}

/// <summary>Splitting on a predicate, which <see cref="string.Split(char[])"/> lacks.</summary>
internal static class NameSplitting
{
    public static IEnumerable<string> SplitWhere(this string text, Func<char, bool> isSeparator)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || isSeparator(text[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
