using JourneyTriggers.Application.Messages.Links;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Tests.Messages;

public class DeepLinkTests
{
    const string Utm = "utm_source=journeytriggers&utm_medium=email&utm_campaign=abandoned_cart&utm_content=m-1";

    [Fact]
    public void Restores_the_cart_sku_by_quantity() =>
        Assert.Equal("https://shop.example/cart/restore?items=LAP-14:1,MSE-W:2&" + Utm,
            DeepLinks.CartRestore("https://shop.example/cart/restore", [Shoppers.Laptop, Shoppers.Mouse], Channel.Email, "abandoned_cart", "m-1"));

    [Fact]
    public void Encodes_skus_so_separators_stay_unambiguous()
    {
        var odd = new CartLine("A:B,C&D=E F/ก", null, 1m, 3, "THB", null, null);
        Assert.Equal("https://s/r?items=A%3AB%2CC%26D%3DE%20F%2F%E0%B8%81:3&" + Utm,
            DeepLinks.CartRestore("https://s/r", [odd], Channel.Email, "abandoned_cart", "m-1"));
    }

    [Fact]
    public void Encodes_trigger_and_message_id_and_names_the_channel() =>
        Assert.Equal("https://s/?utm_source=journeytriggers&utm_medium=push&utm_campaign=a%20b%26c&utm_content=m%2F1",
            DeepLinks.Tracked("https://s/", Channel.Push, "a b&c", "m/1"));

    [Theory]
    [InlineData("https://s/r?store=bkk", "https://s/r?store=bkk&items=X:1&")]
    [InlineData("https://s/r?", "https://s/r?items=X:1&")]
    [InlineData("https://s/r#top", "https://s/r?items=X:1&")]
    public void Keeps_the_base_urls_query_and_fragment(string baseUrl, string expectedStart)
    {
        var link = DeepLinks.CartRestore(baseUrl, [new CartLine("X", null, 1m, 1, null, null, null)], Channel.Email, "abandoned_cart", "m-1");
        Assert.StartsWith(expectedStart, link);
        Assert.EndsWith(baseUrl.Contains('#') ? Utm + "#top" : Utm, link);
    }

    [Fact]
    public void Every_sku_and_quantity_reads_back_from_the_link() =>
        Gen.Select(Gen.Char["AZaz09:,&=% /ก-"].Array[1, 20].Select(c => new string(c)), Gen.Int[1, 999]).List[1, 5].Sample(items =>
        {
            var lines = items.Select(i => new CartLine(i.Item1, null, 1m, i.Item2, null, null, null)).ToList();
            var link = DeepLinks.CartRestore("https://s/r", lines, Channel.Email, "t", "m");
            var query = new Uri(link).Query.TrimStart('?').Split('&').First(p => p.StartsWith("items=", StringComparison.Ordinal))[6..];
            var parsed = query.Split(',').Select(p => p.Split(':')).Select(p => (Uri.UnescapeDataString(p[0]), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(items, parsed);
        });
}
