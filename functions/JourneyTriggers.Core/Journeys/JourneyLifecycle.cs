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
    public static Instant? LastActivity(TriggerKind kind, ActivityClocks clocks) => kind switch
    {
        TriggerKind.CartAbandoned => clocks.LastCartActivity,
        TriggerKind.BrowseAbandoned => clocks.LastView,
        TriggerKind.AppInactive => clocks.LastAppOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A step is due its <c>after</c> past the later of the previous step's resolution and the last activity.</summary>
    public static Instant DueAt(TriggerDefinition trigger, int step, JourneyRun run, ActivityClocks clocks, Instant now)
    {
        var from = ActivityClocks.Later(run.PreviousStepResolvedAt, LastActivity(trigger.Kind, clocks)) ?? now;
        return from + trigger.Steps[step - 1].After;
    }

    /// <summary>Whether any of these triggers' journeys runs. A loop, not LINQ: it runs on every view.</summary>
    public static bool IsRunning(CustomerState state, TriggerDefinition[] triggers)
    {
        foreach (var trigger in triggers)
            if (state.StateOf(trigger.Name).IsRunning) return true;
        return false;
    }

    /// <summary>Starts a journey from idle by arming step 1, unless the re-entry cooldown blocks it.</summary>
    public static CustomerState Enter(DecisionContext context, CustomerState state, TriggerDefinition trigger)
    {
        if (state.StateOf(trigger.Name).IsRunning) return state;
        if (trigger.ReentryCooldown is { } cooldown && state.JourneyOf(trigger.Name).LastStartedAt is { } last && context.Now < last + cooldown)
            return state;
        var run = new JourneyRun(context.Now, null);
        var token = new TimerToken(state.NextTimerToken);
        var due = DueAt(trigger, 1, run, state.Clocks, context.Now);
        context.Emit(new JourneyEntered(context.Now, state.Identity, trigger.Name));
        context.Emit(new ArmTimer(context.Now, state.Identity, trigger.Name, token, due));
        return state.WithJourney(new TriggerJourney(trigger.Name, new JourneyState.Armed(run, 1, due, token), context.Now), state.NextTimerToken + 1);
    }

    /// <summary>
    /// New activity moves the pending step's due instant later. Only the document changes: the armed
    /// wake-up finds the later instant when it fires and re-arms for the remainder. A deferred step
    /// whose re-computed due instant falls after its deferral's end is armed again.
    /// </summary>
    public static CustomerState PushOut(CustomerState state, TriggerDefinition trigger, Instant now)
    {
        var current = state.StateOf(trigger.Name);
        switch (current)
        {
            case JourneyState.Armed armed:
                var due = DueAt(trigger, armed.Step, armed.Run, state.Clocks, now);
                return due > armed.DueAt ? state.WithJourneyState(trigger.Name, armed with { DueAt = due }, state.NextTimerToken) : state;
            case JourneyState.Deferred deferred:
                var redue = DueAt(trigger, deferred.Step, deferred.Run, state.Clocks, now);
                return redue > deferred.Until
                    ? state.WithJourneyState(trigger.Name, new JourneyState.Armed(deferred.Run, deferred.Step, redue, deferred.Token), state.NextTimerToken)
                    : state;
            case JourneyState.Idle:
                return state;
            default:
                throw new InvalidOperationException($"Unknown journey state {current}.");
        }
    }

    public static CustomerState Exit(DecisionContext context, CustomerState state, TriggerDefinition trigger, ExitReason reason) =>
        Exit(context, state, trigger.Name, reason);

    public static CustomerState Exit(DecisionContext context, CustomerState state, string trigger, ExitReason reason)
    {
        if (!state.StateOf(trigger).IsRunning) return state;
        context.Emit(new ExitJourney(context.Now, state.Identity, trigger, reason));
        return state.WithJourneyState(trigger, JourneyState.Idle.Instance, state.NextTimerToken);
    }

    /// <summary>Arms a step with a fresh token, so any wake-up left from before is stale.</summary>
    public static CustomerState Arm(DecisionContext context, CustomerState state, TriggerDefinition trigger, JourneyRun run, int step)
    {
        var token = new TimerToken(state.NextTimerToken);
        var due = DueAt(trigger, step, run, state.Clocks, context.Now);
        context.Emit(new ArmTimer(context.Now, state.Identity, trigger.Name, token, due));
        return state.WithJourneyState(trigger.Name, new JourneyState.Armed(run, step, due, token), state.NextTimerToken + 1);
    }
}
