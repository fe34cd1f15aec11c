using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.GuardRails;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// What happens when a step's wake-up arrives, in the order of DESIGN 4.3.1: branch and variant;
/// quiet hours; then at the send instant channel choice, frequency cap and holdout. The journey
/// goes on to its next step after every outcome.
/// </summary>
internal static class StepFiring
{
    public static void Fire(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, TimerDue timer)
    {
        switch (customer.StateOf(trigger.Name))
        {
            case JourneyState.Armed armed when armed.Token == timer.Token && JourneyLifecycle.Removed(trigger, armed.Step):
            case JourneyState.Deferred deferred when deferred.Token == timer.Token && JourneyLifecycle.Removed(trigger, deferred.Step):
                // Armed under a configuration with more steps: under this one, every step has run.
                JourneyLifecycle.Exit(context, customer, trigger, ExitReason.Completed);
                return;
            case JourneyState.Armed armed when armed.Token == timer.Token:
                if (armed.DueAt > context.Now) Rearm(context, customer, trigger.Name, armed.Token, armed.DueAt);
                else RunStep(context, customer, trigger, armed.Run, armed.Step);
                return;
            case JourneyState.Deferred deferred when deferred.Token == timer.Token:
                if (deferred.Until > context.Now) Rearm(context, customer, trigger.Name, deferred.Token, deferred.Until);
                // The end was reckoned in the time zone the customer had then; one learnt since (an identify, a merge) may
                // still be in its quiet hours, so the send waits again for their end on that clock.
                else if (!DeferredForQuietHours(context, customer, trigger, deferred.Run, deferred.Step, deferred.Choice))
                    SendOrSuppress(context, customer, trigger, deferred.Run, deferred.Step, deferred.Choice);
                return;
            default:
                // A stale token: the journey moved on, ended, or this wake-up was delivered twice.
                return;
        }
    }

    static void Rearm(DecisionContext context, CustomerDraft customer, string trigger, TimerToken token, Instant due) =>
        context.Emit(new ArmTimer(context.Now, customer.Identity, trigger, token, due));

    static void RunStep(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, JourneyRun run, int step)
    {
        var choice = Branching.Choose(trigger, trigger.Steps[step - 1], customer);
        if (choice is null)
        {
            context.Emit(new SkipStep(context.Now, customer.Identity, new StepPath(trigger.Name, step, null, null)));
            Resolve(context, customer, trigger, run, step);
            return;
        }
        if (!DeferredForQuietHours(context, customer, trigger, run, step, choice)) SendOrSuppress(context, customer, trigger, run, step, choice);
    }

    /// <summary>Whether it is quiet hours on the customer's clock now; if so the step waits for their end.</summary>
    static bool DeferredForQuietHours(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, JourneyRun run, int step, StepChoice choice)
    {
        var zone = customer.Profile.ZoneOr(context.Triggers.Configuration.Defaults.TimeZone);
        if (QuietHours.EndOfQuietHours(trigger.QuietHours, zone, context.Now) is not { } until) return false;
        context.Emit(new DeferReminder(context.Now, customer.Identity, choice.Path, until));
        var token = customer.TakeTimerToken();
        context.Emit(new ArmTimer(context.Now, customer.Identity, trigger.Name, token, until));
        customer.SetJourneyState(trigger.Name, new JourneyState.Deferred(run, step, until, token, choice));
        return true;
    }

    static void SendOrSuppress(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, JourneyRun run, int step, StepChoice choice)
    {
        var now = context.Now;
        var defaults = context.Triggers.Configuration.Defaults;
        if (Consent.FirstReachable(choice.Channels, customer.Profile, defaults.EmailConsent) is not { } channel)
        {
            context.Emit(new SuppressReminder(now, customer.Identity, choice.Path, SuppressionReason.NoReachableChannel));
        }
        else if (!FrequencyCapping.Allows(defaults.FrequencyCap, customer.Ledger, now))
        {
            context.Emit(new SuppressReminder(now, customer.Identity, choice.Path, SuppressionReason.FrequencyCap));
        }
        else
        {
            var messageId = MessageIds.For(customer.Identity.Profile, trigger.Name, run, step);
            var holdout = Holdout.Includes(trigger.Name, customer.Identity.AssignmentId, trigger.HoldoutPercent);
            context.Emit(holdout
                ? new SuppressReminder(now, customer.Identity, choice.Path, SuppressionReason.Holdout, channel, choice.Template, messageId)
                : new SendReminder(now, customer.Identity, choice.Path, channel, choice.Template, messageId));
            customer.Ledger = customer.Ledger.Record(new SentMessage(now, choice.Path, channel, messageId, holdout, trigger.AttributionWindow,
                Converted: run.Converted, JourneyStartedAt: run.StartedAt));
        }
        Resolve(context, customer, trigger, run, step);
    }

    static void Resolve(DecisionContext context, CustomerDraft customer, TriggerDefinition trigger, JourneyRun run, int step)
    {
        if (step >= trigger.Steps.Count) JourneyLifecycle.Exit(context, customer, trigger, ExitReason.Completed);
        else JourneyLifecycle.Arm(context, customer, trigger, run with { PreviousStepResolvedAt = context.Now }, step + 1);
    }
}
