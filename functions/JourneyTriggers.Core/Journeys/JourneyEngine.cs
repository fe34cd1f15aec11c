using System.Collections.Immutable;
using System.Runtime.InteropServices;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Conversions;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys.AppInactive;
using JourneyTriggers.Core.Journeys.BrowseAbandoned;
using JourneyTriggers.Core.Journeys.CartAbandoned;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// The one decision engine every host and the simulator call. Pure and deterministic: the same
/// state, input and instant give the same decision; inputs are never changed.
/// </summary>
public sealed class JourneyEngine(TriggerConfiguration configuration)
{
    readonly TriggerIndex triggers = new(configuration);

    public TriggerConfiguration Configuration => configuration;

    /// <summary>Applies a touchpoint to its customer's state at the host's clock <paramref name="now"/>.</summary>
    public Decision Decide(CustomerState state, Touchpoint touchpoint, Instant now)
    {
        if (state.MergedInto is not null)
            throw new InvalidOperationException("A merged profile's touchpoints belong to the customer it was merged into.");
        if (state.Seen.Contains(touchpoint.Id)) return new Decision(state, []);

        // The touch (id recorded, LastSeen moved on) rides along with the rule's own copy of the
        // state, or is applied by Finish: see Touch.
        var context = new DecisionContext(triggers, now, new Touch(state.Seen.Record(touchpoint.Id, now), touchpoint.Timestamp));
        state = touchpoint switch
        {
            ProductViewed view => BrowseAbandonedJourney.Viewed(context, state, view),
            _ when CartAbandonedJourney.IsCartEvent(touchpoint) => CartAbandonedJourney.Apply(context, state, touchpoint),
            OrderCompleted order => OrderCompletion.Completed(context, state, order),
            AppOpened open => AppInactiveJourney.Opened(context, state, open),
            CustomerIdentified identified => state with { Profile = ProfileUpdates.Identified(state.Profile, identified) },
            ConsentUpdated consent => state with { Profile = ProfileUpdates.ConsentChanged(state.Profile, consent) },
            PushRegistered registered => AppInactiveJourney.DeviceRegistered(context, state with { Profile = ProfileUpdates.Registered(state.Profile, registered) }),
            PushUnregistered unregistered => state with { Profile = state.Profile.Unregister(unregistered.InstallationId) },
            SessionStarted or MessageOpened or MessageClicked or UnrecognisedTouchpoint => state,
            _ => throw new ArgumentException($"No rule for touchpoint type {touchpoint.TypeName}.", nameof(touchpoint)),
        };
        return Finish(context, state);
    }

    /// <summary>Delivers a wake-up. A stale token does nothing; an early one re-arms for the remainder.</summary>
    public Decision Fire(CustomerState state, TimerDue timer, Instant now)
    {
        if (state.MergedInto is not null || triggers.Find(timer.Trigger) is not { } trigger) return new Decision(state, []);
        var context = new DecisionContext(triggers, now);
        return Finish(context, StepFiring.Fire(context, state, trigger, timer));
    }

    /// <summary>
    /// <c>customer.identified</c> carrying both ids: the anonymous profile's data and journeys move to
    /// the known customer, and the anonymous document becomes a tombstone pointing at it. Repeating
    /// the merge (a retry after a crash between the two writes) only finishes the tombstone.
    /// </summary>
    public MergeDecision Merge(CustomerState known, CustomerState anonymous, CustomerIdentified identified, Instant now)
    {
        var knownId = identified.Customer.CustomerId ?? throw new ArgumentException("A merge needs the known customer id.", nameof(identified));
        var tombstone = CustomerState.Tombstone(anonymous.Identity, knownId);
        if (anonymous.MergedInto is not null || known.Seen.Contains(identified.Id))
        {
            var alone = Decide(known, identified, now);
            return new MergeDecision(alone.State, anonymous.MergedInto is null ? tombstone : anonymous, alone.Effects);
        }

        var context = new DecisionContext(triggers, now);
        var merged = ProfileMerge.MergeData(known, anonymous, identified.Id, now);
        merged = merged with
        {
            Profile = ProfileUpdates.Identified(merged.Profile, identified),
            Clocks = merged.Clocks with { LastSeen = ActivityClocks.Later(merged.Clocks.LastSeen, identified.Timestamp) },
        };
        foreach (var trigger in configuration.Triggers)
            merged = MergeJourney(context, merged, anonymous, trigger);
        merged = SettleOrdersAcrossTheMerge(context, merged);
        if (JourneyLifecycle.IsRunning(merged, triggers.Cart))
            foreach (var browse in triggers.Browse)
                merged = JourneyLifecycle.Exit(context, merged, browse, ExitReason.CartActivity);
        return new MergeDecision(Finish(context, merged).State, tombstone, context.Effects);
    }

    /// <summary>Erasure (GDPR): every running journey exits with reason erased, and nothing else is kept.</summary>
    public Decision Erase(CustomerState state, Instant now)
    {
        var context = new DecisionContext(triggers, now);
        foreach (var journey in state.Journeys)
            state = JourneyLifecycle.Exit(context, state, journey.Trigger, ExitReason.Erased);
        return new Decision(CustomerState.New(state.Identity), context.Effects);
    }

    /// <summary>
    /// The provider's verdict on a reminder, recorded on the customer's timeline (<c>message.delivered</c>,
    /// <c>message.failed</c>, <c>message.unknown</c>), and the installations it reported gone removed. A
    /// report already recorded adds nothing; a merged profile's report is dropped, its timeline gone with it.
    /// Needs no configuration: a verdict is a fact about a send, not a journey rule.
    /// </summary>
    public static Decision RecordDelivery(CustomerState state, DeliveryReport report, Instant now)
    {
        if (state.MergedInto is not null) return new Decision(state, []);
        var profile = DeliveryOutcomes.WithoutGone(state.Profile, report.GoneInstallations);
        var next = profile == state.Profile ? state : state with { Profile = profile };
        if (DeliveryOutcomes.Outcome(next, report, now) is not { } outcome) return new Decision(next, []);
        return new Decision(next with { Timeline = Appended(next.Timeline, [outcome], 1) }, [outcome]);
    }

    /// <summary>
    /// A running anonymous journey carries on under the known id, re-armed with a fresh token and its
    /// pending step re-computed from the merged clocks — unless the known customer already runs one
    /// of that trigger: then the anonymous journey exits with reason merged.
    /// </summary>
    static CustomerState MergeJourney(DecisionContext context, CustomerState merged, CustomerState anonymous, TriggerDefinition trigger)
    {
        var theirs = anonymous.JourneyOf(trigger.Name);
        var ours = merged.JourneyOf(trigger.Name);
        merged = merged.WithJourney(ours with { LastStartedAt = ActivityClocks.Later(ours.LastStartedAt, theirs.LastStartedAt) });
        if (theirs.State.IsRunning && ours.State.IsRunning)
            context.Emit(new ExitJourney(context.Now, anonymous.Identity, trigger.Name, ExitReason.Merged));
        else if (theirs.State.IsRunning)
            return CarryOver(context, merged, trigger, theirs.State);
        return JourneyLifecycle.PushOut(merged, trigger, context.Now);
    }

    /// <summary>
    /// An order on one side of a merge, placed after the other side's last cart activity (or view),
    /// bought that cart: it ends the journeys and empties the cart, as it would have without the merge.
    /// No reminder goes out after a purchase just because it happened under the other id.
    /// </summary>
    CustomerState SettleOrdersAcrossTheMerge(DecisionContext context, CustomerState merged)
    {
        if (merged.Clocks.LastOrder is not { } lastOrder) return merged;
        if (merged.Clocks.LastCartActivity is { } lastCart && lastCart <= lastOrder)
        {
            merged = merged with { Cart = Cart.Empty };
            foreach (var trigger in triggers.Cart)
                merged = JourneyLifecycle.Exit(context, merged, trigger, ExitReason.OrderCompleted);
        }
        if (merged.Clocks.LastView is { } lastView && lastView <= lastOrder)
            foreach (var trigger in triggers.Browse)
                merged = JourneyLifecycle.Exit(context, merged, trigger, ExitReason.OrderCompleted);
        return merged;
    }

    static CustomerState CarryOver(DecisionContext context, CustomerState merged, TriggerDefinition trigger, JourneyState carried)
    {
        var (next, token) = merged.TakeTimerToken();
        var slot = next.JourneyOf(trigger.Name);
        JourneyState state = carried switch
        {
            JourneyState.Armed armed => armed with { Token = token },
            JourneyState.Deferred deferred => deferred with { Token = token },
            _ => throw new InvalidOperationException("Only a running journey is carried over."),
        };
        next = JourneyLifecycle.PushOut(next.WithJourney(slot with { State = state }), trigger, context.Now);
        var due = next.JourneyOf(trigger.Name).State switch
        {
            JourneyState.Armed armed => armed.DueAt,
            JourneyState.Deferred deferred => deferred.Until,
            _ => throw new InvalidOperationException("A carried-over journey is running."),
        };
        context.Emit(new ArmTimer(context.Now, next.Identity, trigger.Name, token, due));
        return next;
    }

    /// <summary>
    /// Completes the document in one copy: the touch where the rule did not fold it in, and the
    /// decision's effects (timers left out) on the timeline.
    /// </summary>
    static Decision Finish(DecisionContext context, CustomerState state)
    {
        var effects = context.Effects;
        var seen = context.SeenOf(state);
        var lastSeen = context.LastSeenOf(state.Clocks);
        var added = 0;
        for (var i = 0; i < effects.Count; i++)
            if (effects[i] is not ArmTimer) added++;
        if (added == 0 && ReferenceEquals(seen, state.Seen) && lastSeen == state.Clocks.LastSeen) return new Decision(state, effects);
        return new Decision(state with
        {
            Seen = seen,
            Clocks = lastSeen == state.Clocks.LastSeen ? state.Clocks : state.Clocks with { LastSeen = lastSeen },
            Timeline = added == 0 ? state.Timeline : Appended(state.Timeline, effects, added),
        }, effects);
    }

    /// <summary>
    /// The timeline with the decision's effects (timers left out) appended and the oldest dropped
    /// past <see cref="CustomerState.MaxTimeline"/> — one array, where adding them one by one
    /// copied the whole timeline once or twice per effect. A timeline already over the bound (an
    /// old document) keeps its length, exactly as dropping one per effect did.
    /// </summary>
    static ImmutableArray<Effect> Appended(ImmutableArray<Effect> timeline, IReadOnlyList<Effect> effects, int added)
    {
        var length = timeline.Length >= CustomerState.MaxTimeline ? timeline.Length : Math.Min(CustomerState.MaxTimeline, timeline.Length + added);
        var result = new Effect[length];
        var write = length;
        for (var i = effects.Count - 1; i >= 0 && write > 0; i--)
            if (effects[i] is not ArmTimer) result[--write] = effects[i];
        timeline.AsSpan(timeline.Length - write, write).CopyTo(result);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
