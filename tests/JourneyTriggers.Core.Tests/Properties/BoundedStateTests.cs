using CsCheck;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Tests.Properties.Generators;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>Customer documents stay within their bounds, for any stream and for one very busy customer.</summary>
public class BoundedStateTests
{
    [Fact]
    public void After_every_event_of_any_stream_every_document_is_within_its_bounds()
    {
        StreamGen.Cases.Sample(c =>
        {
            var run = new ReplayRun(new JourneyEngine(c.Configuration));
            foreach (var tp in c.Events)
            {
                run.Accept(tp);
                AssertBounded(run, c.Configuration.Triggers.Count);
            }
            run.RunUntil(c.Until);
            AssertBounded(run, c.Configuration.Triggers.Count);
        }, iter: 300, print: CasePrinter.Print);
    }

    static void AssertBounded(ReplayRun run, int triggers)
    {
        var problems = run.Customers.SelectMany(d => DocumentBounds.Problems(d.Key, d.Value, triggers)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// 20,000 events from one customer over ~7 weeks: bursts of cart activity with gaps that let
    /// reminders go out, a new product, device and order id nearly every time. Every window must
    /// reach its bound — or the test proves nothing — and never pass it.
    /// </summary>
    [Fact]
    public void A_customer_sending_20000_events_keeps_a_bounded_document()
    {
        // A one-minute attribution window: most orders fall outside every reminder's and are kept uncredited.
        var cart = Configs.Trigger("abandoned_cart", TriggerKind.CartAbandoned,
            Configs.Step(1, "PT10M", Configs.Direct("r1")), Configs.Step(2, "PT10M", Configs.Direct("r2")), Configs.Step(3, "PT10M", Configs.Direct("r3")))
            with { AttributionWindow = Duration.FromMinutes(1) };
        var config = Configs.With(cart, Configs.Browse(), Configs.App());
        var run = new ReplayRun(new JourneyEngine(config));
        var key = ProfileKey.ForCustomer(Tp.Customer);
        var reached = new Dictionary<string, int>();

        foreach (var tp in BusyCustomer(20_000))
        {
            run.Accept(tp);
            var document = run.Customers[key];
            foreach (var (window, length, bound) in DocumentBounds.Windows(document, config.Triggers.Count))
            {
                Assert.True(length <= bound, $"{tp.Id}: {window} holds {length}, bound {bound}");
                reached[window] = Math.Max(reached.GetValueOrDefault(window), length);
            }
        }

        // Journey slots are one per trigger by construction; a cart journey runs throughout, so browse never starts.
        foreach (var (window, _, bound) in DocumentBounds.Windows(run.Customers[key], config.Triggers.Count).Where(w => w.Window != "journey slots"))
            Assert.True(reached[window] == bound, $"{window} only reached {reached[window]} of {bound}: the stream does not exercise it");
    }

    /// <summary>
    /// Ten events a minute apart then a 25-minute gap (two reminder steps fit in it). The first half
    /// orders every 97 events (over a hundred distinct order ids); the second half never orders, so
    /// the cart fills past its bound.
    /// </summary>
    static IEnumerable<Touchpoint> BusyCustomer(int count)
    {
        var who = CustomerRef.Known(Tp.Customer);
        var at = Instant.FromUtc(2026, 11, 1, 0, 0);
        yield return new CustomerIdentified(new TouchpointId("busy-identify"), who, at, "web", "busy@example.com", "Busy", null, null, null);
        yield return new ConsentUpdated(new TouchpointId("busy-consent"), who, at, "web", true, true);
        for (var i = 0; i < count; i++)
        {
            at += Duration.FromMinutes(i % 10 == 9 ? 25 : 1);
            var id = new TouchpointId($"busy-{i}");
            var product = new ProductInfo($"SKU-{i}", null, 100m, "THB", null, null);
            yield return (i % 10) switch
            {
                _ when i < count / 2 && i % 97 == 96 => new OrderCompleted(id, who, at, "web", $"o-{i}", 100m, "THB"),
                0 or 2 or 4 or 6 => new CartItemAdded(id, who, at, "web", product, 1),
                1 or 3 => new ProductViewed(id, who, at, "web", product),
                5 => new PushRegistered(id, who, at, "ios", $"inst-{i}", "apns", null),
                7 => new AppOpened(id, who, at, "ios"),
                _ => new CartViewed(id, who, at, "web"),
            };
        }
    }
}
