using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// The inputs every rule of one decision shares — the triggers and the clock — and the effects it
/// has produced so far, in the order they were produced.
/// </summary>
internal sealed class DecisionContext(TriggerIndex triggers, Instant now)
{
    // Created on the first effect: most touchpoints decide nothing worth an effect.
    List<Effect>? effects;

    public TriggerIndex Triggers { get; } = triggers;
    public Instant Now { get; } = now;
    public IReadOnlyList<Effect> Effects => (IReadOnlyList<Effect>?)effects ?? [];

    public void Emit(Effect effect) => (effects ??= new List<Effect>(4)).Add(effect);
}
