using NodaTime;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// Which part of a tally to report: days <see cref="From"/> to <see cref="To"/>, both inclusive and
/// both optional (dates in the reporting time zone), and optionally one trigger. The trigger filter
/// applies to the triggers and the daily series; the funnel and carts started belong to no trigger.
/// </summary>
public sealed record MetricsQuery(LocalDate? From = null, LocalDate? To = null, string? Trigger = null)
{
    public static readonly MetricsQuery All = new();

    public bool Includes(LocalDate day) => (From is not { } from || day >= from) && (To is not { } to || day <= to);
}
