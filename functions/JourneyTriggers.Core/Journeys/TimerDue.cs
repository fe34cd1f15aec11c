using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>A wake-up delivered to the engine: the queue message, or the simulator's virtual timer.</summary>
public readonly record struct TimerDue(string Trigger, TimerToken Token, Instant DueAt);
