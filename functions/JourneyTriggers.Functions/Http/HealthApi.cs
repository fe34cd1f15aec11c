using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>GET /api/health</c>, without a key, for load balancers and uptime checks: 200 when the store
/// answers a read in time, 503 when it does not.
/// </summary>
internal static class HealthApi
{
    static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A key no customer has: reading it exercises the store without touching anyone's data.</summary>
    static readonly ProfileKey Probe = ProfileKey.ForCustomer("health-probe");

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/health", GetHealth);
        return app;
    }

    public static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetHealth(
        ICustomerStore store, ILogger<HealthView> logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            await store.FindAsync(Probe, timeout.Token);
            return TypedResults.Ok(new HealthView("healthy", Telemetry.Version, "ok"));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StoreUnhealthy(logger, e.GetType().Name);
            return TypedResults.Json(new HealthView("unhealthy", Telemetry.Version, "not answering"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

internal sealed record HealthView(string Status, string Version, string Store);
