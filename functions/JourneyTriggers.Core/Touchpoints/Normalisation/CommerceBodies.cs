namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// The shopping touchpoints, shared by our format and Segment's E-commerce spec, which differ only in
/// property names.
/// </summary>
internal static class CommerceBodies
{
    public static TouchpointBody? ProductViewed(JsonFields properties, ProductFieldNames names) =>
        Product(properties, names) is { } product
            ? h => new ProductViewed(h.Id, h.Customer, h.Timestamp, h.Source, product)
            : null;

    public static TouchpointBody? ItemAdded(JsonFields properties, ProductFieldNames names)
    {
        var product = Product(properties, names);
        var quantity = properties.PositiveInteger("quantity") ?? 1;
        return product is null ? null : h => new CartItemAdded(h.Id, h.Customer, h.Timestamp, h.Source, product, quantity);
    }

    /// <summary>An absent quantity removes the whole line, so it has no default.</summary>
    public static TouchpointBody? ItemRemoved(JsonFields properties, ProductFieldNames names)
    {
        var sku = Sku(properties, names);
        var quantity = properties.PositiveInteger("quantity");
        return sku is null ? null : h => new CartItemRemoved(h.Id, h.Customer, h.Timestamp, h.Source, sku, quantity);
    }

    /// <param name="cartValueNames">Where the cart value may be, in order of preference.</param>
    public static TouchpointBody CheckoutStarted(JsonFields properties, params string[] cartValueNames)
    {
        var cartValue = properties.Amount(properties.FirstPresent(cartValueNames));
        var currency = properties.Text("currency")?.Bounded(FieldLimits.Id);
        return h => new CheckoutStarted(h.Id, h.Customer, h.Timestamp, h.Source, cartValue, currency);
    }

    /// <summary>Without an order id the event id stands in, so a resent order is still recognised as the same one.</summary>
    public static TouchpointBody OrderCompleted(JsonFields properties, string orderIdName, params string[] revenueNames)
    {
        var orderId = properties.Text(orderIdName)?.AsId();
        var revenue = properties.Amount(properties.FirstPresent(revenueNames));
        var currency = properties.Text("currency")?.Bounded(FieldLimits.Id);
        return h => new OrderCompleted(h.Id, h.Customer, h.Timestamp, h.Source, orderId ?? h.Id.Value, revenue ?? 0m, currency);
    }

    static ProductInfo? Product(JsonFields properties, ProductFieldNames names)
    {
        var sku = Sku(properties, names);
        var name = properties.Text("name")?.Bounded(FieldLimits.Text);
        var price = properties.Amount("price");
        var currency = properties.Text("currency")?.Bounded(FieldLimits.Id);
        var url = properties.Text("url")?.Bounded(FieldLimits.Text);
        var imageUrl = properties.Text(names.ImageUrl)?.Bounded(FieldLimits.Text);
        return sku is null ? null : new ProductInfo(sku, name, price, currency, url, imageUrl);
    }

    static string? Sku(JsonFields properties, ProductFieldNames names)
    {
        if (names.SkuAlternative is not { } alternative)
        {
            return properties.RequiredText(names.Sku)?.AsId();
        }

        var name = properties.FirstPresent(names.Sku, alternative);
        if (!properties.Has(name))
        {
            properties.MissingOneOf(names.Sku, alternative);
            return null;
        }

        return properties.Text(name)?.AsId();
    }
}
