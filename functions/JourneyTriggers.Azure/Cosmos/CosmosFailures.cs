using System.Net;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using Microsoft.Azure.Cosmos;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// What an unexpected Cosmos DB answer becomes. The stream APIs return every status rather than throw, so
/// the store handles the statuses with a meaning (404, 409, 412) itself and hands the rest here. Throttling
/// has by then been retried by the SDK after each <c>x-ms-retry-after-ms</c>
/// (<see cref="CosmosOptions.MaxRateLimitRetries"/>).
/// </summary>
internal static class CosmosFailures
{
    /// <summary>
    /// Transient answers (throttling past the SDK's retries, timeouts, unavailability, a read session not yet
    /// replicated) become <see cref="StoreUnavailableException"/> with the server's retry-after; anything
    /// else (authorisation, a too-large document, a bad request) is the SDK's <see cref="CosmosException"/>,
    /// with status, sub-status and activity id: a bug or a misconfiguration, not something to retry.
    /// </summary>
    public static Exception For(ResponseMessage response, string operation)
    {
        CosmosException failure;
        try
        {
            response.EnsureSuccessStatusCode();
            return new InvalidOperationException($"Cosmos DB answered {(int)response.StatusCode} to {operation}, which the store did not expect.");
        }
        catch (CosmosException e)
        {
            failure = e;
        }
        if (!IsTransient(failure.StatusCode, failure.SubStatusCode)) return failure;
        var retryAfter = failure.RetryAfter;
        return new StoreUnavailableException(
            $"Cosmos DB answered {(int)failure.StatusCode}/{failure.SubStatusCode} to {operation} of a customer document" +
            (retryAfter is { } wait ? $"; it asks to retry after {wait.TotalMilliseconds:0} ms." : "."),
            retryAfter, failure);
    }

    /// <summary>Whether the answer is a passing condition: for a 404, one that does not mean "no such item".</summary>
    public static bool IsTransient(ResponseMessage response) =>
        IsTransient(response.StatusCode, int.TryParse(response.Headers["x-ms-substatus"], out var subStatus) ? subStatus : 0);

    static bool IsTransient(HttpStatusCode status, int subStatus) => (int)status switch
    {
        408 or 410 or 429 or 449 or 500 or 502 or 503 or 504 => true,
        // 404/1002: the read session is not yet available in this region — not "missing".
        404 => subStatus == 1002,
        _ => false,
    };
}
