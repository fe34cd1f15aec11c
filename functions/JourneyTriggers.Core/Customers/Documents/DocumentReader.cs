using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// Schemas 1 and 2, field by field. They differ only in <c>"seen"</c> (see <see cref="SeenJson"/>),
/// so one reader serves both and a schema 1 document is rewritten as schema 2 at its next save. A later
/// schema that changes more adds its own reader; this one stays, so old documents keep reading.
/// </summary>
internal static class DocumentReader
{
    public static CustomerState Read(JsonElement document, int schema)
    {
        var identity = new CustomerRef(WireJson.OptionalString(document, "customerId"u8), WireJson.OptionalString(document, "anonymousId"u8));
        if (identity.CustomerId is null && identity.AnonymousId is null) throw new JsonException("Neither 'customerId' nor 'anonymousId' is present.");
        // The id is derived from the identity; a mismatch means the item was copied or edited by hand.
        if (WireJson.TryGet(document, "id"u8, out var id) && !id.ValueEquals(identity.Profile.Value))
            throw new JsonException($"'id' {id.GetRawText()} is not the profile key of the identity ('{identity.Profile.Value}').");

        var clocks = HistoryJson.ReadClocks(document);
        return new CustomerState(
            identity,
            ProfileJson.Read(document, clocks.LastSeen),
            ProductJson.ReadCart(document),
            clocks,
            HistoryJson.ReadOrders(document),
            HistoryJson.ReadBrowse(document),
            WireJson.Array(document, "journeys"u8, JourneyJson.Read),
            LedgerJson.Read(document),
            SeenJson.Read(document, schema),
            WireJson.Array(document, "timeline"u8, EffectWireFormat.Read),
            WireJson.Int64(document, "nextTimerToken"u8),
            WireJson.OptionalString(document, "mergedInto"u8));
    }
}
