using System.Text.Json;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Turns what storefronts send into touchpoints: our native JSON (DESIGN 4.1), Segment spec calls and
/// CloudEvents 1.0. Pure: bad input is data, answered with a <see cref="TouchpointReading.Rejected"/> that names
/// every wrong field; an exception here is a bug.
/// </summary>
/// <remarks>
/// Every <c>now</c> is the live host's clock, which refuses timestamps more than 24 h ahead of it;
/// <c>simulate</c> passes null because it has no such clock.
/// </remarks>
public static class TouchpointNormaliser
{
    /// <summary>
    /// One event, in whichever format it is: a <c>specversion</c> makes it a CloudEvent; a Segment call type, or
    /// Segment's fields with no type at all, make it a Segment call; anything else is native.
    /// </summary>
    public static TouchpointReading Read(JsonElement element, Instant? now)
    {
        if (Refusal(element) is { } refusal)
        {
            return refusal;
        }

        var reading = EventReading.Take();
        var root = Root(reading, element);
        var result = root.Mentions(FieldName.SpecVersion) ? CloudEvent.ReadStructured(root, now)
            : SegmentCall.LooksLikeCall(root) ? SegmentCall.Read(root, null, now)
            : NativeTouchpoint.Read(root, now);
        reading.GiveBack();
        return result;
    }

    /// <summary>Why a line or value does not parse, in the words every reader uses: the byte in the line, not the parser's zero-based position.</summary>
    public static string InvalidJson(JsonException error) => $"invalid JSON: {JsonBody.Describe(error)}";

    /// <summary>
    /// A whole body: one JSON object, a JSON array of them, or NDJSON (one per line, blank lines skipped), one
    /// reading per event in body order. An element or line that is not an object, or a line that is not JSON, is
    /// rejected with its place (<c>[2]</c>, <c>line 3</c>) and the rest are read. An empty body holds no events.
    /// </summary>
    public static IReadOnlyList<TouchpointReading> ReadBody(ReadOnlySpan<byte> utf8, Instant? now) =>
        JsonBody.Read(utf8, element => Read(element, now));

    /// <summary>
    /// A body a host wrote itself with <see cref="NativeTouchpointJson"/> (the standalone inbox, the events the Azure
    /// collector publishes): native JSON, whatever it looks like. Read by <see cref="ReadBody"/>, a touchpoint named like a Segment call (a Segment <c>group</c>
    /// kept under its own name) would be taken for one and refused.
    /// </summary>
    public static IReadOnlyList<TouchpointReading> ReadNativeBody(ReadOnlySpan<byte> utf8, Instant? now) =>
        JsonBody.Read(utf8, element =>
        {
            if (Refusal(element) is { } refusal) return refusal;
            var reading = EventReading.Take();
            var result = NativeTouchpoint.Read(Root(reading, element), now);
            reading.GiveBack();
            return result;
        });

    /// <summary>One Segment call, for the Segment-compatible routes, which unwrap <c>/v1/batch</c> themselves.</summary>
    /// <param name="forcedType">The call type the route implies (<c>track</c> for <c>/v1/track</c>), overriding the call's
    /// own; null to use the call's <c>type</c>.</param>
    public static TouchpointReading ReadSegment(JsonElement call, string? forcedType, Instant? now)
    {
        if (forcedType is not null && !SegmentCall.CallTypes.Contains(forcedType))
        {
            throw new ArgumentOutOfRangeException(nameof(forcedType), forcedType, "Routes force one of Segment's call types.");
        }

        if (Refusal(call) is { } refusal)
        {
            return refusal;
        }

        var reading = EventReading.Take();
        var result = SegmentCall.Read(Root(reading, call), forcedType, now);
        reading.GiveBack();
        return result;
    }

    /// <summary>A CloudEvent in binary mode: attributes from the <c>ce-*</c> headers, the touchpoint as the body.</summary>
    /// <param name="ceAttributes">Header values keyed by attribute name without the <c>ce-</c> prefix, in any case.</param>
    public static TouchpointReading ReadCloudEventBinary(IReadOnlyDictionary<string, string> ceAttributes, ReadOnlySpan<byte> data, Instant? now)
    {
        var reading = EventReading.Take();
        var result = CloudEvent.ReadBinary(ceAttributes, data, now, reading);
        reading.GiveBack();
        return result;
    }

    static JsonFields Root(EventReading reading, JsonElement element) => JsonFields.Of(reading, element, "", FieldPosition.Root);

    static TouchpointReading.Rejected? Refusal(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new(null, null, $"expected a JSON object, got {ValueText.Of(element)}");
        }

        return UnicodeCheck.FindUndecodable(element, "") is (var path, var problem)
            ? new(null, null, path.Length == 0 ? problem : $"{path}: {problem}")
            : null;
    }
}
