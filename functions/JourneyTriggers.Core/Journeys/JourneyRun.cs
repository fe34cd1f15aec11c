using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// One running journey: when it started (for the re-entry cooldown and message ids) and when its
/// previous step resolved (step n+1 is due after the later of that and the last activity).
/// </summary>
public sealed record JourneyRun(Instant StartedAt, Instant? PreviousStepResolvedAt);
