using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// One shared copy of each distinct product a replay reads. Every view or cart add of a product carries
/// its own freshly parsed strings (sku, name, url, image), and the customer documents keep them: across a
/// replay of 100,000 customers that is a large heap of identical text for the collector to carry. Equal
/// products are interchangeable (ProductInfo is a value), so handing out the first copy changes no decision.
/// </summary>
internal sealed class ProductCatalogue
{
    /// <summary>Distinct products kept at most: a file of endless distinct products cannot grow it without bound.</summary>
    const int MaxProducts = 100_000;

    readonly Dictionary<ProductInfo, ProductInfo> products = new(new SkuHashedEquality());

    public Touchpoint Share(Touchpoint touchpoint) => touchpoint switch
    {
        ProductViewed viewed when Shared(viewed.Product) is { } product => viewed with { Product = product },
        CartItemAdded added when Shared(added.Product) is { } product => added with { Product = product },
        _ => touchpoint,
    };

    // Null when the touchpoint already holds the shared copy, or when there is no room to share a new one.
    ProductInfo? Shared(ProductInfo product)
    {
        if (products.TryGetValue(product, out var shared)) return ReferenceEquals(shared, product) ? null : shared;
        if (products.Count < MaxProducts) products.Add(product, product);
        return null;
    }

    /// <summary>
    /// Products' own equality, hashed by the sku alone: a sku names one product nearly always, and the record's hash
    /// runs over its name, url and image too, a hundred characters or more for every view and cart add read.
    /// </summary>
    sealed class SkuHashedEquality : IEqualityComparer<ProductInfo>
    {
        public bool Equals(ProductInfo? x, ProductInfo? y) => EqualityComparer<ProductInfo>.Default.Equals(x, y);

        public int GetHashCode(ProductInfo product) => product.Sku.GetHashCode();
    }
}
