using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// The stored form of <see cref="CustomerState"/> (DESIGN 4.6): one compact JSON object per customer,
/// the same in SQLite and Cosmos DB. Hand-written over <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonElement"/> because hosts write it per customer per batch, and the state is immutable
/// records, <c>ImmutableArray</c>s and a closed union that reflection would handle slowly or not at all.
/// <para>
/// Shape: camelCase; fields always in the same order, so equal states give equal bytes; null values,
/// false flags and empty lists left out (and read back as such); instants as ISO 8601 UTC
/// (<c>2026-11-22T10:00:00Z</c>); durations as ISO 8601 (<c>P3D</c>); money as JSON numbers; the
/// timeline in the very shape <see cref="EffectWireFormat"/> writes effects. The one exception is the
/// dedupe window, up to 1,000 ids and most of a busy customer's bytes: two columns, the ids and their
/// instants as tick deltas (<see cref="SeenJson"/>). <c>"schema"</c> comes
/// first and names the version, so a later build can migrate; <c>"id"</c> is the
/// <see cref="ProfileKey"/>, usable as the Cosmos item id. Fields the reader does not know are
/// ignored, so a store's own metadata (<c>_etag</c>, <c>_ts</c>) can sit beside them.
/// </para>
/// </summary>
public static class CustomerDocument
{
    /// <summary>The version this build writes; it reads <see cref="OldestSchema"/> up to this one.</summary>
    public const int Schema = 2;

    /// <summary>The oldest version this build still reads: schema 1 wrote <c>"seen"</c> one object per id.</summary>
    public const int OldestSchema = 1;

    // Relaxed escaping keeps names in any script readable and short, as the effect lines do; the
    // document is never embedded in HTML. Structure validation is skipped on this hot path: the
    // writing code is fixed, and the tests write every shape through a validating writer too.
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static byte[] Serialize(CustomerState state) =>
        ReusedJsonWriter<CustomerState>.ToArray(Options, state, static (json, state) => Serialize(json, state));

    /// <summary>Writes the document as one JSON object (a host may write it into a stream or a larger value).</summary>
    public static void Serialize(Utf8JsonWriter json, CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(state);
        json.WriteStartObject();
        json.WriteNumber("schema"u8, Schema);
        json.WriteString("id"u8, state.Identity.Profile.Value);
        DocumentWrite.OptionalString(json, "customerId"u8, state.Identity.CustomerId);
        DocumentWrite.OptionalString(json, "anonymousId"u8, state.Identity.AnonymousId);
        DocumentWrite.OptionalString(json, "mergedInto"u8, state.MergedInto);
        ProfileJson.Write(json, state.Profile);
        ProductJson.WriteCart(json, state.Cart);
        HistoryJson.WriteClocks(json, state.Clocks);
        HistoryJson.WriteOrders(json, state.Orders);
        HistoryJson.WriteBrowse(json, state.Browse);
        json.WriteNumber("nextTimerToken"u8, state.NextTimerToken);
        if (!state.Journeys.IsEmpty)
        {
            json.WriteStartArray("journeys"u8);
            foreach (var journey in state.Journeys) JourneyJson.Write(json, journey);
            json.WriteEndArray();
        }
        LedgerJson.Write(json, state.Ledger);
        SeenJson.Write(json, state.Seen);
        if (!state.Timeline.IsEmpty)
        {
            json.WriteStartArray("timeline"u8);
            foreach (var effect in state.Timeline) EffectWireFormat.Write(json, effect);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>Reads a document <see cref="Serialize(CustomerState)"/> wrote; anything else is a <see cref="CustomerDocumentException"/>.</summary>
    public static CustomerState Deserialize(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument parsed;
        try
        {
            // Over the caller's bytes, one pass with a pooled index: ParseValue from a reader would find the
            // document's end first and parse a copy (a pump loads a document per customer per batch). It refuses
            // text after the document too.
            parsed = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new CustomerDocumentException($"A customer document is not valid JSON: {e.Message}", inner: e);
        }
        using (parsed) return Deserialize(parsed.RootElement);
    }

    /// <summary>Reads a document from JSON a host has already parsed (a Cosmos item, a SQLite JSON column).</summary>
    public static CustomerState Deserialize(JsonElement document)
    {
        var schema = ReadSchema(document);
        try
        {
            return DocumentReader.Read(document, schema);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // No id in the message: it reaches logs and dead letters' reasons, which whoever handles it knows the owner of.
            throw new CustomerDocumentException($"A customer document (schema {schema}) is damaged: {e.Message}", schema, e);
        }
    }

    static int ReadSchema(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
            throw new CustomerDocumentException($"A customer document must be a JSON object, got {document.ValueKind}.");
        if (!document.TryGetProperty("schema"u8, out var field) || !field.TryGetInt32Number(out var schema))
            throw new CustomerDocumentException("A customer document has no \"schema\" version number: it was not written by CustomerDocument.");
        if (schema is < OldestSchema or > Schema)
            throw new CustomerDocumentException(
                $"Customer document schema {schema} is not one this build reads (it reads schemas {OldestSchema} to {Schema}). A newer build wrote it, or it was " +
                "damaged: this is a deployment problem, not bad input — roll forward, or migrate the document.", schema);
        return schema;
    }

    static bool TryGetInt32Number(this JsonElement value, out int number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number);
    }
}
