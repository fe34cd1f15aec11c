using Azure.Core;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Success is exactly the documented status (202 for a send, 200 for a status read). On top of Azure.Core's
/// retriable statuses (408, 429, 500, 502, 503, 504), a repeatable send answered 409 is retried: ACS says
/// so while the first attempt of the same request id is still in progress, and the repeat then returns its answer.
/// </summary>
internal sealed class AcsResponseClassifier : ResponseClassifier
{
    public static AcsResponseClassifier Instance { get; } = new();

    public override bool IsErrorResponse(HttpMessage message) =>
        message.Response.Status != (message.Request.Method == RequestMethod.Post ? 202 : 200);

    public override bool IsRetriableResponse(HttpMessage message) =>
        base.IsRetriableResponse(message)
        || (message.Response.Status == 409 && message.Request.Headers.Contains(AcsEmailClient.RepeatabilityRequestIdHeader));
}
