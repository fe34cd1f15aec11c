using NodaTime;

namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// A trigger with the defaults already applied: every guard-rail setting here is the effective one.
/// </summary>
public sealed record TriggerDefinition(
    string Name,
    TriggerKind Kind,
    IReadOnlyList<StepDefinition> Steps,
    int MinViews,
    Duration? ReentryCooldown,
    decimal HoldoutPercent,
    QuietHoursWindow? QuietHours,
    Duration AttributionWindow);
