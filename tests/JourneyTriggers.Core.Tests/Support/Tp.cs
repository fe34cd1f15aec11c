using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Support;

/// <summary>Terse touchpoint builders for scenarios: ids are generated, times are ISO strings.</summary>
internal static class Tp
{
    static int next;
    public const string Customer = "c-42";

    public static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;
    static TouchpointId Id(string? id) => new(id ?? "evt-" + Interlocked.Increment(ref next));
    static CustomerRef Who(string? customer, string? anonymous) =>
        customer is null && anonymous is null ? CustomerRef.Known(Customer) : new CustomerRef(customer, anonymous);

    public static ProductInfo Product(string sku = "LAP-14", decimal price = 32900m) =>
        new(sku, "Laptop 14", price, "THB", $"https://shop.example/p/{sku}", null);

    public static CartItemAdded Add(string at, string sku = "LAP-14", decimal price = 32900m, int quantity = 1, string? customer = null, string? anonymous = null, string? id = null) =>
        new(Id(id), Who(customer, anonymous), At(at), "web", Product(sku, price), quantity);
    public static CartItemRemoved Remove(string at, string sku = "LAP-14", int? quantity = null, string? customer = null) =>
        new(Id(null), Who(customer, null), At(at), "web", sku, quantity);
    public static CartViewed ViewCart(string at, string? customer = null) => new(Id(null), Who(customer, null), At(at), "web");
    public static CartCleared Clear(string at, string? customer = null) => new(Id(null), Who(customer, null), At(at), "web");
    public static CheckoutStarted Checkout(string at, string? customer = null) => new(Id(null), Who(customer, null), At(at), "web", null, null);
    public static OrderCompleted Order(string at, string orderId = "o-1", decimal revenue = 32900m, string? customer = null, string? id = null, string? anonymous = null) =>
        new(Id(id), Who(customer, anonymous), At(at), "web", orderId, revenue, "THB");
    public static ProductViewed View(string at, string sku = "LAP-14", string? customer = null, string? anonymous = null) =>
        new(Id(null), Who(customer, anonymous), At(at), "web", Product(sku));
    public static AppOpened Open(string at, string? customer = null) => new(Id(null), Who(customer, null), At(at), "ios");
    public static CustomerIdentified Identify(string at, string? email = "somchai@example.com", string? timeZone = null, string? tier = null, string? customer = null, string? anonymous = null, string? locale = null) =>
        new(Id(null), Who(customer, anonymous), At(at), "web", email, "Somchai", locale, timeZone, tier);
    public static ConsentUpdated Consent(string at, bool? email = true, bool? push = null, string? customer = null, string? anonymous = null) =>
        new(Id(null), Who(customer, anonymous), At(at), "web", email, push);
    public static PushRegistered Register(string at, string installation = "inst-1", string? customer = null, string? anonymous = null) =>
        new(Id(null), Who(customer, anonymous), At(at), "ios", installation, "apns", "token-1");
    public static PushUnregistered Unregister(string at, string installation = "inst-1", string? customer = null) =>
        new(Id(null), Who(customer, null), At(at), "ios", installation);
}
