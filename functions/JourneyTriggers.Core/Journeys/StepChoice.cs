using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Journeys;

/// <summary>What a step resolved to at its due instant: the branch and variant, their channels and template.</summary>
public sealed record StepChoice(StepPath Path, IReadOnlyList<Channel> Channels, string Template);
