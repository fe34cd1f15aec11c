using System.Text.RegularExpressions;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// Splits a template into text, outputs and tags, honouring Liquid's whitespace control
/// (<c>{{-</c>, <c>-%}</c>). The bodies of <c>raw</c> and <c>comment</c> are not tokenised, as in Liquid.
/// </summary>
internal static partial class LiquidLexer
{
    public static List<LiquidToken> Tokenize(string source, string file)
    {
        var lines = LineStarts(source);
        var tokens = new List<LiquidToken>();
        var trimNextText = false;
        var index = 0;
        while (index < source.Length)
        {
            var open = NextOpening(source, index);
            if (open < 0)
            {
                AddText(tokens, source[index..], Position(file, lines, index), trimNextText, trimEnd: false);
                break;
            }
            var isOutput = source[open + 1] == '{';
            var trimBefore = open + 2 < source.Length && source[open + 2] == '-';
            AddText(tokens, source[index..open], Position(file, lines, index), trimNextText, trimBefore);

            var position = Position(file, lines, open);
            var closer = isOutput ? "}}" : "%}";
            var close = source.IndexOf(closer, open + 2, StringComparison.Ordinal);
            if (close < 0)
                throw new LiquidException(position, $"'{source.Substring(open, 2)}' is never closed with '{closer}'");
            var innerStart = open + (trimBefore ? 3 : 2);
            trimNextText = close > innerStart && source[close - 1] == '-';
            var inner = source[innerStart..(trimNextText ? close - 1 : close)].Trim();
            index = close + 2;

            if (isOutput)
            {
                tokens.Add(new LiquidToken(LiquidTokenKind.Output, "", inner, position));
                continue;
            }
            var (name, markup) = SplitTag(inner, position);
            if (name is "raw" or "comment")
            {
                // Everything up to the matching end tag is kept (raw) or dropped (comment) unread.
                var end = EndTag(name).Match(source, index);
                if (!end.Success)
                    throw new LiquidException(position, $"'{name}' is never closed with 'end{name}'");
                if (name == "raw")
                    tokens.Add(new LiquidToken(LiquidTokenKind.Text, "", source[index..end.Index], Position(file, lines, index)));
                trimNextText = end.Groups["trim"].Success;
                index = end.Index + end.Length;
                continue;
            }
            if (name == "#") continue; // inline comment
            tokens.Add(new LiquidToken(LiquidTokenKind.Tag, name, markup, position));
        }
        return tokens;
    }

    static int NextOpening(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
            if (source[i + 1] is '{' or '%') return i;
        return -1;
    }

    static void AddText(List<LiquidToken> tokens, string text, SourcePosition position, bool trimStart, bool trimEnd)
    {
        if (trimStart) text = text.TrimStart();
        if (trimEnd) text = text.TrimEnd();
        if (text.Length > 0) tokens.Add(new LiquidToken(LiquidTokenKind.Text, "", text, position));
    }

    static (string Name, string Markup) SplitTag(string inner, SourcePosition position)
    {
        if (inner.StartsWith('#')) return ("#", "");
        var match = TagName().Match(inner);
        if (!match.Success) throw new LiquidException(position, $"'{{% {inner} %}}' does not start with a tag name");
        return (match.Value, inner[match.Length..].Trim());
    }

    static Regex EndTag(string name) => name == "raw" ? EndRaw() : EndComment();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex TagName();

    [GeneratedRegex(@"\{%-?\s*endraw\s*(?<trim>-)?%\}")]
    private static partial Regex EndRaw();

    [GeneratedRegex(@"\{%-?\s*endcomment\s*(?<trim>-)?%\}")]
    private static partial Regex EndComment();

    static int[] LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
            if (source[i] == '\n') starts.Add(i + 1);
        return [.. starts];
    }

    static SourcePosition Position(string file, int[] lineStarts, int index)
    {
        var line = Array.BinarySearch(lineStarts, index);
        if (line < 0) line = ~line - 1;
        return new SourcePosition(file, line + 1, index - lineStarts[line] + 1);
    }
}
