namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// One path through a step. A step that names channels and template itself is read as a single
/// branch with no name and no condition, so the engine has one way to resolve every step.
/// </summary>
public sealed record BranchDefinition(
    string? Name,
    BranchCondition When,
    IReadOnlyList<Channel> Channels,
    string Template,
    IReadOnlyList<VariantDefinition> Variants);
