using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>One piece of literal text a reader would see, found in a .razor file.</summary>
public sealed record RazorLiteral(int Line, string Text);

/// <summary>
/// Finds literal words in Razor markup: text between tags outside <c>@</c> expressions and C# blocks, and literal values of
/// the attributes a reader sees or hears (labels, titles, placeholders, tooltips, ARIA labels). It reads Razor well enough
/// for the console's pages: code blocks (<c>@if</c>, <c>@foreach</c>, <c>@{ }</c>, <c>@code</c>) are C#, elements inside them
/// are markup again, and quoted attribute values are skipped when they start with <c>@</c>.
/// </summary>
public static partial class RazorLiteralScanner
{
    /// <summary>Attributes whose literal value is shown or read out to the user.</summary>
    public static readonly IReadOnlySet<string> VisibleAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Label", "Title", "Placeholder", "aria-label", "HelperText", "Text", "alt", "DataLabel", "AriaLabel", "Hint",
        "ToolTip", "Tooltip", "yesText", "noText", "cancelText", "ButtonText", "Description", "Caption",
    };

    private static readonly HashSet<string> s_codeKeywords = new(StringComparer.Ordinal)
    {
        "if", "foreach", "for", "while", "switch", "using", "lock", "do", "try",
    };

    private static readonly HashSet<string> s_lineDirectives = new(StringComparer.Ordinal)
    {
        "page", "inject", "using", "attribute", "implements", "inherits", "layout", "namespace", "typeparam", "rendermode", "preservewhitespace",
    };

    private static readonly HashSet<string> s_voidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    public static IReadOnlyList<RazorLiteral> Scan(string razor, IReadOnlySet<string> allowed)
    {
        var scanner = new Scanner(razor, allowed);
        scanner.Markup(untilElementDepthZero: false);
        return scanner.Found;
    }

    private sealed class Scanner(string source, IReadOnlySet<string> allowed)
    {
        private readonly StringBuilder _text = new();
        private int _position;
        private int _textLine = 1;

        public List<RazorLiteral> Found { get; } = [];

        private bool AtEnd => _position >= source.Length;

        private char Current => source[_position];

        private char Peek(int offset = 1) => _position + offset < source.Length ? source[_position + offset] : '\0';

        private int LineAt(int position) => source.AsSpan(0, Math.Min(position, source.Length)).Count('\n') + 1;

        /// <summary>Markup: text, tags and @ transitions. Inside a code block it returns when the element it started with closes.</summary>
        public void Markup(bool untilElementDepthZero)
        {
            var depth = 0;
            while (!AtEnd)
            {
                var c = Current;
                if (c == '@')
                {
                    Flush();
                    Transition();
                }
                else if (c == '<' && (char.IsLetter(Peek()) || Peek() == '/' || Peek() == '!'))
                {
                    Flush();
                    var (closing, selfClosing) = Tag();
                    if (untilElementDepthZero)
                    {
                        depth += closing ? -1 : selfClosing ? 0 : 1;
                        if (depth <= 0)
                        {
                            return;
                        }
                    }
                }
                else if (untilElementDepthZero && depth == 0)
                {
                    return;
                }
                else
                {
                    if (_text.Length == 0)
                    {
                        _textLine = LineAt(_position);
                    }

                    _text.Append(c);
                    _position++;
                }
            }

            Flush();
        }

        private void Flush()
        {
            var text = _text.ToString();
            _text.Clear();
            text = Entity().Replace(text, " ");
            foreach (var word in allowed)
            {
                text = text.Replace(word, " ", StringComparison.Ordinal);
            }

            if (Word().IsMatch(text))
            {
                Found.Add(new RazorLiteral(_textLine, Regex.Replace(text.Trim(), @"\s+", " ")));
            }
        }

        /// <summary>After '@': a comment, an escaped '@', an expression, a directive or a code block.</summary>
        private void Transition()
        {
            var start = _position;
            _position++;
            if (AtEnd)
            {
                return;
            }

            switch (Current)
            {
                case '*':
                    var end = source.IndexOf("*@", _position, StringComparison.Ordinal);
                    _position = end < 0 ? source.Length : end + 2;
                    return;
                case '@':
                    _position++;
                    return;
                case '(':
                    Balanced('(', ')');
                    return;
                case '{':
                    CodeBlock();
                    return;
                case ':':
                    // "@:" — the rest of the line is markup text inside a code block.
                    _position++;
                    return;
            }

            var identifier = Identifier();
            if (identifier.Length == 0)
            {
                return;
            }

            if (identifier == "code" || identifier == "functions")
            {
                SkipWhitespace();
                if (!AtEnd && Current == '{')
                {
                    Balanced('{', '}');
                }

                return;
            }

            if (s_lineDirectives.Contains(identifier) && IsLineStart(start))
            {
                var newline = source.IndexOf('\n', _position);
                _position = newline < 0 ? source.Length : newline;
                return;
            }

            if (s_codeKeywords.Contains(identifier))
            {
                ControlFlow(identifier);
                return;
            }

            // An implicit expression: @name, @a.b.c, @call(args), @list[index], @x?.y — and "@await x".
            if (identifier == "await")
            {
                SkipWhitespace();
                Identifier();
            }

            ExpressionTail();
        }

        private void ExpressionTail()
        {
            while (!AtEnd)
            {
                if (Current == '(')
                {
                    Balanced('(', ')');
                }
                else if (Current == '[')
                {
                    Balanced('[', ']');
                }
                else if ((Current == '.' || (Current == '?' && Peek() == '.')) && char.IsLetter(Current == '.' ? Peek() : Peek(2)))
                {
                    _position += Current == '.' ? 1 : 2;
                    Identifier();
                }
                else if (Current == '!' && (Peek() == '.' || Peek() == '['))
                {
                    _position++;
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>@if (...) { ... } else if (...) { ... } else { ... }, @foreach (...) { ... }, @do { } while (...);, @try { } catch { }.</summary>
        private void ControlFlow(string keyword)
        {
            SkipWhitespace();
            if (!AtEnd && Current == '(')
            {
                Balanced('(', ')');
            }

            SkipWhitespace();
            if (!AtEnd && Current == '{')
            {
                CodeBlock();
            }

            while (true)
            {
                var save = _position;
                SkipWhitespace();
                var next = Identifier();
                if (next is "else" or "catch" or "finally" || (keyword == "do" && next == "while"))
                {
                    SkipWhitespace();
                    if (next == "else" && Identifier() is var maybeIf && maybeIf != "if")
                    {
                        _position -= maybeIf.Length;
                    }

                    SkipWhitespace();
                    if (!AtEnd && Current == '(')
                    {
                        Balanced('(', ')');
                    }

                    SkipWhitespace();
                    if (!AtEnd && Current == '{')
                    {
                        CodeBlock();
                    }
                    else if (!AtEnd && Current == ';')
                    {
                        _position++;
                    }

                    continue;
                }

                _position = save;
                return;
            }
        }

        /// <summary>A C# block; elements inside it are markup.</summary>
        private void CodeBlock()
        {
            _position++; // '{'
            var braces = 1;
            while (!AtEnd)
            {
                var c = Current;
                if (c == '"' || c == '\'')
                {
                    CSharpString();
                }
                else if (c == '/' && Peek() == '/')
                {
                    var newline = source.IndexOf('\n', _position);
                    _position = newline < 0 ? source.Length : newline;
                }
                else if (c == '@' && Peek() == ':')
                {
                    _position += 2;
                    var newline = source.IndexOf('\n', _position);
                    var lineEnd = newline < 0 ? source.Length : newline;
                    _textLine = LineAt(_position);
                    _text.Append(source, _position, lineEnd - _position);
                    _position = lineEnd;
                    Flush();
                }
                else if (c == '@')
                {
                    Transition();
                }
                else if (c == '<' && (char.IsLetter(Peek()) || Peek() == '!') && StartsStatement())
                {
                    Markup(untilElementDepthZero: true);
                }
                else if (c == '{')
                {
                    braces++;
                    _position++;
                }
                else if (c == '}')
                {
                    _position++;
                    if (--braces == 0)
                    {
                        return;
                    }
                }
                else
                {
                    _position++;
                }
            }
        }

        /// <summary>A tag: its name, attributes (checking visible ones for literal words) and whether it closes or closes itself.</summary>
        private (bool Closing, bool SelfClosing) Tag()
        {
            _position++; // '<'
            if (Current == '!')
            {
                var end = source.IndexOf('>', _position);
                _position = end < 0 ? source.Length : end + 1;
                return (false, true);
            }

            var closing = Current == '/';
            if (closing)
            {
                _position++;
            }

            var name = TagName();
            while (!AtEnd && Current != '>' && !(Current == '/' && Peek() == '>'))
            {
                if (Current == '@')
                {
                    // @bind-Value, @onclick, @ref, @attributes: C# values, never text.
                    _position++;
                    if (!AtEnd && Current == '(')
                    {
                        Balanced('(', ')');
                        continue;
                    }

                    AttributeName();
                    SkipWhitespace();
                    if (!AtEnd && Current == '=')
                    {
                        _position++;
                        SkipWhitespace();
                        AttributeValue();
                    }

                    continue;
                }

                if (char.IsWhiteSpace(Current))
                {
                    _position++;
                    continue;
                }

                var attributeLine = LineAt(_position);
                var attribute = AttributeName();
                if (attribute.Length == 0)
                {
                    _position++;
                    continue;
                }

                SkipWhitespace();
                if (AtEnd || Current != '=')
                {
                    continue;
                }

                _position++;
                SkipWhitespace();
                var value = AttributeValue();
                if (VisibleAttributes.Contains(attribute) && !value.StartsWith('@') && HasWords(value))
                {
                    Found.Add(new RazorLiteral(attributeLine, $"{attribute}=\"{value}\""));
                }
            }

            var selfClosing = !AtEnd && Current == '/';
            _position += selfClosing ? 2 : 1;
            return (closing, selfClosing || s_voidElements.Contains(name));
        }

        private bool HasWords(string value)
        {
            foreach (var word in allowed)
            {
                value = value.Replace(word, " ", StringComparison.Ordinal);
            }

            return Word().IsMatch(value);
        }

        private string AttributeValue()
        {
            if (AtEnd)
            {
                return "";
            }

            var quote = Current;
            if (quote is '"' or '\'')
            {
                var start = ++_position;

                // A Razor value may hold the same quote inside an expression: Label="@L["Title"]". Such a value starts with '@'
                // and ends at the quote that closes the expression's brackets.
                if (!AtEnd && Current == '@')
                {
                    var depth = 0;
                    while (!AtEnd)
                    {
                        var c = Current;
                        if (c is '(' or '[' or '{')
                        {
                            depth++;
                        }
                        else if (c is ')' or ']' or '}')
                        {
                            depth--;
                        }
                        else if (c == '"' && depth > 0)
                        {
                            CSharpString();
                            continue;
                        }
                        else if (c == quote && depth <= 0)
                        {
                            break;
                        }

                        _position++;
                    }
                }
                else
                {
                    while (!AtEnd && Current != quote)
                    {
                        _position++;
                    }
                }

                var value = source[start.._position];
                _position++;
                return value;
            }

            var begin = _position;
            while (!AtEnd && !char.IsWhiteSpace(Current) && Current != '>' && !(Current == '/' && Peek() == '>'))
            {
                _position++;
            }

            return source[begin.._position];
        }

        private void CSharpString()
        {
            var quote = Current;
            var verbatim = _position > 0 && source[_position - 1] == '@';
            _position++;
            while (!AtEnd)
            {
                if (!verbatim && Current == '\\')
                {
                    _position += 2;
                    continue;
                }

                if (Current == quote)
                {
                    _position++;
                    return;
                }

                _position++;
            }
        }

        private void Balanced(char open, char close)
        {
            var depth = 0;
            while (!AtEnd)
            {
                var c = Current;
                if (c is '"' or '\'')
                {
                    CSharpString();
                    continue;
                }

                _position++;
                if (c == open)
                {
                    depth++;
                }
                else if (c == close && --depth == 0)
                {
                    return;
                }
            }
        }

        private string Identifier()
        {
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_'))
            {
                _position++;
            }

            return source[start.._position];
        }

        private string TagName()
        {
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '-' or '_' or '.' or ':'))
            {
                _position++;
            }

            return source[start.._position];
        }

        private string AttributeName()
        {
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '-' or '_' or ':' or '.'))
            {
                _position++;
            }

            return source[start.._position];
        }

        private void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _position++;
            }
        }

        /// <summary>True when '&lt;' stands where a C# statement may start (so it opens an element), not in "List&lt;string&gt;".</summary>
        private bool StartsStatement()
        {
            for (var i = _position - 1; i >= 0; i--)
            {
                if (!char.IsWhiteSpace(source[i]))
                {
                    return source[i] is '{' or '}' or ';' or ')' or '>';
                }
            }

            return true;
        }

        private bool IsLineStart(int position)
        {
            for (var i = position - 1; i >= 0 && source[i] != '\n'; i--)
            {
                if (!char.IsWhiteSpace(source[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Two letters in a row: a word, not a symbol, a digit or a single key name.</summary>
    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"&[a-zA-Z]+;|&#[0-9]+;")]
    private static partial Regex Entity();
}
