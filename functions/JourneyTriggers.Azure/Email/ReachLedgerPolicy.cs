using System.Net.Http;
using Azure.Core;
using Azure.Core.Pipeline;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Remembers, across the tries of one call, whether any try may have reached the service and been
/// acted on: a timeout or a connection lost after sending, or a 409/500/502/504. A refused connection, a
/// name that did not resolve, a failed TLS handshake, a 408, 429 or 503 surely were not. The sender needs
/// this to tell "not sent" from "unknown" once the retries are spent.
/// </summary>
internal sealed class ReachLedgerPolicy : HttpPipelinePolicy
{
    const string Property = "JourneyTriggers.AcsEmail.MayHaveReached";

    public static bool MayHaveReached(HttpMessage message) =>
        message.TryGetProperty(Property, out var value) && value is true;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception e) when (!message.CancellationToken.IsCancellationRequested)
        {
            Note(message, e);
            throw;
        }
        Note(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (!message.CancellationToken.IsCancellationRequested)
        {
            Note(message, e);
            throw;
        }
        Note(message);
    }

    static void Note(HttpMessage message)
    {
        if (message.Response.Status is 409 or 500 or 502 or 504) message.SetProperty(Property, true);
    }

    static void Note(HttpMessage message, Exception exception)
    {
        if (!NeverLeft(exception)) message.SetProperty(Property, true);
    }

    /// <summary>Failures that happen before a byte of the request reaches the service.</summary>
    static bool NeverLeft(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
                return true;
        return false;
    }
}
