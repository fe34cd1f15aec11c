using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Where the HTTP collector's touchpoints go once read: queued in the standalone inbox for its pump, or
/// published to Event Hubs for the Touchpoints function (Azure); both then decide them with <see cref="TouchpointIngestion"/>.
/// Either way an event answered <see cref="EventStatus.Accepted"/> is durable when this returns.
/// </summary>
public interface ITouchpointDestination
{
    /// <returns>One result per reading, in order; rejected readings keep their reason.</returns>
    /// <exception cref="DestinationUnavailableException">None of the accepted events can be confirmed durable.</exception>
    Task<IngestReport> ReceiveAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken = default);
}
