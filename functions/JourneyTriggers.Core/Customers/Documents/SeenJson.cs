using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>Recent touchpoint ids for dedupe, oldest first: <c>"seen": [{"id", "at"}]</c>.</summary>
internal static class SeenJson
{
    public static void Write(Utf8JsonWriter json, SeenTouchpoints seen)
    {
        if (seen.Ids.IsEmpty) return;
        json.WriteStartArray("seen"u8);
        foreach (var id in seen.Ids)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, id.Id);
            DocumentWrite.Instant(json, "at"u8, id.SeenAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static SeenTouchpoints Read(JsonElement document)
    {
        var ids = WireJson.Array(document, "seen"u8, ReadEntry);
        return ids.IsEmpty ? SeenTouchpoints.Empty : new SeenTouchpoints(ids);
    }

    static SeenTouchpoint ReadEntry(JsonElement item)
    {
        var s = WireJson.Object(item, "seen id");
        return new SeenTouchpoint(WireJson.String(s, "id"u8), WireJson.Instant(s, "at"u8));
    }
}
