using NodaTime;

namespace JourneyTriggers.Core.Configuration;

/// <summary>Step <see cref="Number"/> (from 1) of a trigger: how long to wait, and its branches in order.</summary>
public sealed record StepDefinition(int Number, Duration After, IReadOnlyList<BranchDefinition> Branches);
