namespace JourneyTriggers.Application.Ports;

/// <summary>
/// The touchpoints' destination (Event Hubs) did not take a request's events, after its own retries. The HTTP
/// collector answers 503 with <see cref="RetryAfter"/> and this message, which names the service's answer and
/// never a customer, and never 202: the sender keeps its events and sends them again. Events of the request
/// that did get through come again then too, and are recognised by their ids.
/// </summary>
public sealed class DestinationUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
