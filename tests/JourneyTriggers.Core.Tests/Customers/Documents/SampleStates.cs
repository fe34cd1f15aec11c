using System.Collections.Immutable;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

/// <summary>Hand-built states and effects that between them set every field and reach every union case.</summary>
internal static class SampleStates
{
    static readonly CustomerRef Known = CustomerRef.Known("c-42");
    static readonly CustomerRef Anonymous = CustomerRef.Anonymous("a-9");
    static Instant At(string iso) => Tp.At(iso);

    static readonly StepPath Plain = new("abandoned_cart", 1, null, null);
    static readonly StepPath Branched = new("abandoned_cart", 2, "vip", "B");

    /// <summary>Every effect type, each optional field both set and left out somewhere.</summary>
    public static readonly IReadOnlyList<Effect> EveryEffect =
    [
        new JourneyEntered(At("2026-11-22T10:00:00Z"), Known, "abandoned_cart"),
        new JourneyEntered(At("2026-11-22T10:00:00Z"), Anonymous, "browse_abandoned"),
        .. Enum.GetValues<ExitReason>().Select(r => new ExitJourney(At("2026-11-22T10:05:00Z"), Known, "abandoned_cart", r)),
        new SendReminder(At("2026-11-22T11:00:00Z"), Known, Plain, Channel.Push, "cart-reminder-1", "m-1"),
        new SendReminder(At("2026-11-22T11:00:00.123456789Z"), Known, Branched, Channel.Email, "cart-vip-b", "m-2"),
        new DeferReminder(At("2026-11-22T22:00:00Z"), Known, Branched, At("2026-11-23T08:00:00Z")),
        .. Enum.GetValues<SuppressionReason>().Select(r => new SuppressReminder(At("2026-11-22T11:00:00Z"), Known, Plain, r)),
        new SuppressReminder(At("2026-11-22T11:00:00Z"), Known, Branched, SuppressionReason.Holdout, Channel.Email, "cart-vip-b", "m-3"),
        new SuppressReminder(At("2026-11-22T11:00:00Z"), Known, new StepPath("abandoned_cart", 1, "vip", null), SuppressionReason.Holdout, Channel.Push, null, null),
        new SkipStep(At("2026-11-22T11:00:00Z"), Known, new StepPath("abandoned_cart", 3, null, "A")),
        new RecordConversion(At("2026-11-22T13:00:00Z"), Known, Branched, Channel.Email, "m-2", "o-1", 32900m, "THB", Holdout: false),
        new RecordConversion(At("2026-11-22T13:00:00Z"), Known, Plain, Channel.Push, "m-1", "o-2", 329.50m, null, Holdout: true),
        new RecordDelivered(At("2026-11-22T11:00:01Z"), Known, Plain, Channel.Push, "m-1", "nh-1,nh-2"),
        new RecordDelivered(At("2026-11-22T11:00:01Z"), Anonymous, Branched, Channel.Email, "m-2", null),
        new RecordDeliveryFailed(At("2026-11-22T11:00:02Z"), Known, Branched, Channel.Email, "m-4", "400 InvalidRecipient: \"to\" is not an address"),
        new RecordDeliveryUnknown(At("2026-11-22T11:00:03Z"), Known, Plain, Channel.Push, "m-5", "interrupted while sending"),
        new RejectTouchpoint(At("2026-11-22T09:00:00Z"), Known, "evt-7", "timestamp: not an ISO 8601 instant"),
        new RejectTouchpoint(At("2026-11-22T09:00:00Z"), default, null, "line 3: not JSON"),
        new ArmTimer(At("2026-11-22T10:00:00Z"), Known, "abandoned_cart", new TimerToken(7), At("2026-11-22T11:00:00Z")),
        new ArmTimer(At("2026-11-22T10:00:00Z"), Anonymous, "app_inactive", new TimerToken(long.MaxValue), At("2026-11-29T10:00:00Z")),
    ];

    /// <summary>Every field set (and a few left unset where null means something), every journey state.</summary>
    public static CustomerState Full() => new(
        new CustomerRef("c-42", "a-9"),
        new CustomerProfile("somchai@example.com", "สมชาย \"Sam\"\n\\", "th-TH", "Asia/Bangkok", "gold", EmailConsent: new ConsentStatement(true, At("2026-11-20T09:00:00Z")), PushConsent: new ConsentStatement(false, At("2026-11-21T09:00:00.5Z")),
            [new PushInstallation("inst-1", "apns", "token-1"), new PushInstallation("inst-2", null, null)]),
        new Cart([
            new CartLine("LAP-14", "Laptop 14", 32900m, 1, "THB", "https://shop.example/p/LAP-14", "https://cdn.example/LAP-14.jpg"),
            new CartLine("CAB-1", null, 329.50m, 3, null, null, null),
        ]),
        new ActivityClocks(At("2026-11-22T10:00:00Z"), At("2026-11-22T09:59:00.5Z"), At("2026-11-20T08:00:00Z"), At("2026-11-01T00:00:00Z"), At("2026-11-22T10:00:01Z")),
        new OrderHistory(3, ["o-1", "o-2"], [new UncreditedOrder("o-1", At("2026-11-21T08:00:00.5Z"), 329.50m, "THB"), new UncreditedOrder("o-2", At("2026-11-22T08:00:00Z"), 0m, null)]),
        new BrowseHistory(4, [new ProductInfo("LAP-14", "Laptop 14", 32900m, "THB", "https://shop.example/p/LAP-14", null), new ProductInfo("X", null, null, null, null, "https://cdn.example/x.png")]),
        [
            new TriggerJourney("app_inactive", JourneyState.Idle.Instance, null),
            new TriggerJourney("browse_abandoned", JourneyState.Idle.Instance, At("2026-11-10T00:00:00Z")),
            new TriggerJourney("abandoned_cart", new JourneyState.Armed(new JourneyRun(At("2026-11-22T10:00:00Z"), null), 1, At("2026-11-22T11:00:00Z"), new TimerToken(7)), At("2026-11-22T10:00:00Z")),
            new TriggerJourney("vip_cart", new JourneyState.Deferred(new JourneyRun(At("2026-11-21T10:00:00Z"), At("2026-11-21T11:00:00Z")), 2, At("2026-11-23T08:00:00Z"), new TimerToken(8),
                new StepChoice(new StepPath("vip_cart", 2, "vip", "B"), [Channel.Push, Channel.Email], "cart-vip-b")), At("2026-11-21T10:00:00Z")),
            new TriggerJourney("plain_cart", new JourneyState.Deferred(new JourneyRun(At("2026-11-21T10:00:00Z"), null), 1, At("2026-11-23T08:00:00Z"), new TimerToken(6),
                new StepChoice(new StepPath("plain_cart", 1, null, null), [Channel.Email], "cart-1")), null),
        ],
        new SentMessageLedger([
            new SentMessage(At("2026-11-21T11:00:00Z"), Branched, Channel.Email, "m-2", Holdout: true, Configs.D("P3D")),
            new SentMessage(At("2026-11-22T11:00:00Z"), Plain, Channel.Push, "m-1", Holdout: false, Configs.D("PT1H30M")),
            new SentMessage(At("2026-11-22T11:00:01Z"), Plain, Channel.Push, "m-4", Holdout: false, Duration.FromMilliseconds(1500)),
            new SentMessage(At("2026-11-22T11:00:02Z"), Plain, Channel.Push, "m-5", Holdout: false, Duration.FromDays(400) + Duration.FromNanoseconds(1)),
        ]),
        new SeenTouchpoints([new SeenTouchpoint("evt-1", At("2026-11-22T10:00:00Z")), new SeenTouchpoint("evt-2", At("2026-11-22T10:00:01Z"))]),
        [.. EveryEffect],
        9_000_000_000,
        null);

    public static CustomerState Tombstone() => CustomerState.Tombstone(CustomerRef.Anonymous("a-9"), "c-42");

    public static CustomerState Fresh() => CustomerState.New(Known);

    /// <summary>A small, realistic state: one armed cart journey after one add to cart.</summary>
    public static CustomerState Small() => CustomerState.New(Known) with
    {
        Profile = CustomerProfile.Empty with { Email = "somchai@example.com", EmailConsent = new ConsentStatement(true, At("2026-11-22T09:00:00Z")) },
        Cart = Cart.Empty.Add(new ProductInfo("LAP-14", "Laptop 14", 32900m, "THB", null, null), 1),
        Clocks = ActivityClocks.None with { LastCartActivity = At("2026-11-22T10:00:00Z"), LastSeen = At("2026-11-22T10:00:00Z") },
        Journeys = [new TriggerJourney("abandoned_cart", new JourneyState.Armed(new JourneyRun(At("2026-11-22T10:00:00Z"), null), 1, At("2026-11-22T11:00:00Z"), new TimerToken(1)), At("2026-11-22T10:00:00Z"))],
        Seen = SeenTouchpoints.Empty.Record(new TouchpointId("evt-1"), At("2026-11-22T10:00:00Z")),
        Timeline = [new JourneyEntered(At("2026-11-22T10:00:00Z"), Known, "abandoned_cart")],
        NextTimerToken = 2,
    };
}
