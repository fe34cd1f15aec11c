using Azure.Core;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// Installation calls (PUT, PATCH, DELETE, GET) leave the hub in the same state however often they
/// run, so every transient failure is retried: 408, 429, 5xx, timeouts, lost connections. Only a
/// <c>Retry-After</c> longer than the client's patience ends the retries early (see
/// <see cref="NotificationHubsClientOptions.MaxRetryAfterWait"/>).
/// </summary>
internal sealed class IdempotentCallClassifier(TimeSpan maxRetryAfterWait) : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 408 or 429 or 500 or 502 or 503 or 504 && !WaitsTooLong(message, maxRetryAfterWait);

    public override bool IsErrorResponse(HttpMessage message) => message.Response.Status is < 200 or >= 300;

    internal static bool WaitsTooLong(HttpMessage message, TimeSpan maxWait) =>
        RetryAfterHeader.Of(message.Response, DateTimeOffset.UtcNow) is { } wait && wait > maxWait;
}
