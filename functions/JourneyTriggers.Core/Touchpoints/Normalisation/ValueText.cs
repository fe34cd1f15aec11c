using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// How an offending value appears in a reason: strings quoted, and everything cut short so that one huge value
/// cannot swamp a report or a log line.
/// </summary>
internal static class ValueText
{
    const int MaxShown = 40;

    public static string Quoted(string value) => "\"" + Escape(Shorten(value)) + "\"";

    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => UnicodeCheck.TryDecode(value, out var text) ? Quoted(text) : "a string that is not valid Unicode text",
        JsonValueKind.Number => Shorten(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => throw new ArgumentException("An undefined JSON element comes from code, not from input.", nameof(value)),
    };

    public static string Shorten(string text)
    {
        if (text.Length <= MaxShown)
        {
            return text;
        }

        // Never cut a surrogate pair in half: the reason must stay valid text.
        var cut = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return text[..cut] + "…";
    }

    // Quotes and control characters inside the value must not break the reason's own quoting or lines.
    static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => escaped.Append("\\\""),
                '\\' => escaped.Append("\\\\"),
                < ' ' => escaped.Append($"\\u{(int)c:x4}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
