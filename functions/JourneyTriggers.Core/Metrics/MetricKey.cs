using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Core.Metrics;

/// <summary>
/// One counter of a tally: a measure on a reporting day, with the dimensions the measure fills
/// (see <see cref="MetricMeasure"/>); the others are null, 0 (<see cref="Step"/>) or
/// <see cref="MetricGroup.None"/>. <see cref="Day"/> is the date in the configuration's default
/// time zone (<c>defaults.timeZone</c>, UTC when unset), so a store's day ends at its own midnight.
/// </summary>
public readonly record struct MetricKey(
    LocalDate Day,
    MetricMeasure Measure,
    string? Trigger = null,
    int Step = 0,
    string? Branch = null,
    string? Variant = null,
    Channel? Channel = null,
    MetricGroup Group = MetricGroup.None,
    string? Reason = null);
