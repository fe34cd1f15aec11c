using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Tests.Customers;

/// <summary>Each add is bounded on the way in, but adds repeat and carts merge: a line stops at its maximum instead of wrapping.</summary>
public class CartQuantityTests
{
    static readonly ProductInfo Laptop = new("LAP-14", "Laptop 14", 1_000_000_000_000_000m, "THB", null, null);

    [Fact]
    public void Repeated_adds_of_the_largest_quantity_stop_at_the_maximum_and_the_value_stays_exact()
    {
        var cart = Cart.Empty;
        for (var i = 0; i < 3000; i++) cart = cart.Add(Laptop, CartLine.MaxQuantity);

        var line = Assert.Single(cart.Lines);
        Assert.Equal(CartLine.MaxQuantity, line.Quantity);
        Assert.Equal(1_000_000_000_000_000m * CartLine.MaxQuantity, cart.Value);
    }

    [Fact]
    public void Merging_two_full_lines_keeps_the_maximum()
    {
        var full = Cart.Empty.Add(Laptop, CartLine.MaxQuantity);

        Assert.Equal(CartLine.MaxQuantity, Assert.Single(full.Merge(full).Lines).Quantity);
    }
}
