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
    public static void Opened(DecisionContext context, CustomerDraft customer, AppOpened open)
    {
        customer.LastAppOpen = ActivityClocks.Later(customer.LastAppOpen, open.Timestamp);
        foreach (var trigger in context.Triggers.App)
        {
            var run = customer.StateOf(trigger.Name) switch
            {
                JourneyState.Armed armed => armed.Run,
                JourneyState.Deferred deferred => deferred.Run,
                _ => null,
            };
            if (run?.PreviousStepResolvedAt is { } stepFiredAt && open.Timestamp > stepFiredAt)
                JourneyLifecycle.Exit(context, customer, trigger, ExitReason.AppOpened);
            if (customer.StateOf(trigger.Name).IsRunning) JourneyLifecycle.PushOut(customer, trigger, context.Now);
            else ArmIfReachable(context, customer, trigger);
        }
    }

    /// <summary>
    /// A device registered after the last open arms the journey from that open — once: a journey
    /// already started since that open is not started again by another device.
    /// </summary>
    public static void DeviceRegistered(DecisionContext context, CustomerDraft customer)
    {
        foreach (var trigger in context.Triggers.App)
        {
            var slot = customer.JourneyOf(trigger.Name);
            if (slot.State.IsRunning || customer.LastAppOpen is not { } lastOpen) continue;
            if (slot.LastStartedAt is { } started && started >= lastOpen) continue;
            ArmIfReachable(context, customer, trigger);
        }
    }

    static void ArmIfReachable(DecisionContext context, CustomerDraft customer, Configuration.TriggerDefinition trigger)
    {
        if (!customer.Profile.Installations.IsEmpty) JourneyLifecycle.Enter(context, customer, trigger);
    }
}
