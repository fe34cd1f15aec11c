using System.Buffers;
using System.Text.Json;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// A customer's Cosmos DB item: the <see cref="CustomerDocument"/> bytes as they are, followed by the
/// fields only Cosmos needs — <c>ttl</c> (seconds; anonymous profiles only, so known customers never
/// expire) and <c>pending</c> (<see cref="PendingWorkJson"/>). Cosmos adds <c>_etag</c>, <c>_ts</c> and
/// the like; the document reader ignores all of these.
/// </summary>
internal static class CustomerItem
{
    public static byte[] Compose(ProfileKey key, CustomerState state, int? ttlSeconds, PendingWork pending)
    {
        var document = CustomerDocument.Serialize(state);
        if (CosmosItemId.IsHashed(key)) document = WithId(document, CosmosItemId.For(key));

        var extras = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(extras))
        {
            json.WriteStartObject();
            if (ttlSeconds is { } ttl) json.WriteNumber("ttl"u8, ttl);
            if (!pending.IsEmpty) PendingWorkJson.Write(json, pending);
            json.WriteEndObject();
        }
        if (extras.WrittenCount == 2) return document;

        // Splice "{…document…}" and "{extras}" into one object: the document minus its closing brace,
        // a comma, the extras minus their opening brace. The writer emits no whitespace, so both ends are known.
        if (document[^1] != (byte)'}') throw new InvalidOperationException("A serialized customer document does not end with '}'.");
        var item = new byte[document.Length + extras.WrittenCount - 1];
        document.AsSpan(0, document.Length - 1).CopyTo(item);
        item[document.Length - 1] = (byte)',';
        extras.WrittenSpan[1..].CopyTo(item.AsSpan(document.Length));
        return item;
    }

    public static (CustomerState State, PendingWork Pending) Parse(ProfileKey key, JsonElement item)
    {
        var state = CosmosItemId.IsHashed(key)
            // The document's own "id" must be the profile key or absent; the item's is the hashed one.
            ? CustomerDocument.Deserialize(WithoutId(item))
            : CustomerDocument.Deserialize(item);
        try
        {
            return (state, PendingWorkJson.Read(item));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or NodaTime.Text.UnparsableValueException)
        {
            throw new CustomerDocumentException($"The pending work in a customer's document cannot be read: {e.Message}", inner: e);
        }
    }

    static byte[] WithId(byte[] document, string id)
    {
        using var parsed = JsonDocument.Parse(document);
        return Rewrite(parsed.RootElement, id);
    }

    static byte[] WithoutId(JsonElement item) => Rewrite(item, null);

    /// <summary>The object with its top-level <c>"id"</c> replaced by <paramref name="id"/>, or dropped when null; rare, so plain.</summary>
    static byte[] Rewrite(JsonElement root, string? id)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (!property.NameEquals("id"u8)) property.WriteTo(json);
                else if (id is not null) json.WriteString("id"u8, id);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
