using System.Text.RegularExpressions;

namespace Dashboard.Tests.Tiers;

/// <summary>
/// Finds words written straight into .razor markup instead of read from resources: text between tags outside
/// <c>@</c> expressions, words in user-facing attributes (labels, titles, placeholders, aria-labels, helper texts), and
/// words in string literals that a text expression would print. Each finding is "file:line: text".
/// </summary>
internal static partial class RazorTextScanner
{
    /// <summary>Words that are the same in every language the console speaks (key names, product terms).</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.Ordinal) { "Esc", "POST /api/v1/usage/volume", "usage:write" };

    /// <summary>Lines that are C#, not markup: declarations, braces, and continuations of a statement over several lines.</summary>
    private static readonly string[] s_codeLineStarts =
        ["var ", "else if", "} else if", "{", "}", "else", "? ", ": ", "case ", "@using", "@inject", "@page", "@attribute", "@implements", "@layout", "//"];

    private static readonly HashSet<string> s_statements = new(StringComparer.Ordinal) { "if", "foreach", "for", "while", "switch", "using", "code" };

    public static IEnumerable<string> Findings(string path)
    {
        var source = File.ReadAllText(path);
        var (markup, expressions) = WithoutExpressions(WithoutCodeBlock(WithoutComments(source)));
        var name = Path.GetFileName(path);
        foreach (Match text in TextNode().Matches(markup))
        {
            var start = text.Groups[1].Index;
            foreach (var (line, offset) in Lines(text.Groups[1].Value))
            {
                var words = line.Trim();
                if (HasWord(words) && !s_allowed.Contains(words))
                {
                    yield return $"{name}:{LineOf(markup, start + offset)}: {words}";
                }
            }
        }

        foreach (Match attribute in UserFacingAttribute().Matches(markup))
        {
            var value = attribute.Groups[2].Value.Trim();
            if (HasWord(value) && !s_allowed.Contains(value))
            {
                yield return $"{name}:{LineOf(markup, attribute.Index)}: {attribute.Groups[1].Value}=\"{value}\"";
            }
        }

        foreach (var (index, expression) in expressions)
        {
            foreach (Match quoted in StringLiteral().Matches(expression))
            {
                if (IsProse(quoted.Groups[1].Value))
                {
                    yield return $"{name}:{LineOf(markup, index)}: \"{quoted.Groups[1].Value}\" in @{expression}";
                }
            }
        }
    }

    /// <summary>
    /// The markup with every C# part blanked out (expressions, statements and their conditions, code lines), line breaks kept;
    /// and the expressions that print into text (not those that give an attribute its value), with where they start.
    /// </summary>
    private static (string Markup, List<(int Index, string Expression)> Printed) WithoutExpressions(string source)
    {
        var text = source.ToCharArray();
        var printed = new List<(int, string)>();
        void Blank(int from, int to)
        {
            for (var k = from; k < to && k < text.Length; k++)
            {
                if (text[k] != '\n')
                {
                    text[k] = ' ';
                }
            }
        }

        // Code lines inside markup blocks: declarations and the continuations of a statement over several lines.
        var lineStart = 0;
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (s_codeLineStarts.Any(trimmed.StartsWith))
            {
                var open = trimmed.StartsWith("else if", StringComparison.Ordinal) || trimmed.StartsWith("} else if", StringComparison.Ordinal) ? source.IndexOf('(', lineStart + line.Length - trimmed.Length) : -1;
                var end = open >= 0 ? Balanced(source, open) : lineStart + line.Length;
                Blank(lineStart, Math.Max(end, lineStart + line.Length));
            }

            lineStart += line.Length + 1;
        }

        var i = 0;
        while (i < source.Length)
        {
            if (text[i] != '@' || (i + 1 < source.Length && source[i + 1] == '@'))
            {
                i++;
                continue;
            }

            var end = ExpressionEnd(source, i + 1);
            var keyword = source[(i + 1)..end];
            if (s_statements.Contains(keyword))
            {
                var open = end;
                while (open < source.Length && source[open] == ' ')
                {
                    open++;
                }

                end = open < source.Length && source[open] == '(' ? Balanced(source, open) : end;
            }
            else if (!AttributeValueStartsAt(source, i))
            {
                printed.Add((i, source[(i + 1)..end]));
            }

            Blank(i, end);
            i = Math.Max(end, i + 1);
        }

        return (new string(text), printed);
    }

    private static bool AttributeValueStartsAt(string source, int at) => at >= 2 && source[at - 1] is '"' or '\'' && source[at - 2] == '=';

    /// <summary>Two letters in a row: a word, not a sign like "—", "/s" or "#".</summary>
    private static bool HasWord(string text) => Word().IsMatch(text.Replace("/s", "", StringComparison.Ordinal));

    /// <summary>A string literal that reads as prose: words with a space between them, or a lower-case word.</summary>
    private static bool IsProse(string literal) => !DateFormat().IsMatch(literal) && (ProseLiteral().IsMatch(literal) || LowerWord().IsMatch(literal));

    /// <summary>Where an implicit (<c>@a.b[c](d)</c>) or explicit (<c>@(…)</c>) expression ends.</summary>
    private static int ExpressionEnd(string text, int i)
    {
        if (i < text.Length && text[i] == '(')
        {
            return Balanced(text, i);
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_' || (c is '.' or '!' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] is '.' or '[')))
            {
                i++;
            }
            else if (c is '(' or '[')
            {
                i = Balanced(text, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>The index after the bracket that closes the one at <paramref name="open"/>, skipping string literals.</summary>
    private static int Balanced(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static string WithoutComments(string source) => RazorComment().Replace(source, m => new string('\n', m.Value.Count(c => c == '\n')));

    private static string WithoutCodeBlock(string source)
    {
        var code = source.IndexOf("@code {", StringComparison.Ordinal);
        return code < 0 ? source : source[..code];
    }

    private static IEnumerable<(string Line, int Offset)> Lines(string text)
    {
        var offset = 0;
        foreach (var line in text.Split('\n'))
        {
            yield return (line, offset);
            offset += line.Length + 1;
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@">([^<>]*)<", RegexOptions.Singleline)]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\s(Label|Title|title|Placeholder|aria-label|HelperText|Text|ErrorText|DataLabel|RowsPerPageString|InfoFormat|Caption|ConfirmText|alt)=""([^""]*)""")]
    private static partial Regex UserFacingAttribute();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\p{L}+\s+\p{L}+")]
    private static partial Regex ProseLiteral();

    [GeneratedRegex(@"^[dMyHhmsfzt\s:.,/'-]+$")]
    private static partial Regex DateFormat();

    [GeneratedRegex(@"^\p{Ll}{2,}$")]
    private static partial Regex LowerWord();
}
