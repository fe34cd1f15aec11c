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

        // What every accepted touchpoint does besides its rule: its id joins the dedupe window and
        // LastSeen moves on (never back).
        var context = DecisionContext.Start(triggers, now, state);
        var customer = context.Customer;
        customer.Seen = state.Seen.Record(touchpoint.Id, now);
        customer.LastSeen = ActivityClocks.Later(customer.LastSeen, touchpoint.Timestamp);
        switch (touchpoint)
        {
            case ProductViewed view:
                BrowseAbandonedJourney.Viewed(context, customer, view);
                break;
            case var _ when CartAbandonedJourney.IsCartEvent(touchpoint):
                CartAbandonedJourney.Apply(context, customer, touchpoint);
                break;
            case OrderCompleted order:
                OrderCompletion.Completed(context, customer, order);
                break;
            case AppOpened open:
                AppInactiveJourney.Opened(context, customer, open);
                break;
            case CustomerIdentified identified:
                customer.Profile = ProfileUpdates.Identified(customer.Profile, identified);
                break;
            case ConsentUpdated consent:
                customer.Profile = ProfileUpdates.ConsentChanged(customer.Profile, consent);
                break;
            case PushRegistered registered:
                customer.Profile = ProfileUpdates.Registered(customer.Profile, registered);
                AppInactiveJourney.DeviceRegistered(context, customer);
                break;
            case PushUnregistered unregistered:
                customer.Profile = customer.Profile.Unregister(unregistered.InstallationId);
                break;
            case SessionStarted or MessageOpened or MessageClicked or UnrecognisedTouchpoint:
                break;
            default:
                throw new ArgumentException($"No rule for touchpoint type {touchpoint.TypeName}.", nameof(touchpoint));
        }
        return context.Finish();
    }

    /// <summary>Delivers a wake-up. A stale token does nothing; an early one re-arms for the remainder.</summary>
    public Decision Fire(CustomerState state, TimerDue timer, Instant now)
    {
        if (state.MergedInto is not null || triggers.Find(timer.Trigger) is not { } trigger) return new Decision(state, []);
        var context = DecisionContext.Start(triggers, now, state);
        StepFiring.Fire(context, context.Customer, trigger, timer);
        return context.Finish();
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

        var context = DecisionContext.Start(triggers, now, ProfileMerge.MergeData(known, anonymous, identified.Id, now));
        var merged = context.Customer;
        merged.Profile = ProfileUpdates.Identified(merged.Profile, identified);
        merged.LastSeen = ActivityClocks.Later(merged.LastSeen, identified.Timestamp);
        foreach (var trigger in configuration.Triggers)
            MergeJourney(context, merged, anonymous, trigger);
        SettleOrdersAcrossTheMerge(context, merged);
        OrderCompletion.CreditAcrossTheMerge(context, merged);
        if (JourneyLifecycle.IsRunning(merged, triggers.Cart))
            foreach (var browse in triggers.Browse)
                JourneyLifecycle.Exit(context, merged, browse, ExitReason.CartActivity);
        var decision = context.Finish();
        return new MergeDecision(decision.State, tombstone, decision.Effects);
    }

    /// <summary>Erasure (GDPR): every running journey exits with reason erased, and nothing else is kept.</summary>
    public Decision Erase(CustomerState state, Instant now)
    {
        var context = DecisionContext.Start(triggers, now, state);
        foreach (var journey in state.Journeys)
            JourneyLifecycle.Exit(context, context.Customer, journey.Trigger, ExitReason.Erased);
        return new Decision(CustomerState.New(state.Identity), context.Finish().Effects);
    }

    /// <summary>
    /// The provider's verdict on a reminder, recorded on the customer's timeline (<c>message.delivered</c>,
    /// <c>message.failed</c>, <c>message.unknown</c>), and the installations it reported gone removed. A
    /// report already recorded adds nothing; a merged profile's report is dropped here, its timeline gone with it (the host
    /// records it on the known customer instead).
    /// Needs no configuration: a verdict is a fact about a send, not a journey rule.
    /// </summary>
    public static Decision RecordDelivery(CustomerState state, DeliveryReport report, Instant now)
    {
        if (state.MergedInto is not null) return new Decision(state, []);
        var profile = DeliveryOutcomes.WithoutGone(state.Profile, report.GoneInstallations);
        var next = profile == state.Profile ? state : state with { Profile = profile };
        if (DeliveryOutcomes.Outcome(next, report, now) is not { } outcome) return new Decision(next, []);
        return new Decision(next with
        {
            Ledger = next.Ledger.WithOutcomeRecorded(report.MessageId),
            Timeline = TimelineWindow.Appended(next.Timeline, [outcome]),
        }, [outcome]);
    }

    /// <summary>
    /// A running anonymous journey carries on under the known id, re-armed with a fresh token and its
    /// pending step re-computed from the merged clocks — unless the known customer already runs one
    /// of that trigger: then the anonymous journey exits with reason merged.
    /// </summary>
    static void MergeJourney(DecisionContext context, CustomerDraft merged, CustomerState anonymous, TriggerDefinition trigger)
    {
        var theirs = anonymous.JourneyOf(trigger.Name);
        var ours = merged.JourneyOf(trigger.Name);
        merged.SetJourney(ours with { LastStartedAt = ActivityClocks.Later(ours.LastStartedAt, theirs.LastStartedAt) });
        if (theirs.State.IsRunning && ours.State.IsRunning)
            context.Emit(new ExitJourney(context.Now, anonymous.Identity, trigger.Name, ExitReason.Merged));
        else if (theirs.State.IsRunning)
        {
            CarryOver(context, merged, trigger, theirs.State);
            return;
        }
        JourneyLifecycle.PushOut(merged, trigger, context.Now);
    }

    /// <summary>
    /// An order on one side of a merge, placed after the other side's last cart activity (or view),
    /// bought that cart: it ends the journeys and empties the cart, as it would have without the merge.
    /// No reminder goes out after a purchase just because it happened under the other id.
    /// </summary>
    void SettleOrdersAcrossTheMerge(DecisionContext context, CustomerDraft merged)
    {
        if (merged.LastOrder is not { } lastOrder) return;
        if (merged.LastCartActivity is { } lastCart && lastCart <= lastOrder)
        {
            merged.Cart = Cart.Empty;
            foreach (var trigger in triggers.Cart)
                JourneyLifecycle.Exit(context, merged, trigger, ExitReason.OrderCompleted);
        }
        if (merged.LastView is { } lastView && lastView <= lastOrder)
            foreach (var trigger in triggers.Browse)
                JourneyLifecycle.Exit(context, merged, trigger, ExitReason.OrderCompleted);
    }

    static void CarryOver(DecisionContext context, CustomerDraft merged, TriggerDefinition trigger, JourneyState carried)
    {
        var token = merged.TakeTimerToken();
        JourneyState state = carried switch
        {
            JourneyState.Armed armed => armed with { Token = token },
            JourneyState.Deferred deferred => deferred with { Token = token },
            _ => throw new InvalidOperationException("Only a running journey is carried over."),
        };
        merged.SetJourneyState(trigger.Name, state);
        JourneyLifecycle.PushOut(merged, trigger, context.Now);
        var due = merged.StateOf(trigger.Name) switch
        {
            JourneyState.Armed armed => armed.DueAt,
            JourneyState.Deferred deferred => deferred.Until,
            _ => throw new InvalidOperationException("A carried-over journey is running."),
        };
        context.Emit(new ArmTimer(context.Now, merged.Identity, trigger.Name, token, due));
    }
}
