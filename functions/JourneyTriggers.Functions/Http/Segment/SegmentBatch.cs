using System.Buffers;
using System.Text.Json;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;

namespace JourneyTriggers.Functions.Http.Segment;

/// <summary>
/// Unwraps <c>/v1/batch</c>: <c>{ "batch": [ … ], "context": { … }, "sentAt": … }</c>. As in
/// Segment's API, the batch's context is merged into each call's (the call's own keys win), and the
/// batch's sentAt stands in for a call that has none.
/// </summary>
internal static class SegmentBatch
{
    public static IReadOnlyList<TouchpointReading> Read(JsonElement batch, JsonElement envelope, Instant now)
    {
        var context = envelope.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        var sentAt = envelope.TryGetProperty("sentAt", out var s) && s.ValueKind != JsonValueKind.Null ? s : (JsonElement?)null;
        var readings = new List<TouchpointReading>(batch.GetArrayLength());
        var index = 0;
        foreach (var call in batch.EnumerateArray())
        {
            readings.Add(call.ValueKind == JsonValueKind.Object
                ? ReadCall(call, context, sentAt, now)
                : new TouchpointReading.Rejected(null, null, $"batch[{index}]: expected a JSON object, got {call.ValueKind.ToString().ToLowerInvariant()}"));
            index++;
        }
        return readings;
    }

    static TouchpointReading ReadCall(JsonElement call, JsonElement? context, JsonElement? sentAt, Instant now)
    {
        if (context is null && sentAt is null) return TouchpointNormaliser.ReadSegment(call, null, now);
        if (Merge(call, context, sentAt) is not { } merged) return TouchpointNormaliser.ReadSegment(call, null, now);
        using (merged) return TouchpointNormaliser.ReadSegment(merged.RootElement, null, now);
    }

    /// <summary>
    /// The call with the batch's context and sentAt folded in; null when the call cannot be rewritten
    /// (text that is not valid UTF-8), in which case it is read as sent and the normaliser says what is wrong.
    /// </summary>
    static JsonDocument? Merge(JsonElement call, JsonElement? context, JsonElement? sentAt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                var hasContext = false;
                var hasSentAt = false;
                foreach (var property in call.EnumerateObject())
                {
                    if (property.NameEquals("context") && context is { } shared && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        hasContext = true;
                        json.WritePropertyName(property.Name);
                        WriteMergedContext(json, property.Value, shared);
                        continue;
                    }
                    hasContext |= property.NameEquals("context");
                    hasSentAt |= property.NameEquals("sentAt") && property.Value.ValueKind != JsonValueKind.Null;
                    if (property.NameEquals("sentAt") && !hasSentAt) continue;
                    property.WriteTo(json);
                }
                if (!hasContext && context is { } batchContext)
                {
                    json.WritePropertyName("context");
                    batchContext.WriteTo(json);
                }
                if (!hasSentAt && sentAt is { } batchSentAt)
                {
                    json.WritePropertyName("sentAt");
                    batchSentAt.WriteTo(json);
                }
                json.WriteEndObject();
            }
            return JsonDocument.Parse(buffer.WrittenMemory, SegmentBody.Options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            return null;
        }
    }

    static void WriteMergedContext(Utf8JsonWriter json, JsonElement own, JsonElement shared)
    {
        json.WriteStartObject();
        foreach (var property in own.EnumerateObject()) property.WriteTo(json);
        foreach (var property in shared.EnumerateObject())
            if (!own.TryGetProperty(property.Name, out _)) property.WriteTo(json);
        json.WriteEndObject();
    }
}
