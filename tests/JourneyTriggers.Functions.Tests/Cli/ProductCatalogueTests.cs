using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Functions.Cli;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.Cli;

public sealed class ProductCatalogueTests
{
    static readonly Instant At = Instant.FromUtc(2026, 11, 16, 10, 0);

    [Fact]
    public void Equal_products_come_back_as_one_shared_copy_and_the_touchpoint_is_otherwise_unchanged()
    {
        var catalogue = new ProductCatalogue();
        var first = (ProductViewed)catalogue.Share(Viewed("evt-1", Mug()));
        var second = (CartItemAdded)catalogue.Share(new CartItemAdded(new TouchpointId("evt-2"), CustomerRef.Known("c-2"), At, "web", Mug(), 2));

        Assert.Same(first.Product, second.Product);
        Assert.Equal(new CartItemAdded(new TouchpointId("evt-2"), CustomerRef.Known("c-2"), At, "web", Mug(), 2), second);
    }

    [Fact]
    public void Products_that_differ_in_any_field_are_not_shared()
    {
        var catalogue = new ProductCatalogue();
        var mug = (ProductViewed)catalogue.Share(Viewed("evt-1", Mug()));
        var dearer = (ProductViewed)catalogue.Share(Viewed("evt-2", Mug() with { Price = 400m }));

        Assert.NotSame(mug.Product, dearer.Product);
        Assert.Equal(400m, dearer.Product.Price);
    }

    [Fact]
    public void Other_touchpoints_pass_through_as_they_are()
    {
        var opened = new AppOpened(new TouchpointId("evt-3"), CustomerRef.Known("c-1"), At, "ios");
        Assert.Same(opened, new ProductCatalogue().Share(opened));
    }

    // A fresh instance each time, with fresh strings, as parsing makes them.
    static ProductInfo Mug() => new(new string("MUG-1".AsSpan()), new string("Mug".AsSpan()), 350m, "THB", "https://shop.example/p/MUG-1", null);

    static ProductViewed Viewed(string id, ProductInfo product) => new(new TouchpointId(id), CustomerRef.Known("c-1"), At, "web", product);
}
