using System.Collections.Frozen;

namespace Dashboard.Verification.Checks;

/// <summary>
/// DISPLAY_NAME: the name users see must not claim a status, name the platform, shout in capitals, be a generic
/// word alone, or hide look-alike letters of another script inside a word.
/// </summary>
internal sealed class DisplayNameCheck
{
    private const string Title = "Display name";

    private readonly VerificationCheckOptions _options;
    private readonly IReadOnlyList<NormalisedName> _claims;
    private readonly IReadOnlyList<NormalisedName> _platforms;
    private readonly FrozenSet<string> _generic;

    public DisplayNameCheck(VerificationCheckOptions options)
    {
        _options = options;
        _claims = Terms(options.ClaimWords);
        _platforms = Terms(options.PlatformNames);
        _generic = options.GenericNames.Select(g => NameNormaliser.Normalise(g, dropLegalForm: false).Compact)
            .Where(c => c.Length > 0)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    public CheckResult Run(CheckSubject subject)
    {
        var display = subject.DisplayName?.Trim() ?? "";
        if (display.Length == 0)
        {
            return Result(CheckVerdict.Fail, "The display name is empty.", ["Display name: empty"]);
        }

        var name = NameNormaliser.Normalise(display, dropLegalForm: false);
        var broken = new List<(string Rule, string Evidence)>();
        foreach (var claim in _claims)
        {
            if (TermMatcher.Find(name, claim) is { } part)
            {
                broken.Add(("claims a status", $"Claims a status the platform grants: '{part}' (matches '{claim.Original}')"));
            }
        }

        foreach (var platform in _platforms)
        {
            if (TermMatcher.Find(name, platform) is { } part)
            {
                broken.Add(("names the platform", $"Names the platform or a sister app: '{part}' (matches '{platform.Original}')"));
            }
        }

        var shouted = ShoutedWords(display);
        if (shouted.Count > 0)
        {
            broken.Add(("written in capitals",
                $"Written in capitals: '{string.Join("', '", shouted)}' (only acronyms of up to {_options.MaxAcronymLength} letters may be)"));
        }

        var withoutLegalForm = NameNormaliser.Normalise(display).Compact;
        if (_generic.Contains(withoutLegalForm))
        {
            broken.Add(("a generic word alone", $"A generic word on its own, not a business name: '{display}'"));
        }

        foreach (var word in display.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var foreign = NameNormaliser.MixedScriptLetters(word);
            if (foreign.Count > 0)
            {
                broken.Add(("mixes scripts", $"Mixes scripts within the word '{word}': {string.Join(", ", foreign)} look like Latin letters"));
            }
        }

        if (broken.Count == 0)
        {
            return Result(CheckVerdict.Pass, "The display name follows the naming rules.",
                ["No status claim, platform name, all-capital words, generic word alone or mixed scripts"]);
        }

        var rules = broken.Select(b => b.Rule).Distinct().ToList();
        var summary = rules.Count == 1
            ? $"The display name {rules[0]}."
            : $"The display name breaks {rules.Count} rules: it {string.Join(", ", rules[..^1])} and {rules[^1]}.";
        return Result(CheckVerdict.Fail, summary, broken.Select(b => b.Evidence).ToList());
    }

    /// <summary>Words longer than an acronym, when the whole name has no small letter ("ZALANDO SALE"; not "IKEA", not "Zalando SALE").</summary>
    private List<string> ShoutedWords(string display)
    {
        if (!display.Any(char.IsUpper) || display.Any(char.IsLower))
        {
            return [];
        }

        return display.SplitWhere(c => !char.IsLetter(c))
            .Where(w => w.Length > _options.MaxAcronymLength)
            .Distinct()
            .ToList();
    }

    private static List<NormalisedName> Terms(IEnumerable<string> words) =>
        words.Select(w => NameNormaliser.Normalise(w.Trim(), dropLegalForm: false)).Where(t => t.Compact.Length > 0).ToList();

    private CheckResult Result(CheckVerdict verdict, string summary, IReadOnlyList<string> evidence) =>
        new(CheckCodes.DisplayName, Title, verdict, _options.PointsFor(CheckCodes.DisplayName, verdict), summary, evidence);
}

/// <summary>Finds a word or phrase in a normalised name.</summary>
internal static class TermMatcher
{
    /// <summary>Terms this long are found inside words too ("WhatsAppShop"); shorter ones only as whole words, so "meta" is not found in "Metallbau".</summary>
    public const int InsideWordsFrom = 6;

    /// <summary>The written words of <paramref name="name"/> that contain <paramref name="term"/>, or null.</summary>
    public static string? Find(NormalisedName name, NormalisedName term)
    {
        var tokens = name.Tokens;
        if (term.Compact.Length >= InsideWordsFrom)
        {
            var at = name.Compact.IndexOf(term.Compact, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var end = at + term.Compact.Length;
            return Originals(tokens.Where(t => t.Start < end && t.Start + t.Text.Length > at));
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var joined = "";
            for (var j = i; j < tokens.Count && joined.Length < term.Compact.Length; j++)
            {
                joined += tokens[j].Text;
                if (joined == term.Compact)
                {
                    return Originals(tokens.Skip(i).Take(j - i + 1));
                }
            }
        }

        return null;
    }

    private static string Originals(IEnumerable<NameToken> tokens) =>
        string.Join(' ', tokens.Select(t => t.Original).Distinct());
}
