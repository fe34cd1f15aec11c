namespace JourneyTriggers.Application.Ports;

/// <summary>
/// A service behind a store is down, timing out or still throttling after the client's own retries.
/// Transient: the caller fails the invocation (an HTTP 503, a queue or Event Hubs retry) and nothing
/// is lost, since every store write is conditional and every follow-up idempotent.
/// <see cref="RetryAfter"/> is the service's own hint, when it gave one.
/// </summary>
public sealed class StoreUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
