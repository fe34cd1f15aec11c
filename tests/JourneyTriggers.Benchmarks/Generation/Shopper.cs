using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Benchmarks.Generation;

/// <summary>Where a shopper's sessions come from: the source field and the push platform.</summary>
internal enum Platform { Web, Ios, Android }

/// <summary>
/// One person behind the stream, and the little the generator remembers about them so that their
/// events make sense together: what they looked at last, what is in their cart, whether an
/// anonymous visitor has identified yet.
/// </summary>
internal sealed class Shopper(string customerId, string? anonymousId, Platform platform, string locale, string timeZone, string firstName, string? tier)
{
    public string CustomerId { get; } = customerId;

    /// <summary>Set for visitors who arrive anonymously; they carry only this id until they identify.</summary>
    public string? AnonymousId { get; } = anonymousId;

    public bool Identified { get; set; } = anonymousId is null;
    public Platform Platform { get; } = platform;
    public string Locale { get; } = locale;
    public string TimeZone { get; } = timeZone;
    public string FirstName { get; } = firstName;
    public string? Tier { get; } = tier;

    /// <summary>Catalog index of the last product viewed, or -1: adds to cart favour it.</summary>
    public int LastViewed { get; set; } = -1;

    /// <summary>What the generator believes is in the cart (catalog index, quantity), for removals and order revenue.</summary>
    public List<(int Product, int Quantity)> Cart { get; } = new(0);

    public int Devices { get; set; }

    public string Source => Platform switch { Platform.Ios => "ios", Platform.Android => "android", _ => "web" };

    /// <summary>
    /// Who an event is from. An identified former visitor still sends the anonymous id now and then
    /// (a cookie that outlives the login), which the engine routes to the known customer without a merge.
    /// </summary>
    public CustomerRef Ref(Random random) =>
        !Identified ? CustomerRef.Anonymous(AnonymousId!)
        : AnonymousId is not null && random.NextDouble() < 0.3 ? new CustomerRef(CustomerId, AnonymousId)
        : CustomerRef.Known(CustomerId);
}
