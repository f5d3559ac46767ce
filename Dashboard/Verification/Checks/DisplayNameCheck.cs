using System.Collections.Frozen;

namespace Dashboard.Verification.Checks;

/// <summary>
/// DISPLAY_NAME: the name users see must not claim a status, name the platform, shout in capitals, be a generic
/// word alone, or hide look-alike letters of another script inside a word.
/// </summary>
internal sealed class DisplayNameCheck
{
    private static string Title => CheckText.Get("Title.DisplayName");

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
            return Result(CheckVerdict.Fail, CheckText.Get("Display.Empty"), [CheckText.Get("Display.EmptyEvidence")]);
        }

        var name = NameNormaliser.Normalise(display, dropLegalForm: false);
        var broken = new List<(string Rule, string Evidence)>();
        foreach (var claim in _claims)
        {
            if (TermMatcher.Find(name, claim) is { } part)
            {
                broken.Add((CheckText.Get("Display.Rule.Status"), CheckText.Format("Display.Status", part, claim.Original)));
            }
        }

        foreach (var platform in _platforms)
        {
            if (TermMatcher.Find(name, platform) is { } part)
            {
                broken.Add((CheckText.Get("Display.Rule.Platform"), CheckText.Format("Display.Platform", part, platform.Original)));
            }
        }

        var shouted = ShoutedWords(display);
        if (shouted.Count > 0)
        {
            broken.Add((CheckText.Get("Display.Rule.Capitals"),
                CheckText.Format("Display.Capitals", string.Join(CheckText.Get("Display.QuotedSeparator"), shouted), _options.MaxAcronymLength)));
        }

        var withoutLegalForm = NameNormaliser.Normalise(display).Compact;
        if (_generic.Contains(withoutLegalForm))
        {
            broken.Add((CheckText.Get("Display.Rule.Generic"), CheckText.Format("Display.Generic", display)));
        }

        foreach (var word in display.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var foreign = NameNormaliser.MixedScriptLetters(word);
            if (foreign.Count > 0)
            {
                broken.Add((CheckText.Get("Display.Rule.Scripts"), CheckText.Format("Display.Scripts", word, string.Join(", ", foreign))));
            }
        }

        if (broken.Count == 0)
        {
            return Result(CheckVerdict.Pass, CheckText.Get("Display.Pass"),
                [CheckText.Get("Display.PassEvidence")]);
        }

        var rules = broken.Select(b => b.Rule).Distinct().ToList();
        var summary = rules.Count == 1
            ? CheckText.Format("Display.OneRule", rules[0])
            : CheckText.Format("Display.ManyRules", rules.Count, string.Join(", ", rules[..^1]), rules[^1]);
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
