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

    static string? FromDevice(string? deviceType) => deviceType?.ToLowerInvariant() switch
    {
        "ios" => "ios",
        "android" => "android",
        _ => null,
    };

    static string? FromLibrary(string? library) => library switch
    {
        "analytics-ios" or "analytics-swift" => "ios",
        "analytics-android" or "analytics-kotlin" => "android",
        "analytics.js" or "analytics-next" => "web",
        _ => null,
    };

    static string? StringAt(JsonElement json, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out json))
            {
                return null;
            }
        }

        return json.ValueKind == JsonValueKind.String ? json.GetString() : null;
    }
}
