using System.Collections.Immutable;
using System.Diagnostics;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using Xunit.Abstractions;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>
/// Every collection in the state is a bounded window, so however much one customer sends, the
/// document stays small enough to read and write per batch (and far below Cosmos DB's 2 MB item limit).
/// </summary>
public class DocumentSizeTests(ITestOutputHelper output)
{
    const int Events = 20_000;
    const int Bound = 200 * 1024;

    /// <summary>
    /// <c>dense</c>: an event every 30 seconds, so a week of ids hits the dedupe bound and activity
    /// never lets a journey's step come due. <c>sessions</c>: bursts of about 20 events a minute or so
    /// apart, then 2 to 30 hours of quiet, so reminders go out, fill the ledger and convert.
    /// </summary>
    [Theory]
    [InlineData("dense")]
    [InlineData("sessions")]
    public void A_customer_after_20000_mixed_events_has_a_bounded_document(string pace)
    {
        var run = new ReplayRun(new JourneyEngine(Configs.With(Configs.Cart(), Configs.Browse(), Configs.App())));
        var start = Tp.At("2026-11-01T00:00:00Z");
        var random = new Random(20_000);
        var sizes = new List<int>();
        var at = start;
        for (var i = 0; i < Events; i++)
        {
            at += pace == "dense" ? Duration.FromSeconds(30)
                : random.Next(20) == 0 ? Duration.FromMinutes(random.Next(120, 1800))
                : Duration.FromSeconds(random.Next(30, 120));
            run.Accept(Mixed(random, i, at));
            if ((i + 1) % 5_000 == 0) sizes.Add(CustomerDocument.Serialize(run.Customers[ProfileKey.ForCustomer(Tp.Customer)]).Length);
        }
        var state = run.Customers[ProfileKey.ForCustomer(Tp.Customer)];
        var bytes = CustomerDocument.Serialize(state);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) CustomerDocument.Deserialize(CustomerDocument.Serialize(state));
        output.WriteLine($"{pace}: {bytes.Length:N0} bytes after {Events:N0} events (after 5k/10k/15k/20k: {string.Join(" / ", sizes.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}); " +
            $"cart {state.Cart.Lines.Length} lines, seen {state.Seen.Ids.Length}, ledger {state.Ledger.Entries.Length}, timeline {state.Timeline.Length}, " +
            $"orders {state.Orders.RecentOrderIds.Length}, devices {state.Profile.Installations.Length}, {(at - start).TotalDays:F0} days; " +
            $"write+read {clock.Elapsed.TotalMicroseconds / 200:F0} µs per document");

        Assert.True(bytes.Length < Bound, $"{bytes.Length} bytes");
        StateAssert.Equal(state, CustomerDocument.Deserialize(bytes));
    }

    /// <summary>
    /// The ceiling: every window at its bound at once, with realistic lengths — a full cart of long
    /// product names and URLs, a week of GUID event ids, a full ledger and timeline of branched sends.
    /// </summary>
    [Fact]
    public void A_document_with_every_window_full_stays_under_the_bound()
    {
        var now = Tp.At("2026-11-22T10:00:00Z");
        var who = CustomerRef.Known(Tp.Customer);
        var state = CustomerState.New(who);
        var profile = state.Profile with { Email = "somchai.jaidee@example.co.th", FirstName = "Somchai", Locale = "th-TH", TimeZone = "Asia/Bangkok", Tier = "gold" };
        for (var i = 0; i < CustomerProfile.MaxInstallations; i++)
            profile = profile.Register(new PushInstallation($"installation-{i:D3}-{Guid.Empty}", "apns", new string('f', 64)));
        var cart = state.Cart;
        for (var i = 0; i < Cart.MaxLines; i++) cart = cart.Add(LongProduct($"SKU-{i:D5}"), 2);
        var browse = state.Browse;
        for (var i = 0; i < 20; i++) browse = browse.Viewed(LongProduct($"SKU-{i:D5}"));
        var orders = state.Orders;
        for (var i = 0; i < 500; i++) orders = orders.Record($"order-{new Guid(i, 0, 0, new byte[8])}");
        var seen = state.Seen;
        for (var i = 0; i < 5_000; i++) seen = seen.Record(new TouchpointId(new Guid(i, 1, 1, new byte[8]).ToString()), now - Duration.FromSeconds(5_000 - i));
        var path = new StepPath("abandoned_cart_high_value", 2, "vip-customers", "subject-line-b");
        var ledger = state.Ledger;
        for (var i = 0; i < 1_000; i++)
            ledger = ledger.Record(new SentMessage(now - Duration.FromMinutes(1_000 - i), path, Channel.Email, $"m-{i:x24}", i % 2 == 0, Duration.FromDays(3)));
        var timeline = Enumerable.Range(0, CustomerState.MaxTimeline)
            .Select(i => (Effect)new SendReminder(now, who, path, Channel.Email, "cart-reminder-vip-subject-b", $"m-{i:x24}"))
            .ToImmutableArray();
        var choice = new StepChoice(path, [Channel.Push, Channel.Email], "cart-reminder-vip-subject-b");
        var journeys = new[] { "abandoned_cart_high_value", "browse_abandoned", "app_inactive" }
            .Select((t, i) => new TriggerJourney(t, new JourneyState.Deferred(new JourneyRun(now, now), 2, now, new TimerToken(i), choice), now))
            .ToImmutableArray();
        state = state with
        {
            Profile = profile, Cart = cart, Browse = browse, Orders = orders, Seen = seen, Ledger = ledger, Timeline = timeline, Journeys = journeys,
            Clocks = new ActivityClocks(now, now, now, now, now), NextTimerToken = 1_000_000,
        };

        var bytes = CustomerDocument.Serialize(state);
        output.WriteLine($"every window full: {bytes.Length:N0} bytes (cart {cart.Lines.Length}, seen {seen.Ids.Length}, ledger {ledger.Entries.Length}, " +
            $"timeline {timeline.Length}, orders {orders.RecentOrderIds.Length}, devices {profile.Installations.Length})");
        Assert.Equal(SentMessageLedger.MaxEntries, ledger.Entries.Length);
        Assert.Equal(SeenTouchpoints.MaxIds, seen.Ids.Length);
        Assert.True(bytes.Length < Bound, $"{bytes.Length} bytes");
    }

    static ProductInfo LongProduct(string sku) => new(sku, $"Ultra-light laptop 14\" with a long marketing name, model {sku}", 32900m, "THB",
        $"https://shop.example.com/th/products/computers/laptops/{sku}?utm_source=app", $"https://cdn.example.com/images/{sku}/main-1200x1200.jpg");

    /// <summary>A storefront's mix of events, with realistic (GUID) event ids and long product names and URLs.</summary>
    static Touchpoint Mixed(Random random, int i, Instant at)
    {
        var id = new TouchpointId(new Guid(i, (short)(i >> 16), 7, [1, 2, 3, 4, 5, 6, 7, 8]).ToString());
        var who = CustomerRef.Known(Tp.Customer);
        var sku = $"SKU-{random.Next(500):D5}";
        var product = LongProduct(sku) with { Price = 100m + random.Next(40_000) };
        return random.Next(100) switch
        {
            < 35 => new ProductViewed(id, who, at, "web", product),
            < 55 => new CartItemAdded(id, who, at, "web", product, 1 + random.Next(3)),
            < 60 => new CartItemRemoved(id, who, at, "web", sku, null),
            < 65 => new CartViewed(id, who, at, "web"),
            < 68 => new CheckoutStarted(id, who, at, "web", null, null),
            < 71 => new OrderCompleted(id, who, at, "web", $"order-{Guid.NewGuid()}", 1000m + random.Next(50_000), "THB"),
            < 74 => new CartCleared(id, who, at, "web"),
            < 84 => new AppOpened(id, who, at, "ios"),
            < 89 => new SessionStarted(id, who, at, "web"),
            < 91 => new ConsentUpdated(id, who, at, "web", random.Next(4) != 0, random.Next(4) != 0),
            < 94 => new PushRegistered(id, who, at, "ios", $"installation-{random.Next(30):D3}-{Guid.Empty}", "apns", new string('f', 64)),
            < 96 => new CustomerIdentified(id, who, at, "web", "somchai.jaidee@example.co.th", "Somchai", "th-TH", "Asia/Bangkok", "gold"),
            _ => new MessageOpened(id, who, at, "ios", "m-1"),
        };
    }
}
