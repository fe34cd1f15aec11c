using System.Collections.Immutable;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Core.Customers;

/// <summary>
/// Everything the engine knows about one customer: the one document a host stores per customer
/// (DESIGN 4.6). Every collection is a bounded window, so the document stays small whatever the
/// customer sends. A profile merged into a known customer keeps only <see cref="MergedInto"/>.
/// </summary>
public sealed record CustomerState(
    CustomerRef Identity,
    CustomerProfile Profile,
    Cart Cart,
    ActivityClocks Clocks,
    OrderHistory Orders,
    BrowseHistory Browse,
    ImmutableArray<TriggerJourney> Journeys,
    SentMessageLedger Ledger,
    SeenTouchpoints Seen,
    ImmutableArray<Effect> Timeline,
    long NextTimerToken,
    string? MergedInto)
{
    /// <summary>How many recent decisions the timeline keeps.</summary>
    public const int MaxTimeline = 100;

    public static CustomerState New(CustomerRef identity) => new(
        identity, CustomerProfile.Empty, Cart.Empty, ActivityClocks.None, OrderHistory.None, BrowseHistory.None,
        ImmutableArray<TriggerJourney>.Empty, SentMessageLedger.Empty, SeenTouchpoints.Empty, ImmutableArray<Effect>.Empty, 1, null);

    public static CustomerState Tombstone(CustomerRef identity, string mergedInto) => New(identity) with { MergedInto = mergedInto };

    public TriggerJourney JourneyOf(string trigger) => TriggerJourney.Find(Journeys.AsSpan(), trigger) ?? TriggerJourney.Idle(trigger);

    /// <summary>
    /// <see cref="JourneyOf"/>(trigger).State without allocating the idle slot of a trigger the
    /// customer never ran.
    /// </summary>
    internal JourneyState StateOf(string trigger) => TriggerJourney.Find(Journeys.AsSpan(), trigger)?.State ?? JourneyState.Idle.Instance;
}
