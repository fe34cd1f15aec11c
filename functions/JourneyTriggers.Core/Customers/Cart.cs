using System.Collections.Immutable;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// The customer's cart. Lines keep the order they were first added in. <paramref name="JourneyBegun"/>: a cart journey
/// has begun on it since its first line, so the next one to begin on it restarts the cart (the abandonment rate's
/// carts started, DESIGN 4.7); an emptied cart starts over.
/// </summary>
public sealed record Cart(ImmutableArray<CartLine> Lines, bool JourneyBegun = false)
{
    /// <summary>Most distinct lines kept: a bound on document size, far above any real cart.</summary>
    public const int MaxLines = 100;

    public static readonly Cart Empty = new(ImmutableArray<CartLine>.Empty);

    public bool IsEmpty => Lines.IsEmpty;

    /// <summary>Σ price × quantity, line by line in order (a loop: branch conditions read it at every step).</summary>
    public decimal Value
    {
        get
        {
            var value = 0m;
            foreach (var line in Lines) value += line.Value;
            return value;
        }
    }

    /// <summary>The first currency any line names.</summary>
    public string? Currency
    {
        get
        {
            foreach (var line in Lines)
                if (line.Currency is not null) return line.Currency;
            return null;
        }
    }

    public Cart Add(ProductInfo product, int quantity)
    {
        var index = IndexOf(product.Sku);
        if (index < 0)
        {
            if (Lines.Length >= MaxLines) return this;
            return this with { Lines = Lines.Add(new CartLine(product.Sku, product.Name, product.Price ?? 0m, quantity, product.Currency, product.Url, product.ImageUrl)) };
        }
        var line = Lines[index];
        // A later add refreshes what the storefront says about the product (price changes, new image).
        var updated = line with
        {
            Quantity = (int)Math.Min((long)line.Quantity + quantity, CartLine.MaxQuantity),
            Name = product.Name ?? line.Name,
            Price = product.Price ?? line.Price,
            Currency = product.Currency ?? line.Currency,
            Url = product.Url ?? line.Url,
            ImageUrl = product.ImageUrl ?? line.ImageUrl,
        };
        return this with { Lines = Lines.SetItem(index, updated) };
    }

    /// <summary>Removes <paramref name="quantity"/> of a SKU, or the whole line when it is null or covers the line.</summary>
    public Cart Remove(string sku, int? quantity)
    {
        var index = IndexOf(sku);
        if (index < 0) return this;
        var line = Lines[index];
        if (quantity is { } q && q < line.Quantity) return this with { Lines = Lines.SetItem(index, line with { Quantity = line.Quantity - q }) };
        return Lines.Length == 1 ? Empty : this with { Lines = Lines.RemoveAt(index) };
    }

    /// <summary>Merges another cart into this one: quantities of the same SKU add up; a journey begun on either has begun on both.</summary>
    public Cart Merge(Cart other)
    {
        var merged = this;
        foreach (var line in other.Lines)
            merged = merged.Add(new ProductInfo(line.Sku, line.Name, line.Price, line.Currency, line.Url, line.ImageUrl), line.Quantity);
        return other.JourneyBegun && !merged.JourneyBegun ? merged with { JourneyBegun = true } : merged;
    }

    /// <summary>This cart, marked as having had a cart journey begin on it.</summary>
    public Cart WithJourneyBegun() => JourneyBegun || IsEmpty ? this : this with { JourneyBegun = true };

    int IndexOf(string sku)
    {
        for (var i = 0; i < Lines.Length; i++)
            if (string.Equals(Lines[i].Sku, sku, StringComparison.Ordinal)) return i;
        return -1;
    }
}
