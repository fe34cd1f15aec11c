using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// The touchpoints a host kept after deciding them, so that a month of real traffic can be replayed through a new
/// configuration with <c>simulate</c>: <c>GET /api/touchpoints</c>. The standalone host keeps them when asked to
/// (<c>Standalone:ArchiveTouchpoints</c>); the Azure host leaves that to Event Hubs.
/// </summary>
public interface ITouchpointArchive
{
    /// <summary>
    /// The touchpoints received from <paramref name="from"/> (inclusive) up to <paramref name="to"/> (exclusive), each
    /// absent for no bound, in the order they were decided: one line of native JSON (DESIGN 4.1) each, without its line
    /// break. The range is cut by arrival when the read begins, so consecutive ranges neither overlap nor leave a gap, and
    /// touchpoints kept while it streams are not in it. With <paramref name="profiles"/>, only the touchpoints that name one
    /// of them (a customer and the anonymous profiles merged into them: their own record, or their history to replay alone).
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(Instant? from, Instant? to, IReadOnlyList<ProfileKey>? profiles = null,
        CancellationToken cancellationToken = default);
}
