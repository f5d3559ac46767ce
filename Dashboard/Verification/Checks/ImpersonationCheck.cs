using System.Collections.Frozen;
using System.Globalization;

namespace Dashboard.Verification.Checks;

/// <summary>
/// IMPERSONATION: the display and legal name must not imitate a verified business or a protected brand. Names are
/// normalised (<see cref="NameNormaliser"/>), then every run of up to four words of the subject's names is compared
/// with the indexed names, so that both "Lufthаnsa" and "Lufthansa Kundenservice" are found.
/// </summary>
internal sealed class ImpersonationCheck
{
    private static string Title => CheckText.Get("Title.Impersonation");

    /// <summary>How many of the names sharing the most bigrams with a query get an edit distance.</summary>
    private const int CandidatesPerQuery = 40;

    private const int MaxSpanWords = 4;

    private readonly VerificationCheckOptions _options;
    private readonly NameIndex _brands;
    private readonly FrozenSet<string> _fillerWords;
    private readonly double _containedCap;

    public ImpersonationCheck(VerificationCheckOptions options)
    {
        _options = options;
        _brands = NameIndex.Build(options.ProtectedBrands
            .Select(b => b.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(b => NameEntry.From(b, NameNormaliser.Normalise(b), NameMatch.ProtectedBrand, null)));
        _fillerWords = options.GenericNames.Concat(options.ClaimWords).Concat(options.PlatformNames)
            .SelectMany(w => NameNormaliser.Normalise(w, dropLegalForm: false).Tokens.Select(t => t.Text))
            .ToFrozenSet(StringComparer.Ordinal);

        // A brand next to words of the applicant's own ("Sparkasse Hamburg", "Otto Versand") may be the brand's branch
        // or a namesake: worth a look, not a failure. Next to filler only ("Lufthansa Support") it is imitation.
        _containedCap = (options.ImpersonationWarnAt + options.ImpersonationFailAt) / 2;
    }

    public (CheckResult Result, IReadOnlyList<NameMatch> Closest) Run(CheckSubject subject, NameIndex verified)
    {
        var names = new List<(string Field, NormalisedName Name)>();
        var display = NameNormaliser.Normalise(subject.DisplayName);
        var legal = NameNormaliser.Normalise(subject.LegalName);
        if (display.Compact.Length > 0)
        {
            names.Add(("display name", display));
        }

        if (legal.Compact.Length > 0 && legal.Compact != display.Compact)
        {
            names.Add(("legal name", legal));
        }

        var best = new Dictionary<(string Source, long? BusinessId, string Brand), Match>();
        foreach (var (field, name) in names)
        {
            foreach (var span in Spans(name))
            {
                foreach (var index in new[] { _brands, verified })
                {
                    foreach (var candidate in index.Candidates(span.Compact, CandidatesPerQuery))
                    {
                        var entry = index[candidate];
                        if (entry.BusinessId is { } id && id == subject.BusinessId)
                        {
                            continue;
                        }

                        var score = SpanScore(span, entry, verified, out var relation);
                        var key = (entry.Source, entry.BusinessId, entry.BusinessId is null ? entry.Name : "");
                        if (score > 0 && (!best.TryGetValue(key, out var known) || score > known.Score))
                        {
                            best[key] = new Match(entry, score, relation, !span.Whole, field, name.Original);
                        }
                    }
                }
            }
        }

        var ranked = best.Values
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Entry.Source == NameMatch.ProtectedBrand ? 0 : 1)
            .ThenBy(m => m.Entry.Name, StringComparer.Ordinal)
            .Take(_options.ClosestNameCount)
            .ToList();
        var closest = ranked.Select(m => new NameMatch(m.Entry.Name, m.Entry.Source, m.Entry.BusinessId, Math.Round(m.Score, 3))).ToList();
        return (Judge(subject, ranked), closest);
    }

    private CheckResult Judge(CheckSubject subject, List<Match> ranked)
    {
        var evidence = ranked.Select(m => CheckText.Format("Impersonation.Match", Describe(m.Entry), CheckText.Similarity(m.Score), CheckText.Get("Field." + m.Field), m.SubjectName, Relation(m))).ToList();
        foreach (var (field, original) in new[] { (CheckText.Get("Impersonation.DisplayName"), subject.DisplayName), (CheckText.Get("Impersonation.LegalName"), subject.LegalName) })
        {
            var foreign = NameNormaliser.MixedScriptLetters(original);
            if (foreign.Count > 0)
            {
                evidence.Add(CheckText.Format("Impersonation.Scripts", field, original, string.Join(", ", foreign)));
            }
        }

        var top = ranked.FirstOrDefault();
        if (top is null || top.Score < _options.ImpersonationWarnAt)
        {
            if (evidence.Count == 0)
            {
                evidence.Add(CheckText.Get("Impersonation.NothingToCompare"));
            }

            var summary = top is null
                ? CheckText.Get("Impersonation.Pass")
                : CheckText.Format("Impersonation.PassClosest", Describe(top.Entry, capital: false), CheckText.Similarity(top.Score));
            return Result(CheckVerdict.Pass, summary, evidence);
        }

        var fails = top.Score >= _options.ImpersonationFailAt;
        return Result(fails ? CheckVerdict.Fail : CheckVerdict.Warn,
            CheckText.Format(fails ? "Impersonation.Imitates" : "Impersonation.Resembles",
                CheckText.Get("Field." + top.Field), top.SubjectName, Describe(top.Entry, capital: false), CheckText.Similarity(top.Score)),
            evidence);
    }

    private double SpanScore(Span span, NameEntry entry, NameIndex verified, out NameRelation relation)
    {
        var similarity = NameSimilarity.Score(span.Compact, entry.Compact, out relation, prefixWeighted: span.Whole);
        if (relation == NameRelation.Similar && !(ReferenceEquals(span.Compact, span.Unpaired) && ReferenceEquals(entry.Compact, entry.Unpaired)))
        {
            var unpaired = NameSimilarity.Score(span.Unpaired, entry.Unpaired, out var unpairedRelation, prefixWeighted: span.Whole);
            if (unpaired > similarity)
            {
                (similarity, relation) = (unpaired, unpairedRelation);
            }
        }

        if (relation == NameRelation.Similar)
        {
            similarity = Math.Min(similarity, DistinctiveSimilarity(span.Words, entry.Tokens, verified));
        }

        if (span.Whole)
        {
            return similarity;
        }

        // Inside a longer name, a short brand ("DHL", "ING") only counts when spelled exactly: too many words are one letter off.
        if (entry.Compact.Length < NameSimilarity.ShortName && relation != NameRelation.Same)
        {
            return 0;
        }

        return span.Extras.All(_fillerWords.Contains)
            ? similarity - (0.01 * Math.Min(span.Extras.Length, 3))
            : Math.Min(similarity - (0.02 * span.Extras.Length), _containedCap);
    }

    /// <summary>
    /// How alike two names are apart from the common words they share: "Autohaus Brunner" and "Autohaus Berger" are as
    /// alike as "Brunner" and "Berger". 1 when they share no common word; one edit or swap is never lowered by this.
    /// </summary>
    private double DistinctiveSimilarity(string[] words, string[] otherWords, NameIndex verified)
    {
        // Names have a handful of words: loops over both arrays beat sets, and most pairs share no common word at all.
        var anyShared = false;
        foreach (var word in words)
        {
            if (IsSharedCommon(word, otherWords, verified))
            {
                anyShared = true;
                break;
            }
        }

        if (!anyShared)
        {
            return 1;
        }

        var own = string.Concat(words.Where(w => !IsSharedCommon(w, otherWords, verified)));
        var theirs = string.Concat(otherWords.Where(w => !IsSharedCommon(w, words, verified)));
        if (own.Length == 0 || theirs.Length == 0)
        {
            // Both empty: the same words in another order. One empty: one name is only common words, the other adds its own.
            return own.Length == theirs.Length ? 1 : 0;
        }

        return NameSimilarity.Score(own, theirs, out _);
    }

    private bool IsSharedCommon(string word, string[] otherWords, NameIndex verified) =>
        Array.IndexOf(otherWords, word) >= 0 && (verified.IsCommon(word) || _fillerWords.Contains(word));

    private static IEnumerable<Span> Spans(NormalisedName name)
    {
        var tokens = name.Tokens.Where(t => t.Text.Length > 0).ToArray();
        var texts = tokens.Select(t => t.Text).ToArray();
        for (var first = 0; first < tokens.Length; first++)
        {
            for (var last = first; last < tokens.Length; last++)
            {
                var whole = first == 0 && last == tokens.Length - 1;
                if (!whole && last - first + 1 > MaxSpanWords)
                {
                    break;
                }

                var words = texts[first..(last + 1)];
                var compact = string.Concat(words);
                var unpaired = tokens[first..(last + 1)].All(t => ReferenceEquals(t.Text, t.Unpaired))
                    ? compact
                    : string.Concat(tokens[first..(last + 1)].Select(t => t.Unpaired));
                if (whole || compact.Length >= 2)
                {
                    yield return new Span(compact, unpaired, words, whole, [.. texts[..first], .. texts[(last + 1)..]]);
                }
            }
        }
    }

    private static string Describe(NameEntry entry, bool capital = true)
    {
        var kind = CheckText.Get(entry.BusinessId is null ? "Impersonation.ProtectedBrand" : "Impersonation.VerifiedBusiness");
        kind = capital ? kind : char.ToLower(kind[0], CultureInfo.CurrentCulture) + kind[1..];
        return entry.BusinessId is { } id
            ? CheckText.Format("Impersonation.KindWithId", kind, entry.Name, id.ToString(CultureInfo.InvariantCulture))
            : CheckText.Format("Impersonation.Kind", kind, entry.Name);
    }

    private static string Relation(Match match) => (match.Contained, match.Relation) switch
    {
        (false, NameRelation.Same) => CheckText.Get("Relation.Same"),
        (false, NameRelation.Swapped) => CheckText.Get("Relation.Swapped"),
        (false, NameRelation.OneEdit) => CheckText.Get("Relation.OneEdit"),
        (false, _) => CheckText.Get("Relation.Similar"),
        (true, NameRelation.Same) => CheckText.Get("Relation.ContainsSame"),
        (true, NameRelation.Swapped) => CheckText.Get("Relation.ContainsSwapped"),
        (true, NameRelation.OneEdit) => CheckText.Get("Relation.ContainsOneEdit"),
        (true, _) => CheckText.Get("Relation.ContainsSimilar"),
    };

    private CheckResult Result(CheckVerdict verdict, string summary, IReadOnlyList<string> evidence) =>
        new(CheckCodes.Impersonation, Title, verdict, _options.PointsFor(CheckCodes.Impersonation, verdict), summary, evidence);

    private readonly record struct Span(string Compact, string Unpaired, string[] Words, bool Whole, string[] Extras);

    private sealed record Match(NameEntry Entry, double Score, NameRelation Relation, bool Contained, string Field, string SubjectName);
}
