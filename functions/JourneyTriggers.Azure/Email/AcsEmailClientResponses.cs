using Azure;
using Azure.Core;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Turns what the Email service answered (or did not) into <see cref="RequestFailedException"/>s: status,
/// the service's error code (body or <c>x-ms-error-code</c>), its message with addresses removed, and in
/// <see cref="Exception.Data"/> whether a try may have reached the service and any Retry-After.
/// </summary>
internal static class AcsEmailClientResponses
{
    public static RequestFailedException Failure(string what, Response response, bool mayHaveReached)
    {
        var (code, text) = AcsEmailJson.ErrorOf(response.Content);
        code ??= response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        var detail = ProviderText.Redact(text);
        var message = $"Communication Services Email {what} failed: {response.Status} {response.ReasonPhrase}"
            + (code is null ? "" : $" ({code})") + (detail.Length == 0 ? "." : $": {detail}");
        var failure = new RequestFailedException(response.Status, message, code, null);
        failure.Data[AcsEmailClient.MayHaveReachedServiceKey] = mayHaveReached;
        if (RetryAfter(response) is { } retryAfter) failure.Data[AcsEmailClient.RetryAfterKey] = retryAfter;
        return failure;
    }

    public static RequestFailedException NoAnswer(string what, Exception exception, bool mayHaveReached) =>
        Unanswered($"Communication Services Email {what} got no answer after every retry ({exception.Innermost().GetType().Name}).",
            AcsEmailClient.NoAnswerErrorCode, exception, mayHaveReached);

    /// <remarks>Whether the service acted on a try cut short is unknowable here: it may have.</remarks>
    public static RequestFailedException CallTimedOut(string what, TimeSpan limit, Exception exception) =>
        Unanswered($"Communication Services Email {what} did not finish within the call timeout of {limit.TotalSeconds:0.###} s (AcsEmailClientOptions.CallTimeout).",
            AcsEmailClient.CallTimeoutErrorCode, exception, mayHaveReached: true);

    static RequestFailedException Unanswered(string message, string code, Exception exception, bool mayHaveReached)
    {
        var failure = new RequestFailedException(0, message, code, exception);
        failure.Data[AcsEmailClient.MayHaveReachedServiceKey] = mayHaveReached;
        return failure;
    }

    /// <summary>The wait the service asked for.</summary>
    public static TimeSpan? RetryAfter(Response response) => RetryAfterHeader.Of(response, DateTimeOffset.UtcNow);
}
