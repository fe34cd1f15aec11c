using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// One decision in progress: the inputs every rule shares (the triggers, the clock), the customer's
/// working copy (<see cref="Customer"/>) and the effects produced so far, in order. A thread reuses
/// one context from decision to decision (taken by <see cref="Start"/>, given back by
/// <see cref="Finish"/>), so a decision allocates only what it publishes: the new state and its
/// effects. A context not given back (a rule threw) is simply dropped.
/// </summary>
internal sealed class DecisionContext
{
    // The thread's context between decisions; taken out while in use, so a nested decision gets its own.
    [ThreadStatic] static DecisionContext? spare;

    readonly List<Effect> effects = new();
    TriggerIndex triggers = null!;

    DecisionContext() { }

    public TriggerIndex Triggers => triggers;
    public Instant Now { get; private set; }
    public CustomerDraft Customer { get; } = new();

    public static DecisionContext Start(TriggerIndex triggers, Instant now, CustomerState state)
    {
        var context = spare ?? new DecisionContext();
        spare = null;
        context.triggers = triggers;
        context.Now = now;
        context.effects.Clear();
        context.Customer.Load(state);
        return context;
    }

    public void Emit(Effect effect) => effects.Add(effect);

    /// <summary>
    /// Ends the decision: the customer's document published with the decision's effects (timers
    /// left out) on its timeline, and the effects in an array of their own. The context goes back
    /// to the thread and must not be used again.
    /// </summary>
    public Decision Finish()
    {
        var decided = effects.Count == 0 ? [] : effects.ToArray();
        var state = Customer.Publish(TimelineWindow.Appended(Customer.Timeline, decided));
        effects.Clear();
        spare = this;
        return new Decision(state, decided);
    }
}
