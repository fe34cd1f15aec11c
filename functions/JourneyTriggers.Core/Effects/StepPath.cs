namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Which step, and which branch and variant of it, an effect is about. Branch and variant are null
/// when the step has none.
/// </summary>
public readonly record struct StepPath(string Trigger, int Step, string? Branch, string? Variant);
