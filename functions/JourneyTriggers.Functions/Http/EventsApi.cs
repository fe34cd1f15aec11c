using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>POST /api/events</c> (DESIGN 4.1, 4.2): any of our formats in, one result per event out. Only a
/// request that cannot be read at all is refused whole; a bad event costs only itself.
/// </summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostEvents).RequireIngestionKey();
        return app;
    }

    public static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> PostEvents(
        HttpRequest request, EventIntake intake, HostClock clock, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var binaryMode = CloudEventHeaders.IsBinaryMode(request.Headers);
        if (EventContentTypes.Refuse(request.ContentType, binaryMode) is { } unsupported) return unsupported;
        var body = await RequestBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } unreadable) return unreadable;
        if (RequestBody.IsBlank(body.Bytes.Span)) return Problems.EmptyBody();

        // Read against the host's clock, which refuses timestamps more than 24 h ahead of it.
        var now = clock.Now();
        IReadOnlyList<TouchpointReading> readings = binaryMode
            ? [TouchpointNormaliser.ReadCloudEventBinary(CloudEventHeaders.Attributes(request.Headers), body.Bytes.Span, now)]
            : TouchpointNormaliser.ReadBody(body.Bytes.Span, now);
        if (readings.Count == 0) return Problems.EmptyBody();
        if (readings.Count > limits.MaxEventsPerRequest) return Problems.TooManyEvents(readings.Count, limits.MaxEventsPerRequest);

        var report = await intake.CollectAsync(readings, "api", cancellationToken);
        return TypedResults.Accepted((string?)null, IngestResponse.From(report));
    }
}
