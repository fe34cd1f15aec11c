using System.Collections.Immutable;
using System.Text.Json;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// Cart lines and recently viewed products share one shape — <c>{"sku", "name", "price", "quantity",
/// "currency", "url", "imageUrl"}</c> — a product having no quantity and possibly no price. Prices are
/// decimals written as JSON numbers, scale kept (<c>329.50</c> stays <c>329.50</c>).
/// </summary>
internal static class ProductJson
{
    /// <summary>The lines as <c>"cart"</c>, and <c>"cartJourneyBegun": true</c> once a cart journey has begun on them.</summary>
    public static void WriteCart(Utf8JsonWriter json, Cart cart)
    {
        if (cart.Lines.IsEmpty) return;
        json.WriteStartArray("cart"u8);
        foreach (var line in cart.Lines)
            Write(json, line.Sku, line.Name, line.Price, line.Quantity, line.Currency, line.Url, line.ImageUrl);
        json.WriteEndArray();
        if (cart.JourneyBegun) json.WriteBoolean("cartJourneyBegun"u8, true);
    }

    public static Cart ReadCart(JsonElement document)
    {
        var lines = WireJson.Array(document, "cart"u8, ReadLine);
        return lines.IsEmpty ? Cart.Empty : new Cart(lines, WireJson.Flag(document, "cartJourneyBegun"u8));
    }

    public static void WriteProducts(Utf8JsonWriter json, ReadOnlySpan<byte> name, ImmutableArray<ProductInfo> products)
    {
        if (products.IsEmpty) return;
        json.WriteStartArray(name);
        foreach (var p in products) Write(json, p.Sku, p.Name, p.Price, null, p.Currency, p.Url, p.ImageUrl);
        json.WriteEndArray();
    }

    public static ImmutableArray<ProductInfo> ReadProducts(JsonElement obj, ReadOnlySpan<byte> name) => WireJson.Array(obj, name, ReadProduct);

    static void Write(Utf8JsonWriter json, string sku, string? name, decimal? price, int? quantity, string? currency, string? url, string? imageUrl)
    {
        json.WriteStartObject();
        json.WriteString("sku"u8, sku);
        DocumentWrite.OptionalString(json, "name"u8, name);
        DocumentWrite.OptionalDecimal(json, "price"u8, price);
        if (quantity is { } q) json.WriteNumber("quantity"u8, q);
        DocumentWrite.OptionalString(json, "currency"u8, currency);
        DocumentWrite.OptionalString(json, "url"u8, url);
        DocumentWrite.OptionalString(json, "imageUrl"u8, imageUrl);
        json.WriteEndObject();
    }

    static CartLine ReadLine(JsonElement item)
    {
        var l = WireJson.Object(item, "cart line");
        return new CartLine(WireJson.String(l, "sku"u8), WireJson.OptionalString(l, "name"u8), WireJson.Decimal(l, "price"u8),
            WireJson.Int32(l, "quantity"u8), WireJson.OptionalString(l, "currency"u8), WireJson.OptionalString(l, "url"u8),
            WireJson.OptionalString(l, "imageUrl"u8));
    }

    static ProductInfo ReadProduct(JsonElement item)
    {
        var p = WireJson.Object(item, "product");
        return new ProductInfo(WireJson.String(p, "sku"u8), WireJson.OptionalString(p, "name"u8), WireJson.OptionalDecimal(p, "price"u8),
            WireJson.OptionalString(p, "currency"u8), WireJson.OptionalString(p, "url"u8), WireJson.OptionalString(p, "imageUrl"u8));
    }
}
