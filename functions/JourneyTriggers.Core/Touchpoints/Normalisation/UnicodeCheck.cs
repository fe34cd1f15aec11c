using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// System.Text.Json decodes strings lazily: invalid UTF-8, or an escaped lone surrogate such as <c>\ud800</c>,
/// passes parsing and only fails when the string is read, with an exception and no Try alternative. One check
/// of the whole event up front lets every reader call GetString freely.
/// </summary>
internal static class UnicodeCheck
{
    /// <summary>The path (empty for the root) and problem of the first text that does not decode, or null when all of it does.</summary>
    public static (string Path, string Problem)? FindUndecodable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryDecode(element, out _) ? null : (path, "not valid Unicode text");
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUndecodable(item, $"{path}[{index++}]") is { } found)
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
                    if (FindUndecodable(property.Value, path.Length == 0 ? child : $"{path}.{child}") is { } found)
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
