using System.Buffers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// The field <c>"erasing"</c> that marks a customer's item while an erasure removes their blobs: the item as it was, minus
/// its pending work, plus <c>"erasing":{"since":"…"}</c>, written over the version read (ETag) before anything is deleted.
/// Every save is conditional (a replace on the ETag it loaded, a create only where there is no item), so from then on no
/// instance that loaded the customer earlier can save, and no save can start work that writes blobs. The rest of the
/// document stays until the erasure deletes the item last: an erasure cut short is found and finished when asked again,
/// an anonymous profile's marker is still found through its <c>mergedInto</c>, and a previous version of the app reads it
/// as the customer it was.
/// </summary>
internal static class ErasureMarker
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;

    /// <summary>Whether the item read is an erasure's marker rather than a customer.</summary>
    public static bool IsOn(JsonElement item) => item.TryGetProperty(Field, out _);

    /// <summary>
    /// Whether the marker stands in for no customer: an erasure that found no item puts one in place (<see cref="Compose"/>
    /// over a fresh document), so that no customer of the id is made while the blobs left behind go.
    /// </summary>
    public static bool IsPlaceholder(JsonElement item) =>
        item.TryGetProperty(Field, out var marker) && marker.ValueKind == JsonValueKind.Object
        && marker.TryGetProperty("placeholder"u8, out var placeholder) && placeholder.ValueKind == JsonValueKind.True;

    /// <summary>When the marked erasure began; null when the item is no marker, or one whose instant cannot be read.</summary>
    public static Instant? SinceOf(JsonElement item) =>
        item.TryGetProperty(Field, out var marker) && marker.ValueKind == JsonValueKind.Object
            && marker.TryGetProperty("since"u8, out var since) && since.ValueKind == JsonValueKind.String
            && Instants.Parse(since.GetString()!) is { Success: true } parsed
            ? parsed.Value
            : null;

    /// <summary>
    /// <paramref name="item"/> (as read, Cosmos metadata and all) marked as being erased since <paramref name="since"/>. Its
    /// pending work is dropped: a reader that finished it would write the very blobs the erasure deletes.
    /// </summary>
    /// <param name="placeholder">Whether <paramref name="item"/> is a fresh document standing in for no customer.</param>
    public static byte[] Compose(JsonElement item, Instant since, bool placeholder = false)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var property in item.EnumerateObject())
                if (!IsDropped(property.Name)) property.WriteTo(json);
            json.WriteStartObject(Field);
            json.WriteString("since"u8, Instants.Format(since));
            if (placeholder) json.WriteBoolean("placeholder"u8, true);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static ReadOnlySpan<byte> Field => "erasing"u8;

    /// <summary>Cosmos DB's own fields (it sets them on every write) and the pending work (<see cref="PendingWorkJson"/>).</summary>
    static bool IsDropped(string name) => name is "pending" or "_rid" or "_self" or "_etag" or "_attachments" or "_ts";
}
