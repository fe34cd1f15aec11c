using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// The inputs every rule of one decision shares — the triggers, the clock and, for a touchpoint,
/// its <see cref="Touch"/> — and the effects it has produced so far, in the order they were produced.
/// </summary>
internal sealed class DecisionContext(TriggerIndex triggers, Instant now, Touch? touch = null)
{
    // Created on the first effect: most touchpoints decide nothing worth an effect.
    List<Effect>? effects;

    public TriggerIndex Triggers { get; } = triggers;
    public Instant Now { get; } = now;
    public IReadOnlyList<Effect> Effects => (IReadOnlyList<Effect>?)effects ?? [];

    public void Emit(Effect effect) => (effects ??= new List<Effect>(4)).Add(effect);

    /// <summary>The dedupe window with the touchpoint recorded; as it was for wake-ups and merges.</summary>
    public SeenTouchpoints SeenOf(CustomerState state) => touch?.Seen ?? state.Seen;

    /// <summary>LastSeen moved on to the touchpoint's timestamp (never back); as it was for wake-ups and merges.</summary>
    public Instant? LastSeenOf(ActivityClocks clocks) => touch is { } t ? ActivityClocks.Later(clocks.LastSeen, t.Timestamp) : clocks.LastSeen;
}

/// <summary>
/// What every accepted touchpoint does to the document besides its rule: its id joins the dedupe
/// window and LastSeen moves on. No rule reads either, so a rule that copies the state and its
/// clocks anyway folds the touch into that copy (<see cref="DecisionContext.SeenOf"/>,
/// <see cref="DecisionContext.LastSeenOf"/>) — one copy of each per event where there were two —
/// and the engine's Finish applies it wherever a rule did not.
/// </summary>
internal readonly record struct Touch(SeenTouchpoints Seen, Instant Timestamp);
