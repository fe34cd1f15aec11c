using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>A customer's journey slot for one trigger, with the start of its latest journey (for the re-entry cooldown).</summary>
public sealed record TriggerJourney(string Trigger, JourneyState State, Instant? LastStartedAt);
