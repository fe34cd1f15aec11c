using System.Text;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>
/// Nothing the engine needs is lost in the document: a host that stores every customer as a document
/// between decisions decides exactly what one holding the states in memory decides, and every
/// document it writes reads back to the same bytes.
/// </summary>
public class ReplayThroughDocumentsProperties
{
    // Every journey kind, branches with A/B variants, quiet hours (so steps defer), a frequency cap,
    // a holdout and a re-entry cooldown: the states the stream reaches cover every union case.
    static readonly TriggerConfiguration Config = Configs.With(
        Configs.Defaults(quiet: Configs.Quiet("21:00", "08:00"), cap: new FrequencyCap(2, 5)),
        Configs.Trigger("abandoned_cart", TriggerKind.CartAbandoned,
            Configs.Step(1, "PT1H",
                new BranchDefinition("vip", BranchCondition.Always with { MinCartValue = 20000m }, [Channel.Push, Channel.Email], "cart-vip",
                    [new VariantDefinition("A", 50, null, null), new VariantDefinition("B", 50, "cart-vip-b", [Channel.Email])]),
                new BranchDefinition("gold", BranchCondition.Always with { Tiers = ["gold"] }, [Channel.Email], "cart-gold", [])),
            Configs.Step(2, "P1D", Configs.Direct("cart-reminder-2", Channel.Email))) with { HoldoutPercent = 30m },
        Configs.Browse() with { ReentryCooldown = Configs.D("P2D") },
        Configs.App());

    static readonly string[] Skus = ["LAP-14", "CAB-1", "PHONE-X", "TV-55"];
    static readonly string[] Zones = ["Asia/Bangkok", "America/New_York", "Not/AZone"];

    static readonly Gen<CustomerRef> Who = Gen.Frequency(
        (4, Gen.Const(CustomerRef.Known("c-1"))), (1, Gen.Const(CustomerRef.Known("c-2"))),
        (2, Gen.Const(CustomerRef.Anonymous("a-1"))), (1, Gen.Const(CustomerRef.Anonymous("a-2"))));

    static readonly Gen<string?> MaybeZone = Gen.Frequency((2, Gen.Const((string?)null)), (1, Gen.OneOf(Zones).Select(z => (string?)z)));

    static readonly Gen<decimal> Price = Gen.OneOf(999m, 19999.50m, 32900m);

    /// <summary>One touchpoint, given its id, customer and timestamp.</summary>
    static readonly Gen<Func<TouchpointId, CustomerRef, Instant, Touchpoint>> Kind = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Skus), Price, Gen.Int[1, 3], (sku, price, q) =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new CartItemAdded(id, c, t, "web", Tp.Product(sku, price), q)))),
        (2, Gen.Select(Gen.OneOf(Skus), Gen.Int[0, 2], (sku, q) =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new CartItemRemoved(id, c, t, "web", sku, q == 0 ? null : q)))),
        (1, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new CartViewed(id, c, t, "web"))),
        (1, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new CartCleared(id, c, t, "web"))),
        (1, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new CheckoutStarted(id, c, t, "web", null, null))),
        (2, Gen.Select(Gen.Int[1, 4], Price, (n, revenue) =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new OrderCompleted(id, c, t, "web", "o-" + n, revenue, "THB")))),
        (5, Gen.OneOf(Skus).Select(sku =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new ProductViewed(id, c, t, "web", Tp.Product(sku))))),
        (2, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new AppOpened(id, c, t, "ios"))),
        (2, Gen.Select(MaybeZone, Gen.Bool, Gen.OneOf("a-1", "a-2"), (zone, gold, anonymous) =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new CustomerIdentified(id,
                c.CustomerId is { } known ? new CustomerRef(known, anonymous) : c, t, "web", "x@example.com", "Somchai", "th-TH", zone, gold ? "gold" : null)))),
        (3, Gen.Select(Gen.Bool, Gen.Bool, (email, push) =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new ConsentUpdated(id, c, t, "web", email, push)))),
        (2, Gen.Int[1, 3].Select(n =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new PushRegistered(id, c, t, "ios", "inst-" + n, "apns", "token-" + n)))),
        (1, Gen.Int[1, 3].Select(n =>
            (Func<TouchpointId, CustomerRef, Instant, Touchpoint>)((id, c, t) => new PushUnregistered(id, c, t, "ios", "inst-" + n)))),
        (1, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new MessageOpened(id, c, t, "ios", "m-1"))),
        (1, Gen.Const<Func<TouchpointId, CustomerRef, Instant, Touchpoint>>((id, c, t) => new UnrecognisedTouchpoint(id, c, t, "web", "wishlist.added"))));

    /// <summary>Minutes to the next event: bursts, hours, days — and now and then a late event from the past.</summary>
    static readonly Gen<int> Gap = Gen.Frequency((4, Gen.Int[0, 59]), (3, Gen.Int[60, 600]), (2, Gen.Int[1440, 4320]), (1, Gen.Int[-120, -1]));

    static readonly Gen<Touchpoint[]> Stream =
        Gen.Select(Kind, Who, Gap, Gen.Int[0, 9]).Array[1, 60].Select(steps =>
        {
            var at = Tp.At("2026-11-20T06:00:00Z");
            var touchpoints = new Touchpoint[steps.Length];
            for (var i = 0; i < steps.Length; i++)
            {
                var (make, who, gap, repeat) = steps[i];
                at += Duration.FromMinutes(gap);
                // One event in ten reuses an earlier id: a redelivery the dedupe window must still catch.
                var id = new TouchpointId(repeat == 0 && i > 0 ? touchpoints[i / 2].Id.Value : "e-" + i);
                touchpoints[i] = make(id, who, at);
            }
            return touchpoints;
        });

    static DocumentHost Replay(Touchpoint[] stream, bool throughDocuments)
    {
        var host = new DocumentHost(new JourneyEngine(Config), throughDocuments);
        foreach (var touchpoint in stream) host.Accept(touchpoint);
        host.AdvanceTo(stream.Max(t => t.Timestamp) + Duration.FromDays(30));
        return host;
    }

    static string Lines(IEnumerable<Effect> effects)
    {
        using var stream = new MemoryStream();
        foreach (var effect in effects)
        {
            using (var json = new Utf8JsonWriter(stream)) EffectWireFormat.Write(json, effect);
            stream.WriteByte((byte)'\n');
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void A_host_storing_documents_decides_what_one_holding_states_decides() =>
        Stream.Sample(stream =>
        {
            var reference = Replay(stream, throughDocuments: false);
            var stored = Replay(stream, throughDocuments: true);
            Assert.Empty(stored.Unstable);
            Assert.Equal(Lines(reference.Effects), Lines(stored.Effects));
            Assert.Equal(reference.Keys.Select(k => k.Value).Order(), stored.Keys.Select(k => k.Value).Order());
            foreach (var key in reference.Keys)
            {
                var state = reference[key];
                var bytes = CustomerDocument.Serialize(state);
                Assert.Equal(bytes, CustomerDocument.Serialize(CustomerDocument.Deserialize(bytes)));
                StateAssert.Equal(state, stored[key]);
            }
        }, iter: 300, print: stream => string.Join("\n", stream.Select(t => t.ToString())));

    /// <summary>The generated streams do reach every journey state, or the property above proves less than it says.</summary>
    [Fact]
    public void The_streams_reach_every_journey_state_and_merge()
    {
        var seen = new HashSet<string>();
        Stream.Sample(stream =>
        {
            var host = new DocumentHost(new JourneyEngine(Config), throughDocuments: false);
            foreach (var touchpoint in stream)
            {
                host.Accept(touchpoint);
                foreach (var key in host.Keys)
                {
                    var state = host[key];
                    if (state.MergedInto is not null) seen.Add("tombstone");
                    foreach (var j in state.Journeys) seen.Add(j.State.GetType().Name);
                }
            }
            host.AdvanceTo(stream.Max(t => t.Timestamp) + Duration.FromDays(30));
            foreach (var effect in host.Effects) seen.Add(effect.WireName);
        }, iter: 300, threads: 1);
        Assert.Superset(new HashSet<string> { "Idle", "Armed", "Deferred", "tombstone", "message.sent", "message.deferred", "message.suppressed", "conversion", "journey.exited" }, seen);
    }
}
