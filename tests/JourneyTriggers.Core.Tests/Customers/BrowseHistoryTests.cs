using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Tests.Support;

namespace JourneyTriggers.Core.Tests.Customers;

public class BrowseHistoryTests
{
    static string[] Skus(BrowseHistory history) => history.RecentProducts.Select(p => p.Sku).ToArray();

    [Fact]
    public void A_view_moves_its_product_to_the_end_and_the_oldest_goes_past_the_bound()
    {
        var history = BrowseHistory.None;
        foreach (var sku in new[] { "A", "B", "C", "D", "E" }) history = history.Viewed(Tp.Product(sku));

        var again = history.Viewed(Tp.Product("B"));
        var sixth = history.Viewed(Tp.Product("F"));

        Assert.Equal(["A", "C", "D", "E", "B"], Skus(again));
        Assert.Equal(["B", "C", "D", "E", "F"], Skus(sixth));
        Assert.Equal(["A", "B", "C", "D", "E"], Skus(history));
        Assert.Equal(6, sixth.ViewsSinceReset);
    }
}
