using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>
/// A storefront catalog priced in whole baht. Popularity is skewed: a few products draw most views,
/// as on a real shop, so carts and views of different customers overlap.
/// </summary>
internal sealed class Catalog
{
    const string Currency = "THB";

    // Category code, product noun, price range in baht.
    static readonly (string Code, string Noun, int Low, int High)[] Categories =
    [
        ("PHN", "Phone", 4_990, 42_900), ("LAP", "Laptop", 14_900, 59_900), ("HPH", "Headphones", 590, 12_900),
        ("SHO", "Sneakers", 990, 5_990), ("TSH", "T-shirt", 199, 890), ("SKN", "Serum", 190, 2_490),
        ("KIT", "Rice cooker", 390, 8_990), ("SNK", "Snack box", 29, 249),
    ];

    readonly ProductInfo[] products;

    public Catalog(Random random, int size)
    {
        products = new ProductInfo[size];
        for (var i = 0; i < size; i++)
        {
            var (code, noun, low, high) = Categories[i % Categories.Length];
            var sku = $"{code}-{i / Categories.Length:D4}";
            products[i] = new ProductInfo(sku, $"{noun} {i / Categories.Length}", ThaiPrice(low + (high - low) * random.NextDouble()), Currency,
                $"https://shop.example/p/{sku}", $"https://shop.example/i/{sku}.jpg");
        }
    }

    public int Count => products.Length;

    public ProductInfo this[int index] => products[index];

    /// <summary>A product index, the low indices far more often (u³ puts about half the draws in the top 12%).</summary>
    public int Popular(Random random)
    {
        var u = random.NextDouble();
        return (int)(u * u * u * products.Length);
    }

    /// <summary>Shelf prices end in 9 (small items) or 90 (everything from a thousand baht up).</summary>
    static decimal ThaiPrice(double baht) => baht < 1_000
        ? (int)(baht / 10) * 10 + 9
        : (int)(baht / 100) * 100 - 10;
}
