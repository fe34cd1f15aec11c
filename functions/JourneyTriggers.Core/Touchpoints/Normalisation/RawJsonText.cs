using System.Runtime.InteropServices;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>A JSON string as the input wrote it, for comparing and reading text without decoding it to a string.</summary>
internal static class RawJsonText
{
    /// <summary>
    /// The UTF-8 between the quotes when the string has no escapes: then those bytes are its text. False for a
    /// string with escapes, which only decoding can read.
    /// </summary>
    /// <param name="text">A JSON string whose text has passed <see cref="UnicodeCheck"/>.</param>
    public static bool TryGetUnescaped(JsonElement text, out ReadOnlySpan<byte> utf8)
    {
        // The raw value of a string includes its quotes.
        utf8 = JsonMarshal.GetRawUtf8Value(text)[1..^1];
        return !utf8.Contains((byte)'\\');
    }
}
