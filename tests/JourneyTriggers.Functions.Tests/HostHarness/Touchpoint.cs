using System.Globalization;
using System.Text;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>Native touchpoints as a storefront collector puts them on the hub, one event body each.</summary>
internal static class Touchpoint
{
    static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static byte[] Identified(string id, string customer, DateTimeOffset at) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"{{{id}}}","type":"customer.identified","customerId":"{{{customer}}}","timestamp":"{{{At(at)}}}","source":"web","properties":{"email":"{{{customer}}}@example.com","firstName":"Harness","locale":"en-US","timeZone":"UTC"}}""");

    public static byte[] CartAdded(string id, string customer, DateTimeOffset at, string sku = "LAP-14", int price = 32900) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"{{{id}}}","type":"cart.item_added","customerId":"{{{customer}}}","timestamp":"{{{At(at)}}}","source":"web","properties":{"sku":"{{{sku}}}","name":"Laptop 14","price":{{{price}}},"quantity":1,"currency":"THB"}}""");

    public static byte[] Viewed(string id, string customer, DateTimeOffset at, string sku) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"{{{id}}}","type":"product.viewed","customerId":"{{{customer}}}","timestamp":"{{{At(at)}}}","source":"app","properties":{"sku":"{{{sku}}}","name":"Tea","price":129.5,"currency":"THB"}}""");
}
