namespace JourneyTriggers.Application.Ports;

/// <summary>
/// The messages a host recorded for delivery, for the dev inbox and <c>GET /api/outbox</c>: what was
/// sent to whom, and how its delivery went.
/// </summary>
public interface IOutboxReader
{
    /// <summary>
    /// The newest <paramref name="limit"/> messages, newest first; only those of one customer when
    /// <paramref name="customerId"/> is given (a known id, or an anonymous one).
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(string? customerId, int limit, CancellationToken cancellationToken = default);
}
