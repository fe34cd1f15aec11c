using System.IO.Compression;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Touchpoints;
using Microsoft.Net.Http.Headers;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>GET /api/touchpoints?from=&amp;to=&amp;customerId=</c> (admin): the archived touchpoints received in the range, as NDJSON
/// in the order they were decided, ready for <c>simulate --events</c>; with <c>customerId</c> one customer's only, the anonymous
/// profiles merged into them included (<c>anonymous=true</c> for an anonymous id, as for <c>/api/customers</c>). Standalone only, and only with <c>Standalone:ArchiveTouchpoints</c>.
/// </summary>
internal static class TouchpointsApi
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>Written to the response in blocks of this size rather than a write (and a flush) per line.</summary>
    const int BufferBytes = 64 * 1024;

    static readonly byte[] LineBreak = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapTouchpointsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/touchpoints", GetTouchpoints).RequireAdminKey().AfterEveryDecision();
        return app;
    }

    public static async Task<IResult> GetTouchpoints(string? from, string? to, string? customerId, bool? anonymous, HttpContext context,
        JourneyEngine engine, ICustomerStore store, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<ITouchpointArchive>() is not { } archive)
            return TypedResults.Problem(
                "This service keeps no touchpoints. Start it with Standalone:ArchiveTouchpoints=true (for example the environment " +
                "variable Standalone__ArchiveTouchpoints=true) to keep every touchpoint it decides from then on, for Standalone:RetentionDays.",
                statusCode: StatusCodes.Status404NotFound, title: "No touchpoint archive");
        var (range, problem) = ArchiveRange.Parse(from, to, engine.Configuration.Defaults.TimeZone);
        if (range is null) return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        var profiles = string.IsNullOrWhiteSpace(customerId) ? null : await ProfilesOfAsync(customerId.Trim(), anonymous == true, store, cancellationToken);
        // A month of touchpoints is gigabytes of JSON that gzip shrinks 5 to 8 times even at its fastest: compressed for a client that takes it (curl --compressed).
        var gzip = AcceptsGzip(context.Request);
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (gzip) context.Response.Headers.ContentEncoding = "gzip";
        return TypedResults.Stream(async body =>
        {
            // Neither closes the response's own stream, which the server still finishes.
            await using var compressed = gzip ? new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true) : null;
            var buffered = new BufferedStream(compressed ?? body, BufferBytes);
            await foreach (var line in archive.ReadAsync(range.From, range.To, profiles, cancellationToken))
            {
                await buffered.WriteAsync(line, cancellationToken);
                await buffered.WriteAsync(LineBreak, cancellationToken);
            }
            await buffered.FlushAsync(cancellationToken);
        }, ContentType);
    }

    static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding.ToString().Split(','), out var codings)
        && codings.Any(c => string.Equals(c.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase) && (c.Quality ?? 1) > 0);

    /// <summary>The customer's own profile and those merged into it, as erasure takes them; an anonymous id alone.</summary>
    static async Task<IReadOnlyList<ProfileKey>> ProfilesOfAsync(string id, bool anonymous, ICustomerStore store, CancellationToken cancellationToken) =>
        anonymous ? [ProfileKey.ForAnonymous(id)] : [ProfileKey.ForCustomer(id), .. await store.MergedIntoAsync(id, cancellationToken)];
}
