using System.Collections.Immutable;
using System.Runtime.InteropServices;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Journeys;

/// <summary>The customer's recent decisions: a window of <see cref="CustomerState.MaxTimeline"/> effects, timers left out.</summary>
internal static class TimelineWindow
{
    /// <summary>
    /// The timeline with the decision's effects (timers left out) appended and the oldest dropped
    /// past <see cref="CustomerState.MaxTimeline"/> — one array, where adding them one by one
    /// copied the whole timeline once or twice per effect; the same timeline when none is added. A
    /// timeline already over the bound (an old document) keeps its length, exactly as dropping one
    /// per effect did.
    /// </summary>
    public static ImmutableArray<Effect> Appended(ImmutableArray<Effect> timeline, IReadOnlyList<Effect> effects)
    {
        var added = 0;
        for (var i = 0; i < effects.Count; i++)
            if (effects[i] is not ArmTimer) added++;
        if (added == 0) return timeline;
        var length = timeline.Length >= CustomerState.MaxTimeline ? timeline.Length : Math.Min(CustomerState.MaxTimeline, timeline.Length + added);
        var result = new Effect[length];
        var write = length;
        for (var i = effects.Count - 1; i >= 0 && write > 0; i--)
            if (effects[i] is not ArmTimer) result[--write] = effects[i];
        timeline.AsSpan(timeline.Length - write, write).CopyTo(result);
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
