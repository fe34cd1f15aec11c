using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// The inputs every rule of one decision shares — the triggers and the clock — and the effects it
/// has produced so far, in the order they were produced.
/// </summary>
internal sealed class DecisionContext(TriggerIndex triggers, Instant now)
{
    readonly List<Effect> effects = new(4);

    public TriggerIndex Triggers { get; } = triggers;
    public Instant Now { get; } = now;
    public IReadOnlyList<Effect> Effects => effects;

    public void Emit(Effect effect) => effects.Add(effect);
}
