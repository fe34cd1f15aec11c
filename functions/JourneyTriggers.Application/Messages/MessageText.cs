using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace JourneyTriggers.Application.Messages;

/// <summary>Tidying of rendered text: Liquid tags leave blank lines and stray spaces behind.</summary>
internal static partial class MessageText
{
    /// <summary>Everything on one line, runs of whitespace as one space: subjects and push bodies (no header injection).</summary>
    public static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Unix line ends, no trailing spaces, at most one blank line in a row.</summary>
    public static string Paragraphs(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join("\n", lines), "\n\n").Trim('\n', ' ') + "\n";
    }

    /// <summary>
    /// At most <paramref name="max"/> user-perceived characters, ending in '…' when cut. Counting text
    /// elements keeps a Thai vowel or tone mark with its consonant.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        var elements = new StringInfo(text);
        if (elements.LengthInTextElements <= max) return text;
        return new StringBuilder(elements.SubstringByTextElements(0, max - 1).TrimEnd()).Append('…').ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
