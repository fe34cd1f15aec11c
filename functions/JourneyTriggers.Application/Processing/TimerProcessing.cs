using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Delivers a wake-up (a queue message, a row of the timer table) to its customer: the engine fires
/// the due step, re-arms an early wake-up, or ignores a stale one; the save consumes the wake-up.
/// </summary>
public sealed class TimerProcessing(JourneyEngine engine, CustomerUpdates customers, CustomerLocks locks, HostClock clock)
{
    readonly MetricFacts facts = new(engine.Configuration);

    public async Task<TimerOutcome> FireAsync(ProfileKey key, TimerDue timer, CancellationToken cancellationToken)
    {
        using var activity = Instrumentation.Source.StartActivity("fire " + timer.Trigger);
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        var now = clock.Now();
        var decision = await customers.UpdateAsync(key, state =>
        {
            var fired = engine.Fire(state, timer, now);
            var metrics = new MetricsTallyBuilder();
            facts.OfTimer(state, fired.Effects, metrics);
            return new RecordedDecision(fired, metrics.ToTally());
        }, timer, cancellationToken, createIfMissing: false);
        var outcome = decision is null ? TimerOutcome.CustomerGone
            : decision.Effects.Count == 0 ? TimerOutcome.Stale
            : TimerOutcome.Fired;
        if (outcome == TimerOutcome.Fired) DecisionMetrics.Fired(timer.Trigger, timer.DueAt, now);
        activity?.SetTag("journeytriggers.timer.outcome", outcome.ToString().ToLowerInvariant());
        return outcome;
    }
}

public enum TimerOutcome
{
    /// <summary>The wake-up did something: a step ran, or it re-armed for a later due instant.</summary>
    Fired,
    /// <summary>The journey had moved on; the wake-up was consumed without effect.</summary>
    Stale,
    /// <summary>No document: the customer was erased or merged away. The wake-up is to be dropped.</summary>
    CustomerGone,
}
