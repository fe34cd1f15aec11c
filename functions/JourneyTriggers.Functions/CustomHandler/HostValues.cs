using System.Globalization;
using System.Text.Json;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// Reads values as the host encodes them (protocol doc §2): strings, numbers and arrays arrive as a string
/// holding their JSON (<c>"[1,2]"</c>, <c>"\"abc\""</c>), objects as objects. Every reader accepts both the
/// wrapped form the host sends today and the plain value, so a host that stops wrapping breaks nothing.
/// </summary>
internal static class HostValues
{
    /// <summary>The value inside a JSON-in-a-string, or the value itself when it is not one.</summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return value;
        var text = value.GetString()!;
        try
        {
            using var inner = JsonDocument.Parse(text);
            return inner.RootElement.Clone();
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>A property by name, ignoring case (the host's dictionaries are case-insensitive).</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty(name, out var exact)) return exact;
        foreach (var property in element.EnumerateObject())
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    /// <summary>Text of a scalar: <c>"\"abc\""</c> and <c>"abc"</c> give abc, <c>7</c> and <c>"7"</c> give 7; null for null, objects and arrays.</summary>
    public static string? Text(JsonElement? value) => value is { } v ? Unwrap(v) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } n => n.GetRawText(),
        _ => null,
    } : null;

    public static long? Int64(JsonElement? value) =>
        long.TryParse(Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The array a <c>…Array</c> metadata entry holds, or an empty one when it is missing or not an array.</summary>
    public static JsonElement[] Array(JsonElement? value) =>
        value is { } v && Unwrap(v) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];
}
