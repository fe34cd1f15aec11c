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

    public TriggerJourney JourneyOf(string trigger)
    {
        foreach (var j in Journeys)
            if (j.Trigger == trigger) return j;
        return new TriggerJourney(trigger, JourneyState.Idle.Instance, null);
    }

    public CustomerState WithJourney(TriggerJourney journey)
    {
        for (var i = 0; i < Journeys.Length; i++)
            if (Journeys[i].Trigger == journey.Trigger) return this with { Journeys = Journeys.SetItem(i, journey) };
        return this with { Journeys = Journeys.Add(journey) };
    }

    /// <summary>
    /// <see cref="JourneyOf"/>(trigger).State without allocating the idle slot of a trigger the
    /// customer never ran.
    /// </summary>
    internal JourneyState StateOf(string trigger)
    {
        foreach (var j in Journeys)
            if (j.Trigger == trigger) return j.State;
        return JourneyState.Idle.Instance;
    }

    public (CustomerState State, TimerToken Token) TakeTimerToken() =>
        (this with { NextTimerToken = NextTimerToken + 1 }, new TimerToken(NextTimerToken));
}
