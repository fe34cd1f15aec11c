using NodaTime;

namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// A trigger with the defaults already applied: every guard-rail setting here is the effective one.
/// </summary>
/// <param name="MinViews">Browse abandonment only; other kinds carry the default, 2, and ignore it.</param>
/// <param name="ReentryCooldown">Null when the trigger has none.</param>
/// <param name="QuietHours">Null when switched off, by the defaults or by this trigger.</param>
public sealed record TriggerDefinition(
    string Name,
    TriggerKind Kind,
    IReadOnlyList<StepDefinition> Steps,
    int MinViews,
    Duration? ReentryCooldown,
    decimal HoldoutPercent,
    QuietHoursWindow? QuietHours,
    Duration AttributionWindow);
