using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// The activity clocks (<c>"clocks": {"lastCartActivity", "lastView", "lastAppOpen", "lastOrder",
/// "lastSeen"}</c>), the order history (<c>"orders": {"count", "recentIds", "uncredited": [{"orderId", "at", "revenue",
/// "currency"}]}</c>) and the browse
/// history (<c>"browse": {"viewsSinceReset", "recentProducts"}</c>). Counts are always written; unset
/// clocks and empty lists are left out.
/// </summary>
internal static class HistoryJson
{
    public static void WriteClocks(Utf8JsonWriter json, ActivityClocks clocks)
    {
        json.WriteStartObject("clocks"u8);
        DocumentWrite.OptionalInstant(json, "lastCartActivity"u8, clocks.LastCartActivity);
        DocumentWrite.OptionalInstant(json, "lastView"u8, clocks.LastView);
        DocumentWrite.OptionalInstant(json, "lastAppOpen"u8, clocks.LastAppOpen);
        DocumentWrite.OptionalInstant(json, "lastOrder"u8, clocks.LastOrder);
        DocumentWrite.OptionalInstant(json, "lastSeen"u8, clocks.LastSeen);
        json.WriteEndObject();
    }

    public static ActivityClocks ReadClocks(JsonElement document)
    {
        if (!WireJson.TryGet(document, "clocks"u8, out var c)) return ActivityClocks.None;
        c = WireJson.Object(c, "clocks");
        return new ActivityClocks(
            WireJson.OptionalInstant(c, "lastCartActivity"u8), WireJson.OptionalInstant(c, "lastView"u8), WireJson.OptionalInstant(c, "lastAppOpen"u8),
            WireJson.OptionalInstant(c, "lastOrder"u8), WireJson.OptionalInstant(c, "lastSeen"u8));
    }

    public static void WriteOrders(Utf8JsonWriter json, OrderHistory orders)
    {
        json.WriteStartObject("orders"u8);
        json.WriteNumber("count"u8, orders.Count);
        if (!orders.RecentOrderIds.IsEmpty)
        {
            json.WriteStartArray("recentIds"u8);
            foreach (var id in orders.RecentOrderIds) json.WriteStringValue(id);
            json.WriteEndArray();
        }
        if (!orders.Uncredited.IsEmpty)
        {
            json.WriteStartArray("uncredited"u8);
            foreach (var order in orders.Uncredited)
            {
                json.WriteStartObject();
                json.WriteString("orderId"u8, order.OrderId);
                DocumentWrite.Instant(json, "at"u8, order.At);
                json.WriteNumber("revenue"u8, order.Revenue);
                DocumentWrite.OptionalString(json, "currency"u8, order.Currency);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static OrderHistory ReadOrders(JsonElement document)
    {
        if (!WireJson.TryGet(document, "orders"u8, out var o)) return OrderHistory.None;
        o = WireJson.Object(o, "orders");
        return new OrderHistory(WireJson.Int32(o, "count"u8), WireJson.Array(o, "recentIds"u8, static id => WireJson.StringItem(id, "order id")),
            WireJson.Array(o, "uncredited"u8, ReadUncredited));
    }

    static UncreditedOrder ReadUncredited(JsonElement item)
    {
        var u = WireJson.Object(item, "uncredited order");
        return new UncreditedOrder(WireJson.String(u, "orderId"u8), WireJson.Instant(u, "at"u8), WireJson.Decimal(u, "revenue"u8),
            WireJson.OptionalString(u, "currency"u8));
    }

    public static void WriteBrowse(Utf8JsonWriter json, BrowseHistory browse)
    {
        json.WriteStartObject("browse"u8);
        json.WriteNumber("viewsSinceReset"u8, browse.ViewsSinceReset);
        ProductJson.WriteProducts(json, "recentProducts"u8, browse.RecentProducts);
        json.WriteEndObject();
    }

    public static BrowseHistory ReadBrowse(JsonElement document)
    {
        if (!WireJson.TryGet(document, "browse"u8, out var b)) return BrowseHistory.None;
        b = WireJson.Object(b, "browse");
        return new BrowseHistory(WireJson.Int32(b, "viewsSinceReset"u8), ProductJson.ReadProducts(b, "recentProducts"u8));
    }
}
