using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// System.Text.Json decodes strings lazily: invalid UTF-8, or an escaped lone surrogate such as <c>\ud800</c>,
/// passes parsing and only fails when the string is read, with an exception and no Try alternative. One check
/// of the whole event up front lets every reader call GetString freely.
/// </summary>
internal static class UnicodeCheck
{
    /// <summary>The path (empty for the root) and problem of the first text that does not decode, or null when all of it does.</summary>
    /// <remarks>
    /// The check every event pays is one pass over its whole text: without an escape anywhere, valid UTF-8 means
    /// every string and property name in it is valid, since each is cut from it at ASCII quotes, which never
    /// split a character. Only otherwise is each text checked on its own.
    /// </remarks>
    public static (string Path, string Problem)? FindUndecodable(JsonElement element, string path) =>
        IsValid(JsonMarshal.GetRawUtf8Value(element)) == true || AllDecodable(element) ? null : Locate(element, path);

    /// <summary>
    /// Each text on its own, over the raw bytes, without decoding a string or building a path. Text without
    /// escapes decodes exactly when its bytes are valid UTF-8; text with escapes is decoded to find out.
    /// </summary>
    static bool AllDecodable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValid(JsonMarshal.GetRawUtf8Value(element)) ?? TryDecode(element, out _);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!AllDecodable(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!(IsValid(JsonMarshal.GetRawUtf8PropertyName(property)) ?? TryDecodeName(property, out _)) || !AllDecodable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>Whether raw JSON text decodes, or null when it holds escapes and only decoding can tell.</summary>
    static bool? IsValid(ReadOnlySpan<byte> raw) => raw.Contains((byte)'\\') ? null : Utf8.IsValid(raw);

    // Only for an event that does not decode: the first text that fails, with its path for the reason.
    static (string Path, string Problem)? Locate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryDecode(element, out _) ? null : (path, "not valid Unicode text");
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Locate(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryDecodeName(property, out var name))
                    {
                        return (path, "a property name is not valid Unicode text");
                    }

                    var child = ValueText.Shorten(name);
                    if (Locate(property.Value, path.Length == 0 ? child : $"{path}.{child}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public static bool TryDecode(JsonElement text, [NotNullWhen(true)] out string? value)
    {
        try
        {
            value = text.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    static bool TryDecodeName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }
}
