using System.Net.Http;
using Azure;
using Azure.Core;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// Retries for a send, which Notification Hubs does not deduplicate: a second request the service
/// takes is a second notification on the customer's phone. So a try is repeated only when the
/// service provably did not act on the first:
/// <list type="bullet">
/// <item>429: the documented throttling answer, given before the message is accepted (and only while
/// its <c>Retry-After</c> is within the client's patience);</item>
/// <item>no connection at all: the name did not resolve, or the TCP or TLS connection could not be
/// set up, so no byte of the request left this process.</item>
/// </list>
/// Everything else is not retried here: a timeout or a connection lost mid-request may have been
/// processed, and a 5xx may come from a front end after the back end accepted the message. Those reach
/// the caller, which records the send as unknown rather than risk a duplicate. 403 (quota exceeded)
/// is also certain not to have been sent, but a quota does not recover in seconds: the caller gets it
/// at once and tries again later.
/// </summary>
internal sealed class SendCallClassifier(TimeSpan maxRetryAfterWait) : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status == 429 && !IdempotentCallClassifier.WaitsTooLong(message, maxRetryAfterWait);

    public override bool IsRetriableException(Exception exception) => NeverConnected(exception);

    public override bool IsRetriable(HttpMessage message, Exception exception) => NeverConnected(exception);

    public override bool IsErrorResponse(HttpMessage message) => message.Response.Status is < 200 or >= 300;

    /// <summary>Whether the failure happened before a connection existed to send the request on.</summary>
    internal static bool NeverConnected(Exception exception)
    {
        // Azure.Core's retry policy reports exhausted retries as an AggregateException of every try.
        if (exception is AggregateException tries) return tries.InnerExceptions.All(NeverConnected);
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
                return true;
        return false;
    }
}
