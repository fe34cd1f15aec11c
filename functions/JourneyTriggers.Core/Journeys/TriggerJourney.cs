using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>A customer's journey slot for one trigger, with the start of its latest journey (for the re-entry cooldown).</summary>
public sealed record TriggerJourney(string Trigger, JourneyState State, Instant? LastStartedAt)
{
    /// <summary>The trigger's slot among a customer's journeys, or null for a trigger the customer never ran.</summary>
    internal static TriggerJourney? Find(ReadOnlySpan<TriggerJourney> journeys, string trigger)
    {
        foreach (var j in journeys)
            if (j.Trigger == trigger) return j;
        return null;
    }

    /// <summary>The slot a trigger the customer never ran reads as.</summary>
    internal static TriggerJourney Idle(string trigger) => new(trigger, JourneyState.Idle.Instance, null);
}
