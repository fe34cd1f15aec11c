using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// Entering, pushing out and exiting a journey: the cadence rules every trigger kind shares
/// (DESIGN 4.3.1 "Cadence" and "Re-entry cooldown").
/// </summary>
internal static class JourneyLifecycle
{
    /// <summary>The activity clock that drives a trigger: the last cart activity, view or app open.</summary>
    public static Instant? LastActivity(TriggerKind kind, CustomerDraft customer) => kind switch
    {
        TriggerKind.CartAbandoned => customer.LastCartActivity,
        TriggerKind.BrowseAbandoned => customer.LastView,
        TriggerKind.AppInactive => customer.LastAppOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A step is due its <c>after</c> past the later of the previous step's resolution and the last activity.</summary>
    public static Instant DueAt(TriggerDefinition trigger, int step, JourneyRun run, CustomerDraft customer, Instant now)
    {
        var from = ActivityClocks.Later(run.PreviousStepResolvedAt, LastActivity(trigger.Kind, customer)) ?? now;
        return from + trigger.Steps[step - 1].After;
    }

    /// <summary>
    /// Whether a journey waiting on this step waits on one the trigger no longer has: it was armed under a configuration
    /// with more steps, and a deploy removed some. Its wake-up then ends it as completed, and activity has no delay to add.
    /// </summary>
    public static bool Removed(TriggerDefinition trigger, int step) => step > trigger.Steps.Count;

    /// <summary>Whether any of these triggers' journeys runs. A loop, not LINQ: it runs on every view.</summary>
    public static bool IsRunning(CustomerDraft customer, TriggerDefinition[] triggers)
    {
        foreach (var trigger in triggers)
            if (customer.StateOf(trigger.Name).IsRunning) return true;
        return false;
    }

    /// <summary>
    /// Starts a journey from idle by arming step 1, unless it runs or the re-entry cooldown blocks it.
    /// Whether it started.
    /// </summary>
    public static bool Enter(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger)
    {
        if (customer.StateOf(trigger.Name).IsRunning) return false;
        if (trigger.ReentryCooldown is { } cooldown && customer.JourneyOf(trigger.Name).LastStartedAt is { } last && context.Now < last + cooldown)
            return false;
        var run = new JourneyRun(context.Now, null);
        var token = customer.TakeTimerToken();
        var due = DueAt(trigger, 1, run, customer, context.Now);
        context.Emit(new JourneyEntered(context.Now, customer.Identity, trigger.Name));
        context.Emit(new ArmTimer(context.Now, customer.Identity, trigger.Name, token, due));
        customer.SetJourney(new TriggerJourney(trigger.Name, new JourneyState.Armed(run, 1, due, token), context.Now));
        if (trigger.Kind == TriggerKind.CartAbandoned) customer.Cart = customer.Cart.WithJourneyBegun();
        return true;
    }

    /// <summary>
    /// New activity moves the pending step's due instant later. Only the document changes: the armed
    /// wake-up finds the later instant when it fires and re-arms for the remainder. A deferred step
    /// whose re-computed due instant falls after its deferral's end is armed again.
    /// </summary>
    public static void PushOut(CustomerDraft customer, TriggerDefinition trigger, Instant now)
    {
        var current = customer.StateOf(trigger.Name);
        switch (current)
        {
            case JourneyState.Armed armed when Removed(trigger, armed.Step):
            case JourneyState.Deferred deferred when Removed(trigger, deferred.Step):
                return;
            case JourneyState.Armed armed:
                var due = DueAt(trigger, armed.Step, armed.Run, customer, now);
                if (due > armed.DueAt) customer.SetJourneyState(trigger.Name, armed with { DueAt = due });
                return;
            case JourneyState.Deferred deferred:
                var redue = DueAt(trigger, deferred.Step, deferred.Run, customer, now);
                if (redue > deferred.Until)
                    customer.SetJourneyState(trigger.Name, new JourneyState.Armed(deferred.Run, deferred.Step, redue, deferred.Token));
                return;
            case JourneyState.Idle:
                return;
            default:
                throw new InvalidOperationException($"Unknown journey state {current}.");
        }
    }

    public static void Exit(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, ExitReason reason) =>
        Exit(context, customer, trigger.Name, reason);

    public static void Exit(DecisionContext context, CustomerDraft customer, string trigger, ExitReason reason)
    {
        if (!customer.StateOf(trigger).IsRunning) return;
        context.Emit(new ExitJourney(context.Now, customer.Identity, trigger, reason));
        customer.SetJourneyState(trigger, JourneyState.Idle.Instance);
    }

    /// <summary>Arms a step with a fresh token, so any wake-up left from before is stale.</summary>
    public static void Arm(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, JourneyRun run, int step)
    {
        var token = customer.TakeTimerToken();
        var due = DueAt(trigger, step, run, customer, context.Now);
        context.Emit(new ArmTimer(context.Now, customer.Identity, trigger.Name, token, due));
        customer.SetJourneyState(trigger.Name, new JourneyState.Armed(run, step, due, token));
    }
}
