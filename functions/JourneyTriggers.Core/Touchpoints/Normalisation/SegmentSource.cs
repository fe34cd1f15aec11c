using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// A Segment call carries no source of ours, but the SDK's context hints at one. Only these hints are used,
/// in this order; anything else leaves the source empty rather than guessing:
/// <list type="number">
/// <item><c>context.device.type</c> <c>ios</c> or <c>android</c> (any case);</item>
/// <item><c>context.library.name</c> of Segment's iOS SDKs (<c>analytics-ios</c>, <c>analytics-swift</c>) → ios,
/// Android SDKs (<c>analytics-android</c>, <c>analytics-kotlin</c>) → android, browser SDK (<c>analytics.js</c>,
/// <c>analytics-next</c>) → web.</item>
/// </list>
/// A hint is never grounds for refusing an event, so hints of the wrong JSON type are ignored.
/// </summary>
internal static class SegmentSource
{
    public static string? Guess(JsonElement call) =>
        FromDevice(StringAt(call, "context", "device", "type")) ?? FromLibrary(StringAt(call, "context", "library", "name"));

    // Compared in place. Lower-casing changes ASCII letters exactly as comparing ASCII without case does, so
    // only a type with other text or escapes is decoded and lower-cased to be compared.
    static string? FromDevice(JsonElement? deviceType)
    {
        if (deviceType is not { } text)
        {
            return null;
        }

        if (!RawJsonText.TryGetUnescaped(text, out var raw) || !Ascii.IsValid(raw))
        {
            return text.GetString()!.ToLowerInvariant() switch
            {
                "ios" => "ios",
                "android" => "android",
                _ => null,
            };
        }

        return Ascii.EqualsIgnoreCase(raw, "ios"u8) ? "ios" : Ascii.EqualsIgnoreCase(raw, "android"u8) ? "android" : null;
    }

    static string? FromLibrary(JsonElement? library) => library is not { } text
        ? null
        : text.ValueEquals("analytics-ios"u8) || text.ValueEquals("analytics-swift"u8) ? "ios"
        : text.ValueEquals("analytics-android"u8) || text.ValueEquals("analytics-kotlin"u8) ? "android"
        : text.ValueEquals("analytics.js"u8) || text.ValueEquals("analytics-next"u8) ? "web"
        : null;

    static JsonElement? StringAt(JsonElement json, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out json))
            {
                return null;
            }
        }

        return json.ValueKind == JsonValueKind.String ? json : null;
    }
}
