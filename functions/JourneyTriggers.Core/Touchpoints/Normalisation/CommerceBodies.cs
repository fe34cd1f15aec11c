namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// The shopping touchpoints, shared by our format and Segment's E-commerce spec, which differ only in
/// property names. Each reads its fields in full, then builds the touchpoint when the header was read too.
/// </summary>
internal static class CommerceBodies
{
    /// <summary>Most stores sell in one currency, so the code a touchpoint keeps is usually one shared string.</summary>
    static readonly CommonValues Currencies = CommonValues.Of("THB", "USD", "EUR", "GBP", "JPY", "SGD", "MYR", "IDR", "VND", "PHP", "CNY", "AUD");

    public static Touchpoint? ProductViewed(TouchpointHeader? header, JsonFields properties, ProductFieldNames names) =>
        Product(properties, names) is { } product && header is { } h
            ? new ProductViewed(h.Id, h.Customer, h.Timestamp, h.Source, product)
            : null;

    public static Touchpoint? ItemAdded(TouchpointHeader? header, JsonFields properties, ProductFieldNames names)
    {
        var product = Product(properties, names);
        var quantity = properties.Quantity(FieldName.Quantity) ?? 1;
        return product is not null && header is { } h ? new CartItemAdded(h.Id, h.Customer, h.Timestamp, h.Source, product, quantity) : null;
    }

    /// <summary>An absent quantity removes the whole line, so it has no default.</summary>
    public static Touchpoint? ItemRemoved(TouchpointHeader? header, JsonFields properties, ProductFieldNames names)
    {
        var sku = Sku(properties, names);
        var quantity = properties.Quantity(FieldName.Quantity);
        return sku is not null && header is { } h ? new CartItemRemoved(h.Id, h.Customer, h.Timestamp, h.Source, sku, quantity) : null;
    }

    /// <param name="cartValueNames">Where the cart value may be, in order of preference.</param>
    public static Touchpoint? CheckoutStarted(TouchpointHeader? header, JsonFields properties, params ReadOnlySpan<FieldName> cartValueNames)
    {
        var cartValue = properties.Amount(properties.FirstPresent(cartValueNames));
        var currency = Currency(properties);
        return header is { } h ? new CheckoutStarted(h.Id, h.Customer, h.Timestamp, h.Source, cartValue, currency) : null;
    }

    /// <summary>Without an order id the event id stands in, so a resent order is still recognised as the same one.</summary>
    public static Touchpoint? OrderCompleted(TouchpointHeader? header, JsonFields properties, FieldName orderIdName, params ReadOnlySpan<FieldName> revenueNames)
    {
        var orderId = properties.Text(orderIdName)?.AsId();
        var revenue = properties.Amount(properties.FirstPresent(revenueNames));
        var currency = Currency(properties);
        return header is { } h ? new OrderCompleted(h.Id, h.Customer, h.Timestamp, h.Source, orderId ?? h.Id.Value, revenue ?? 0m, currency) : null;
    }

    static ProductInfo? Product(JsonFields properties, ProductFieldNames names)
    {
        var sku = Sku(properties, names);
        var name = properties.Text(FieldName.Name)?.Bounded(FieldLimits.Text);
        var price = properties.Amount(FieldName.Price);
        var currency = Currency(properties);
        var url = properties.Text(FieldName.Url)?.Bounded(FieldLimits.Text);
        var imageUrl = properties.Text(names.ImageUrl)?.Bounded(FieldLimits.Text);
        return sku is null ? null : new ProductInfo(sku, name, price, currency, url, imageUrl);
    }

    static string? Currency(JsonFields properties) => properties.Text(FieldName.Currency, Currencies)?.Bounded(FieldLimits.Id);

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
