using System.Collections.Immutable;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Product views since the last add-to-cart, order or browse-journey start (the count that starts a
/// browse journey), and the last few products viewed, for the browse reminder's content.
/// </summary>
public sealed record BrowseHistory(int ViewsSinceReset, ImmutableArray<ProductInfo> RecentProducts)
{
    public const int MaxRecentProducts = 5;

    public static readonly BrowseHistory None = new(0, ImmutableArray<ProductInfo>.Empty);

    public BrowseHistory Viewed(ProductInfo product)
    {
        var products = RecentProducts.RemoveAll(p => p.Sku == product.Sku);
        if (products.Length >= MaxRecentProducts) products = products.RemoveAt(0);
        return new BrowseHistory(ViewsSinceReset + 1, products.Add(product));
    }

    public BrowseHistory Reset() => this with { ViewsSinceReset = 0 };

    public BrowseHistory Merge(BrowseHistory other)
    {
        var merged = this with { ViewsSinceReset = ViewsSinceReset + other.ViewsSinceReset };
        foreach (var p in other.RecentProducts)
            merged = merged.Viewed(p) with { ViewsSinceReset = merged.ViewsSinceReset };
        return merged;
    }
}
