using System.Text.Json;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Ingestion;
using JourneyTriggers.Functions.Http.Segment;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Segment's tracking API (DESIGN 4.8), so a storefront already on a Segment SDK only changes its host.
/// Lenient where SDKs differ, as Segment is: any Content-Type, gzip bodies, the write key as the Basic
/// user name. A readable request answers 200 with <c>success: true</c>, whatever became of its calls.
/// </summary>
internal static class SegmentApi
{
    /// <summary>Route name to call type, with the one-letter forms analytics.js and the mobile SDKs also use.</summary>
    static readonly Dictionary<string, string> Calls = new(StringComparer.OrdinalIgnoreCase)
    {
        ["track"] = "track", ["t"] = "track", ["identify"] = "identify", ["i"] = "identify",
        ["page"] = "page", ["p"] = "page", ["screen"] = "screen", ["s"] = "screen",
        ["alias"] = "alias", ["a"] = "alias", ["group"] = "group", ["g"] = "group",
    };

    public static IEndpointRouteBuilder MapSegmentApi(this IEndpointRouteBuilder app)
    {
        var segment = app.MapGroup("/v1").RequireWriteKey();
        segment.MapPost("/batch", PostBatch);
        segment.MapPost("/import", PostBatch);
        segment.MapPost("/{call}", PostCall);
        return app;
    }

    public static async Task<Results<Ok<SegmentResponse>, ProblemHttpResult>> PostCall(
        string call, HttpRequest request, EventIntake intake, HostClock clock, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (!Calls.TryGetValue(call, out var callType))
            return TypedResults.Problem(
                "No such Segment call. The routes are /v1/track, /v1/identify, /v1/page, /v1/screen, /v1/alias, /v1/group and /v1/batch.",
                statusCode: StatusCodes.Status404NotFound);
        var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } unreadable) return unreadable;
        if (RequestBody.IsBlank(body.Bytes.Span)) return Problems.EmptyBody();
        var (document, problem) = SegmentBody.Parse(body.Bytes);
        if (document is null) return Problems.NotJson(problem!);
        using (document)
        {
            var reading = TouchpointNormaliser.ReadSegment(document.RootElement, callType, clock.Now());
            var report = await intake.CollectAsync([reading], "segment", cancellationToken);
            return TypedResults.Ok(SegmentResponse.From(report));
        }
    }

    public static async Task<Results<Ok<SegmentResponse>, ProblemHttpResult>> PostBatch(
        HttpRequest request, EventIntake intake, HostClock clock, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var body = await RequestBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } unreadable) return unreadable;
        if (RequestBody.IsBlank(body.Bytes.Span)) return Problems.EmptyBody();
        var (document, problem) = SegmentBody.Parse(body.Bytes);
        if (document is null) return Problems.NotJson(problem!);
        using (document)
        {
            var envelope = document.RootElement;
            if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
                return TypedResults.Problem("A /v1/batch body is an object whose \"batch\" is an array of calls: {\"batch\": [{\"type\": \"track\", …}]}.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Not a batch");
            if (batch.GetArrayLength() > limits.MaxEventsPerRequest) return Problems.TooManyEvents(batch.GetArrayLength(), limits.MaxEventsPerRequest);
            var readings = SegmentBatch.Read(batch, envelope, clock.Now());
            var report = await intake.CollectAsync(readings, "segment", cancellationToken);
            return TypedResults.Ok(SegmentResponse.From(report));
        }
    }
}
