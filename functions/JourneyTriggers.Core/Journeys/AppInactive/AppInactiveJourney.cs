using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Core.Journeys.AppInactive;

/// <summary>
/// Inactive app user: each open arms (or pushes out) the journey for customers with a push
/// installation; an open stamped after a step fired ends the running journey and arms a new one.
/// </summary>
internal static class AppInactiveJourney
{
    public static CustomerState Opened(DecisionContext context, CustomerState state, AppOpened open)
    {
        state = state with
        {
            Seen = context.SeenOf(state),
            Clocks = state.Clocks with
            {
                LastAppOpen = ActivityClocks.Later(state.Clocks.LastAppOpen, open.Timestamp),
                LastSeen = context.LastSeenOf(state.Clocks),
            },
        };
        foreach (var trigger in context.Triggers.App)
        {
            var run = state.StateOf(trigger.Name) switch
            {
                JourneyState.Armed armed => armed.Run,
                JourneyState.Deferred deferred => deferred.Run,
                _ => null,
            };
            if (run?.PreviousStepResolvedAt is { } stepFiredAt && open.Timestamp > stepFiredAt)
                state = JourneyLifecycle.Exit(context, state, trigger, ExitReason.AppOpened);
            state = state.StateOf(trigger.Name).IsRunning
                ? JourneyLifecycle.PushOut(state, trigger, context.Now)
                : ArmIfReachable(context, state, trigger);
        }
        return state;
    }

    /// <summary>
    /// A device registered after the last open arms the journey from that open — once: a journey
    /// already started since that open is not started again by another device.
    /// </summary>
    public static CustomerState DeviceRegistered(DecisionContext context, CustomerState state)
    {
        foreach (var trigger in context.Triggers.App)
        {
            var slot = state.JourneyOf(trigger.Name);
            if (slot.State.IsRunning || state.Clocks.LastAppOpen is not { } lastOpen) continue;
            if (slot.LastStartedAt is { } started && started >= lastOpen) continue;
            state = ArmIfReachable(context, state, trigger);
        }
        return state;
    }

    static CustomerState ArmIfReachable(DecisionContext context, CustomerState state, Configuration.TriggerDefinition trigger) =>
        state.Profile.Installations.IsEmpty ? state : JourneyLifecycle.Enter(context, state, trigger);
}
