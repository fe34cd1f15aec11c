using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// The RFC 7807 answers for requests that cannot be read at all. Each detail says what to change.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult EmptyBody() => TypedResults.Problem(
        "The body is empty. Send one touchpoint as a JSON object, several as a JSON array or as NDJSON (one per line).",
        statusCode: StatusCodes.Status400BadRequest, title: "Empty body");

    public static ProblemHttpResult NoEvents() => TypedResults.Problem(
        "The body is an empty JSON array: it holds no events. Send at least one touchpoint.",
        statusCode: StatusCodes.Status400BadRequest, title: "No events");

    public static ProblemHttpResult NotGzip() => TypedResults.Problem(
        "The body says Content-Encoding: gzip but is not valid gzip data. Compress the whole body, or drop the header.",
        statusCode: StatusCodes.Status400BadRequest, title: "Body not readable");

    public static ProblemHttpResult NotJson(string problem) => TypedResults.Problem(
        $"The body is not a JSON value: {problem}.", statusCode: StatusCodes.Status400BadRequest, title: "Body not readable");

    public static ProblemHttpResult NoJsonEvents(string problems) => TypedResults.Problem(
        $"Nothing in the body is JSON ({problems}). Send one touchpoint as a JSON object, several as a JSON array or as NDJSON (one per line).",
        statusCode: StatusCodes.Status400BadRequest, title: "Body not readable");

    public static ProblemHttpResult BodyTooLarge(long limit) => TypedResults.Problem(
        $"The body is over the limit of {Bytes(limit)} per request (counted after gzip decompression). " +
        "Send the events in several requests; the limit is the setting Ingestion:MaxBodyBytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    public static ProblemHttpResult TooManyEvents(int count, int limit) => TypedResults.Problem(
        $"The body holds {count} events; a request may carry at most {limit}. Nothing was taken: split it into " +
        "several requests (the limit is the setting Ingestion:MaxEventsPerRequest).",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many events");

    public static ProblemHttpResult UnsupportedEncoding(string encoding) => TypedResults.Problem(
        $"Content-Encoding '{encoding}' is not supported. Send the body uncompressed or gzip-compressed (Content-Encoding: gzip).",
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content encoding");

    public static ProblemHttpResult UnsupportedMediaType(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");

    static string Bytes(long count) => count % (1 << 20) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{count >> 20} MiB ({count} bytes)")
        : string.Create(CultureInfo.InvariantCulture, $"{count} bytes");
}
