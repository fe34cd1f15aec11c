using CsCheck;

namespace JourneyTriggers.Core.Tests.Properties.Generators;

/// <summary>Touchpoint streams and the configurations they run under.</summary>
internal static class StreamGen
{
    /// <summary>Weights of the event kinds: cart traffic dominates, as it does in a shop.</summary>
    static readonly Gen<EventKind> Kind = Gen.Frequency(
        (14, Gen.Const(EventKind.ProductViewed)), (16, Gen.Const(EventKind.ItemAdded)), (5, Gen.Const(EventKind.ItemRemoved)),
        (6, Gen.Const(EventKind.CartViewed)), (3, Gen.Const(EventKind.CartCleared)), (6, Gen.Const(EventKind.CheckoutStarted)),
        (8, Gen.Const(EventKind.OrderCompleted)), (8, Gen.Const(EventKind.AppOpened)), (10, Gen.Const(EventKind.Identified)),
        (8, Gen.Const(EventKind.ConsentUpdated)), (5, Gen.Const(EventKind.PushRegistered)), (2, Gen.Const(EventKind.PushUnregistered)),
        (2, Gen.Const(EventKind.SessionStarted)));

    /// <summary>
    /// Mostly minutes apart, sometimes hours, now and then a day or more: ~60 events span ~10 days. Some
    /// share the previous event's instant (one storefront batch), which is where "at or before" bites.
    /// </summary>
    static readonly Gen<int> Gap = Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 30]), (3, Gen.Int[30, 360]), (1, Gen.Int[360, 2160]));

    /// <summary>One event in eight is stamped up to two days before the wall clock.</summary>
    static readonly Gen<int> Late = Gen.Frequency((7, Gen.Const(0)), (1, Gen.Int[1, 2880]));

    /// <summary>One event in twelve is a copy of a recent one.</summary>
    static readonly Gen<int> CopyOf = Gen.Frequency((11, Gen.Const(-1)), (1, Gen.Int[0, 19]));

    public static readonly Gen<EventSpec> Spec = Gen.Select(Kind, Gen.Int[0, 999], Gen.Int[0, 999], Gap, Late, CopyOf,
        (kind, who, pick, gap, late, copy) => new EventSpec(kind, who, pick, gap, late, copy));

    public static readonly Gen<StreamCase> Cases = Gen.Select(ConfigurationGen.Configurations, Gen.Int[1, 3], Spec.Array[0, 90],
        (configuration, population, specs) => new StreamCase(configuration, StreamBuilder.Build(specs, population)));

    /// <summary>
    /// A generated stream with an order placed under one id and, later, the merge that brings it to the other: a visitor
    /// the stream never saw orders as a guest and then identifies as c-1, or c-1 orders and then a-1 (whose visits the stream
    /// made) identifies as c-1. Where the other side was reminded shortly before, the merge has an order to credit; in
    /// <see cref="Cases"/> that takes a rare coincidence.
    /// </summary>
    public static readonly Gen<StreamCase> OrdersAroundMerges = Gen.Select(Cases, Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Bool,
        (c, orderAt, mergeAt, guest) => StreamBuilder.WithOrderThenMerge(c, orderAt, mergeAt, guest));
}
