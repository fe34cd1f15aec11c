using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// One customer's document while one decision is made: the rules change this working copy, and the
/// decision publishes it as one new immutable <see cref="CustomerState"/> (or hands back the old
/// state when nothing changed). Each rule used to copy the whole state, its clocks and its journey
/// array, two or three times per event; every version survived until the customer's next event.
/// Never shared: it belongs to one <see cref="DecisionContext"/>, which a thread reuses from one
/// decision to the next.
/// </summary>
internal sealed class CustomerDraft
{
    // What a draft holds between decisions, so it keeps no customer's data alive.
    static readonly CustomerState Released = CustomerState.New(default);

    CustomerState original;
    // Copied from the original on the first journey change; the published state adopts it.
    TriggerJourney[]? journeys;

    public CustomerDraft() => Load(Released);

    /// <summary>Starts over as a working copy of <paramref name="original"/>.</summary>
    [MemberNotNull(nameof(original), nameof(Profile), nameof(Cart), nameof(Orders), nameof(Browse), nameof(Ledger), nameof(Seen))]
    public void Load(CustomerState original)
    {
        this.original = original;
        journeys = null;
        Profile = original.Profile;
        Cart = original.Cart;
        Orders = original.Orders;
        Browse = original.Browse;
        Ledger = original.Ledger;
        Seen = original.Seen;
        NextTimerToken = original.NextTimerToken;
        var clocks = original.Clocks;
        lastCartActivity = clocks.CartActivityReading;
        lastView = clocks.ViewReading;
        lastAppOpen = clocks.AppOpenReading;
        lastOrder = clocks.OrderReading;
        lastSeen = clocks.SeenReading;
        clocksMoved = false;
    }

    public CustomerRef Identity => original.Identity;
    public CustomerProfile Profile { get; set; }
    public Cart Cart { get; set; }
    public OrderHistory Orders { get; set; }
    public BrowseHistory Browse { get; set; }
    public SentMessageLedger Ledger { get; set; }
    public SeenTouchpoints Seen { get; set; }
    public long NextTimerToken { get; private set; }
    public ImmutableArray<Effect> Timeline => original.Timeline;

    // The clocks stay in their stored form: converting all five to instants on load and back on publish
    // cost more than the rest of a small decision. Only the clocks a rule reads or sets are converted.
    ClockReading lastCartActivity, lastView, lastAppOpen, lastOrder, lastSeen;
    bool clocksMoved;

    public Instant? LastCartActivity { get => lastCartActivity.Value; set => Set(ref lastCartActivity, value); }
    public Instant? LastView { get => lastView.Value; set => Set(ref lastView, value); }
    public Instant? LastAppOpen { get => lastAppOpen.Value; set => Set(ref lastAppOpen, value); }
    public Instant? LastOrder { get => lastOrder.Value; set => Set(ref lastOrder, value); }
    public Instant? LastSeen { get => lastSeen.Value; set => Set(ref lastSeen, value); }

    void Set(ref ClockReading clock, Instant? value)
    {
        var reading = ClockReading.Of(value);
        if (reading == clock) return;
        clock = reading;
        clocksMoved = true;
    }

    ReadOnlySpan<TriggerJourney> Journeys => journeys ?? original.Journeys.AsSpan();

    /// <summary>The trigger's journey state; idle for a trigger the customer never ran, without allocating its slot.</summary>
    public JourneyState StateOf(string trigger) => TriggerJourney.Find(Journeys, trigger)?.State ?? JourneyState.Idle.Instance;

    /// <summary>The trigger's slot, or a fresh idle one.</summary>
    public TriggerJourney JourneyOf(string trigger) => TriggerJourney.Find(Journeys, trigger) ?? TriggerJourney.Idle(trigger);

    /// <summary>The next timer token, the counter moved on.</summary>
    public TimerToken TakeTimerToken() => new(NextTimerToken++);

    /// <summary>The slot with a new state, its LastStartedAt kept; a trigger never run gets its slot at the end.</summary>
    public void SetJourneyState(string trigger, JourneyState state)
    {
        var index = IndexOf(trigger);
        SetJourney(index, index < 0 ? new TriggerJourney(trigger, state, null) : journeys![index] with { State = state });
    }

    /// <summary>Replaces the slot of the journey's trigger, or adds it at the end.</summary>
    public void SetJourney(TriggerJourney journey) => SetJourney(IndexOf(journey.Trigger), journey);

    void SetJourney(int index, TriggerJourney journey)
    {
        if (index >= 0)
        {
            journeys![index] = journey;
            return;
        }
        var grown = new TriggerJourney[Journeys.Length + 1];
        Journeys.CopyTo(grown);
        grown[^1] = journey;
        journeys = grown;
    }

    /// <summary>The slot's index in a private copy of the journeys (made here), or -1 for a trigger never run.</summary>
    int IndexOf(string trigger)
    {
        var current = Journeys;
        for (var i = 0; i < current.Length; i++)
        {
            if (current[i].Trigger != trigger) continue;
            journeys ??= current.ToArray();
            return i;
        }
        return -1;
    }

    /// <summary>
    /// The decision's document: the original itself when nothing changed, otherwise one new state
    /// (and one new set of clocks, if a clock moved) sharing every part that did not change. The
    /// draft lets go of the customer.
    /// </summary>
    public CustomerState Publish(ImmutableArray<Effect> timeline)
    {
        var published = Build(timeline);
        Load(Released);
        return published;
    }

    CustomerState Build(ImmutableArray<Effect> timeline)
    {
        if (!clocksMoved && journeys is null && timeline == original.Timeline && NextTimerToken == original.NextTimerToken
            && ReferenceEquals(Profile, original.Profile) && ReferenceEquals(Cart, original.Cart) && ReferenceEquals(Orders, original.Orders)
            && ReferenceEquals(Browse, original.Browse) && ReferenceEquals(Ledger, original.Ledger) && ReferenceEquals(Seen, original.Seen))
            return original;
        return new CustomerState(
            original.Identity, Profile, Cart,
            clocksMoved ? new ActivityClocks(lastCartActivity, lastView, lastAppOpen, lastOrder, lastSeen) : original.Clocks,
            Orders, Browse,
            journeys is null ? original.Journeys : ImmutableCollectionsMarshal.AsImmutableArray(journeys),
            Ledger, Seen, timeline, NextTimerToken, original.MergedInto);
    }
}
