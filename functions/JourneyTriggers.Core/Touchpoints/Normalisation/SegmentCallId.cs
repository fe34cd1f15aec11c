using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Segment's <c>messageId</c> is optional for hand-written clients, yet the id is our dedupe key, so a resent
/// call must get the same id. The id is <c>seg-</c> and the lowercase hex SHA-256 of the call type, a line
/// feed, and the call in a canonical form: keys sorted by ordinal, no whitespace, strings re-escaped, numbers as
/// written. The call type is hashed because a route may supply it (<c>/v1/track</c>) where a batch spells it out.
/// <c>sentAt</c> is left out when the event time comes from elsewhere, because a client restamps it on every retry.
/// </summary>
internal static class SegmentCallId
{
    const string Prefix = "seg-";

    /// <param name="call">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    public static string Derive(JsonElement call, string? callType, bool ignoreSentAt)
    {
        var canonical = new ArrayBufferWriter<byte>();
        canonical.Write(Encoding.UTF8.GetBytes((callType ?? "") + "\n"));
        using (var writer = new Utf8JsonWriter(canonical))
        {
            WriteObject(writer, call.EnumerateObject().Where(p => p.Name != "type" && !(ignoreSentAt && p.Name == "sentAt")));
        }

        return Prefix + Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }

    static void WriteObject(Utf8JsonWriter writer, IEnumerable<JsonProperty> properties)
    {
        writer.WriteStartObject();
        foreach (var property in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            writer.WritePropertyName(property.Name);
            WriteValue(writer, property.Value);
        }

        writer.WriteEndObject();
    }

    static void WriteValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, value.EnumerateObject());
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
