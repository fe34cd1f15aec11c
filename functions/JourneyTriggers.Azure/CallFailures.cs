using Azure;

namespace JourneyTriggers.Azure;

internal static class CallFailures
{
    /// <summary>
    /// A failure of a call to an Azure service, as opposed to the caller cancelling it: an answer, a transport error,
    /// a timeout (Azure.Core's own shows as a cancellation the caller did not ask for), or Azure.Core's exhausted
    /// retries, an AggregateException of every try.
    /// </summary>
    public static bool IsFailure(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or HttpRequestException or TimeoutException or IOException or AggregateException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
