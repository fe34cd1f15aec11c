using System.Runtime.InteropServices;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Replay;

/// <summary>
/// Replays touchpoints in arrival order through the engine with a virtual clock that only moves
/// forward (DESIGN 4.4): to each event's timestamp, firing every wake-up due on the way first, in
/// due order. What <c>simulate</c> runs, and what the tests and benchmarks drive.
/// </summary>
public sealed class ReplayRun(JourneyEngine engine, IReplayObserver? observer = null)
{
    readonly Dictionary<ProfileKey, CustomerState> customers = new();
    readonly VirtualTimers timers = new();
    readonly List<RejectTouchpoint> rejectedBeforeClock = new();
    // Reused across calls; each call hands back its own copy, or the empty array (most events).
    readonly List<Effect> produced = new();
    Instant? clock;

    /// <summary>The latest event timestamp seen: <c>--until</c> defaults to 30 days after it.</summary>
    public Instant? LatestTimestamp { get; private set; }

    public IReadOnlyDictionary<ProfileKey, CustomerState> Customers => customers;

    /// <summary>Applies one touchpoint; the effects it and the wake-ups before it produced, in order.</summary>
    public IReadOnlyList<Effect> Accept(Touchpoint touchpoint)
    {
        if (LatestTimestamp is null || touchpoint.Timestamp > LatestTimestamp) LatestTimestamp = touchpoint.Timestamp;
        produced.Clear();
        // A late event is taken at the current clock, so every wake-up due by then fires first — also
        // one a late event armed behind the clock (DESIGN 4.3.1). Advancing only to the event's own
        // timestamp left such a wake-up waiting for an event stamped after it: the outcome then hung
        // on the next event's timestamp, and even an ignored duplicate could change it.
        AdvanceTo(clock is { } now && now > touchpoint.Timestamp ? now : touchpoint.Timestamp, produced);
        Route(touchpoint, clock!.Value, produced);
        return TakeProduced();
    }

    /// <summary>
    /// A line that could not be read becomes an event.rejected at the current clock; before the first
    /// good event there is no clock yet, so it waits and takes the first one.
    /// </summary>
    public IReadOnlyList<Effect> Reject(string? eventId, CustomerRef customer, string reason)
    {
        if (clock is not { } now)
        {
            rejectedBeforeClock.Add(new RejectTouchpoint(Instant.MinValue, customer, eventId, reason));
            return [];
        }
        var rejection = new RejectTouchpoint(now, customer, eventId, reason);
        observer?.Rejected(rejection);
        return [rejection];
    }

    /// <summary>How far past the latest event a replay runs when no end is given (DESIGN 4.4).</summary>
    public static readonly Duration DefaultHorizon = Duration.FromDays(30);

    /// <summary>
    /// Ends the replay: fires every wake-up due up to <paramref name="until"/> (inclusive), by default
    /// 30 days after the latest event. A file without a single good event never started the clock;
    /// its rejections are stamped with the Unix epoch rather than lost.
    /// </summary>
    public IReadOnlyList<Effect> Finish(Instant? until)
    {
        var end = until ?? LatestTimestamp?.Plus(DefaultHorizon) ?? Instant.FromUnixTimeTicks(0);
        return RunUntil(end);
    }

    /// <summary>Fires every wake-up due up to and including <paramref name="until"/>.</summary>
    public IReadOnlyList<Effect> RunUntil(Instant until)
    {
        produced.Clear();
        AdvanceTo(until, produced);
        return TakeProduced();
    }

    IReadOnlyList<Effect> TakeProduced()
    {
        if (produced.Count == 0) return [];
        var effects = produced.ToArray();
        produced.Clear();
        return effects;
    }

    void AdvanceTo(Instant target, List<Effect> effects)
    {
        while (timers.TryTakeDue(target, out var profile, out var timer))
        {
            SetClock(timer.DueAt, effects);
            // One hash lookup for read and write: the engine does not touch the dictionary in between.
            ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(customers, profile);
            var decision = engine.Fire(slot, timer, clock!.Value);
            observer?.Fired(slot, decision.Effects);
            slot = decision.State;
            Collect(profile, decision.Effects, effects);
        }
        SetClock(target, effects);
    }

    void SetClock(Instant instant, List<Effect> effects)
    {
        if (clock is null)
        {
            foreach (var pending in rejectedBeforeClock)
            {
                var rejection = pending with { At = instant };
                observer?.Rejected(rejection);
                effects.Add(rejection);
            }
            rejectedBeforeClock.Clear();
        }
        if (clock is null || instant > clock) clock = instant;
    }

    void Route(Touchpoint touchpoint, Instant now, List<Effect> effects)
    {
        var owner = ProfileRouting.OwnerOf(touchpoint);
        var key = owner.Profile;
        if (!IsMerge(touchpoint))
        {
            // The common case in one hash lookup: read the document, decide, write it back. A new
            // customer's slot holds a fresh state until the decision replaces it.
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(customers, key, out var exists);
            if (!exists) slot = CustomerState.New(owner);
            if (slot!.MergedInto is null)
            {
                Decision direct;
                try
                {
                    direct = engine.Decide(slot, touchpoint, now);
                }
                catch when (!exists)
                {
                    // A touchpoint the engine refuses leaves no document behind, as before the slot existed.
                    customers.Remove(key);
                    throw;
                }
                observer?.Decided(touchpoint, slot, direct.State, direct.Effects);
                slot = direct.State;
                Collect(key, direct.Effects, effects);
                return;
            }
        }

        var state = Load(key, owner);
        if (state.MergedInto is { } knownId)
        {
            key = ProfileKey.ForCustomer(knownId);
            state = Load(key, CustomerRef.Known(knownId));
        }

        if (ProfileRouting.MergesFrom(touchpoint) is { } anonymous && touchpoint is CustomerIdentified identified)
        {
            var anonymousKey = anonymous.Profile;
            var anonymousState = Load(anonymousKey, anonymous);
            var merge = engine.Merge(state, anonymousState, identified, now);
            observer?.Merged(identified, state, anonymousState, merge.Known, merge.Effects);
            customers[anonymousKey] = merge.Anonymous;
            Apply(key, merge.Known, merge.Effects, effects);
            return;
        }
        var decision = engine.Decide(state, touchpoint, now);
        observer?.Decided(touchpoint, state, decision.State, decision.Effects);
        Apply(key, decision.State, decision.Effects, effects);
    }

    CustomerState Load(ProfileKey key, CustomerRef identity) =>
        customers.TryGetValue(key, out var state) ? state : CustomerState.New(identity);

    static bool IsMerge(Touchpoint touchpoint) => ProfileRouting.MergesFrom(touchpoint) is not null && touchpoint is CustomerIdentified;

    void Apply(ProfileKey key, CustomerState state, IReadOnlyList<Effect> decided, List<Effect> effects)
    {
        customers[key] = state;
        Collect(key, decided, effects);
    }

    /// <summary>Timers go to the queue, everything else to the caller, in order. Indexed: no boxed enumerator per decision.</summary>
    void Collect(ProfileKey key, IReadOnlyList<Effect> decided, List<Effect> effects)
    {
        for (var i = 0; i < decided.Count; i++)
        {
            if (decided[i] is ArmTimer arm) timers.Arm(key, new TimerDue(arm.Trigger, arm.Token, arm.DueAt));
            else effects.Add(decided[i]);
        }
    }
}
