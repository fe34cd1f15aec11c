using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// The durable record of metrics (DESIGN 4.7): the tallies every saved decision carried
/// (<see cref="CustomerChange.Metrics"/>), read back summed for reporting days <paramref name="from"/> to
/// <paramref name="to"/>, both inclusive, in the configuration's time zone.
/// </summary>
public interface IMetricsStore
{
    Task<MetricsTally> ReadAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a tally no customer's change carries: events refused before any customer was decided (DESIGN 4.7 counts
    /// them, as <c>simulate --report</c> counts its rejected lines). <paramref name="at"/> is when, for a store that
    /// names its records by time.
    /// </summary>
    Task AddAsync(MetricsTally tally, Instant at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Folds the records of days <paramref name="from"/> to <paramref name="to"/> into one per day, as a read does,
    /// so later reads of those days find little left to fold. Safe at any time and from any number of callers.
    /// </summary>
    Task CompactAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default);
}
