using System.Collections.Immutable;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// The product moves to the end (an earlier view of its SKU goes); past the bound the oldest goes.
    /// Built as one array: every view comes through here, and remove-all, remove-at and add made three.
    /// </summary>
    public BrowseHistory Viewed(ProductInfo product)
    {
        var others = 0;
        foreach (var p in RecentProducts)
            if (p.Sku != product.Sku) others++;
        var skip = others >= MaxRecentProducts ? 1 : 0;
        var products = new ProductInfo[others - skip + 1];
        var write = 0;
        foreach (var p in RecentProducts)
        {
            if (p.Sku == product.Sku) continue;
            if (skip > 0) skip--;
            else products[write++] = p;
        }
        products[write] = product;
        return new BrowseHistory(ViewsSinceReset + 1, ImmutableCollectionsMarshal.AsImmutableArray(products));
    }

    /// <summary>The count back to zero; this same history when it is zero already (an equal value, no copy).</summary>
    public BrowseHistory Reset() => ViewsSinceReset == 0 ? this : this with { ViewsSinceReset = 0 };

    public BrowseHistory Merge(BrowseHistory other)
    {
        var merged = this with { ViewsSinceReset = ViewsSinceReset + other.ViewsSinceReset };
        foreach (var p in other.RecentProducts)
            merged = merged.Viewed(p) with { ViewsSinceReset = merged.ViewsSinceReset };
        return merged;
    }
}
