using System.Globalization;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using Microsoft.AspNetCore.Diagnostics;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Failures with a meaning for the caller get their status; anything else stays a 500, which is a bug.
/// </summary>
internal sealed class ServiceExceptionHandler(IProblemDetailsService problems, ILogger<ServiceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            // Nothing was half-applied; the same request later succeeds.
            // Event Hubs did not take the collector's events: the message names its answer, never a customer.
            DestinationUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message),
            // A store or provider that did not answer (or asked to wait): its message names the store, never a customer.
            StoreUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message),
            CustomerContentionException => (StatusCodes.Status503ServiceUnavailable,
                "A customer in this request was being changed by other requests at the same time. Nothing was applied for them; send the request again."),
            // Kestrel's own refusals (a body over its limit, a client that stopped sending mid-body), and a query value that
            // does not bind ("Failed to bind parameter "int? limit" from "abc"").
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read: " + bad.Message),
            _ => (0, ""),
        };
        if (status == 0) return false;
        Log.RequestFailed(logger, status, exception.GetType().Name);
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = exception switch
            {
                DestinationUnavailableException { RetryAfter: { } wait } => Seconds(wait),
                StoreUnavailableException { RetryAfter: { } wait } => Seconds(wait),
                _ => "1",
            };
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
            Exception = exception,
        });
    }

    static string Seconds(TimeSpan wait) => Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
