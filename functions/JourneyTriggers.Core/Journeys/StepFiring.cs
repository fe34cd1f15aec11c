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
    public static CustomerState Fire(DecisionContext context, CustomerState state, TriggerDefinition trigger, TimerDue timer)
    {
        switch (state.StateOf(trigger.Name))
        {
            case JourneyState.Armed armed when armed.Token == timer.Token:
                if (armed.DueAt > context.Now) return Rearm(context, state, trigger.Name, armed.Token, armed.DueAt);
                return RunStep(context, state, trigger, armed.Run, armed.Step);
            case JourneyState.Deferred deferred when deferred.Token == timer.Token:
                if (deferred.Until > context.Now) return Rearm(context, state, trigger.Name, deferred.Token, deferred.Until);
                return SendOrSuppress(context, state, trigger, deferred.Run, deferred.Step, deferred.Choice);
            default:
                // A stale token: the journey moved on, ended, or this wake-up was delivered twice.
                return state;
        }
    }

    static CustomerState Rearm(DecisionContext context, CustomerState state, string trigger, TimerToken token, Instant due)
    {
        context.Emit(new ArmTimer(context.Now, state.Identity, trigger, token, due));
        return state;
    }

    static CustomerState RunStep(DecisionContext context, CustomerState state, TriggerDefinition trigger, JourneyRun run, int step)
    {
        var choice = Branching.Choose(trigger, trigger.Steps[step - 1], state);
        if (choice is null)
        {
            context.Emit(new SkipStep(context.Now, state.Identity, new StepPath(trigger.Name, step, null, null)));
            return Resolve(context, state, trigger, run, step);
        }
        var zone = CustomerTimeZone(state, context.Triggers.Configuration.Defaults.TimeZone);
        if (QuietHours.EndOfQuietHours(trigger.QuietHours, zone, context.Now) is { } until)
        {
            context.Emit(new DeferReminder(context.Now, state.Identity, choice.Path, until));
            var token = new TimerToken(state.NextTimerToken);
            context.Emit(new ArmTimer(context.Now, state.Identity, trigger.Name, token, until));
            return state.WithJourneyState(trigger.Name, new JourneyState.Deferred(run, step, until, token, choice), state.NextTimerToken + 1);
        }
        return SendOrSuppress(context, state, trigger, run, step, choice);
    }

    static CustomerState SendOrSuppress(DecisionContext context, CustomerState state, TriggerDefinition trigger, JourneyRun run, int step, StepChoice choice)
    {
        var now = context.Now;
        var defaults = context.Triggers.Configuration.Defaults;
        if (Consent.FirstReachable(choice.Channels, state.Profile, defaults.EmailConsent) is not { } channel)
        {
            context.Emit(new SuppressReminder(now, state.Identity, choice.Path, SuppressionReason.NoReachableChannel));
        }
        else if (!FrequencyCapping.Allows(defaults.FrequencyCap, state.Ledger, now))
        {
            context.Emit(new SuppressReminder(now, state.Identity, choice.Path, SuppressionReason.FrequencyCap));
        }
        else
        {
            var messageId = MessageIds.For(state.Identity.Profile, trigger.Name, run, step);
            var holdout = Holdout.Includes(trigger.Name, state.Identity.AssignmentId, trigger.HoldoutPercent);
            context.Emit(holdout
                ? new SuppressReminder(now, state.Identity, choice.Path, SuppressionReason.Holdout, channel, choice.Template, messageId)
                : new SendReminder(now, state.Identity, choice.Path, channel, choice.Template, messageId));
            state = state with { Ledger = state.Ledger.Record(new SentMessage(now, choice.Path, channel, messageId, holdout, trigger.AttributionWindow)) };
        }
        return Resolve(context, state, trigger, run, step);
    }

    static CustomerState Resolve(DecisionContext context, CustomerState state, TriggerDefinition trigger, JourneyRun run, int step)
    {
        if (step == trigger.Steps.Count) return JourneyLifecycle.Exit(context, state, trigger, ExitReason.Completed);
        return JourneyLifecycle.Arm(context, state, trigger, run with { PreviousStepResolvedAt = context.Now }, step + 1);
    }

    static DateTimeZone CustomerTimeZone(CustomerState state, DateTimeZone fallback) =>
        state.Profile.TimeZone is { } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : fallback;
}
