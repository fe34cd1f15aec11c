using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Values a field usually holds (type names, call types, sources, currencies). A value equal to one of them is
/// that shared string, found by comparing the JSON's UTF-8 in place, so telling the values apart, or keeping a
/// common one, decodes nothing and allocates nothing.
/// </summary>
internal sealed class CommonValues
{
    readonly string[] values;
    readonly byte[][] utf8;
    readonly bool ignoreAsciiCase;

    /// <param name="ignoreAsciiCase">
    /// Match ASCII letters in any case and give back the value as listed: for names matched by their lower-case
    /// form, which is then what the caller switches on.
    /// </param>
    public CommonValues(string[] values, bool ignoreAsciiCase = false)
    {
        this.values = values;
        utf8 = [.. values.Select(value => Encoding.UTF8.GetBytes(value))];
        this.ignoreAsciiCase = ignoreAsciiCase;
    }

    public static CommonValues Of(params string[] values) => new(values);

    /// <summary>The listed value <paramref name="text"/> equals, or null (also for text with escapes, which is left to decoding).</summary>
    /// <param name="text">A JSON string whose text has passed <see cref="UnicodeCheck"/>.</param>
    public string? Find(JsonElement text)
    {
        if (!RawJsonText.TryGetUnescaped(text, out var raw))
        {
            return null;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (ignoreAsciiCase ? Ascii.EqualsIgnoreCase(raw, utf8[i]) : raw.SequenceEqual(utf8[i]))
            {
                return values[i];
            }
        }

        return null;
    }
}
