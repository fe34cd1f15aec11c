using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// A decision with the metric facts it counts (DESIGN 4.7), tallied by the same <see cref="MetricFacts"/> as
/// <c>simulate</c>, so live metrics and a replay count alike. Saved in the same write as the decision.
/// </summary>
public sealed record RecordedDecision(Decision Decision, MetricsTally Metrics);
