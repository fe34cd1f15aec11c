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
        var binaryMode = CloudEventHeaders.IsBinaryMode(request);
        if (EventContentTypes.Refuse(request.ContentType, binaryMode) is { } unsupported) return unsupported;
        var body = await RequestBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } unreadable) return unreadable;
        if (RequestBody.IsBlank(body.Bytes.Span)) return Problems.EmptyBody();

        // Read against the host's clock, which refuses timestamps more than 24 h ahead of it.
        var now = clock.Now();
        IReadOnlyList<TouchpointReading> readings = binaryMode
            ? [TouchpointNormaliser.ReadCloudEventBinary(CloudEventHeaders.Attributes(request.Headers), body.Bytes.Span, now)]
            : TouchpointNormaliser.ReadBody(body.Bytes.Span, now);
        // Not blank yet no readings: only an empty array reads as nothing. The CloudEvents JSON format (4.3) calls [] a valid,
        // empty batch; anywhere else it is a mistake worth saying.
        if (readings.Count == 0)
            return EventContentTypes.IsCloudEventsBatch(request.ContentType)
                ? TypedResults.Accepted((string?)null, IngestResponse.From(new IngestReport([])))
                : Problems.NoEvents();
        if (NothingParsed(readings) is { } notJson) return Problems.NoJsonEvents(notJson);
        if (readings.Count > limits.MaxEventsPerRequest) return Problems.TooManyEvents(readings.Count, limits.MaxEventsPerRequest);

        var report = await intake.CollectAsync(readings, "api", cancellationToken);
        return TypedResults.Accepted((string?)null, IngestResponse.From(report));
    }

    /// <summary>
    /// Why the body is not JSON, when not one of its values or lines parsed (at most three reasons quoted); null when
    /// one did, since then a bad line costs only itself.
    /// </summary>
    static string? NothingParsed(IReadOnlyList<TouchpointReading> readings)
    {
        foreach (var reading in readings)
            if (reading is not TouchpointReading.Rejected { NotJson: true }) return null;
        var reasons = readings.Take(3).Select(r => ((TouchpointReading.Rejected)r).Reason);
        return string.Join("; ", reasons) + (readings.Count > 3 ? $"; and {readings.Count - 3} more lines like them" : "");
    }
}
