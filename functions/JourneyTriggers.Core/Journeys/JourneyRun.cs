using NodaTime;

namespace JourneyTriggers.Core.Journeys;

/// <summary>
/// One running journey: when it started (for the re-entry cooldown and message ids) and when its
/// previous step resolved (step n+1 is due after the later of that and the last activity).
/// <paramref name="Converted"/>: an order was credited to one of its reminders; the reminders it sends after that are
/// recorded converted, so the journey converts once (an order ends cart and browse journeys, not an app journey).
/// </summary>
public sealed record JourneyRun(Instant StartedAt, Instant? PreviousStepResolvedAt, bool Converted = false);
