using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>
/// What <c>POST /api/events</c> reads. The normaliser tells the formats apart by their content, so
/// the types only have to say "JSON, UTF-8". The Segment routes skip this check on purpose.
/// </summary>
internal static class EventContentTypes
{
    static readonly string[] Accepted =
    [
        "application/json", "application/x-ndjson", "application/ndjson", "application/jsonl",
        "application/cloudevents+json", "application/cloudevents-batch+json",
    ];

    const string Listing =
        "Send application/json (one touchpoint, or a JSON array of them: native, Segment or CloudEvents structured), " +
        "application/x-ndjson (one per line), application/cloudevents+json, application/cloudevents-batch+json, " +
        "or a CloudEvent in binary mode (ce-specversion, ce-id, ce-type headers with the touchpoint as an application/json body).";

    /// <summary>A whole CloudEvent or a batch of them in the body (structured or batched mode), whatever <c>ce-*</c> headers say.</summary>
    public static bool IsCloudEvents(string? contentType) =>
        MediaTypeOf(contentType)?.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsCloudEventsBatch(string? contentType) =>
        string.Equals(MediaTypeOf(contentType), "application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase);

    static string? MediaTypeOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.MediaType.Value : null;

    /// <returns>Null when the request's type is one we read; otherwise the 415 to answer.</returns>
    public static ProblemHttpResult? Refuse(string? contentType, bool binaryMode)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return Problems.UnsupportedMediaType("The request has no Content-Type. " + Listing);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType.Value is not { } mediaType)
            return Problems.UnsupportedMediaType($"Content-Type '{contentType}' cannot be parsed. " + Listing);
        // A parameter value may be quoted (RFC 9110 5.6.6): charset="UTF-8" says UTF-8 too.
        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return Problems.UnsupportedMediaType($"Only UTF-8 is read; the request says charset={type.Charset}. Send the JSON as UTF-8.");
        if (binaryMode)
            return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                ? null
                : Problems.UnsupportedMediaType($"In CloudEvents binary mode the body is the touchpoint itself: its Content-Type must be application/json, not '{mediaType}'.");
        return Accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase) ? null : Problems.UnsupportedMediaType($"Content-Type '{mediaType}' is not accepted. " + Listing);
    }
}
