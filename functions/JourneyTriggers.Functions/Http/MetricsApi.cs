using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>GET /api/metrics?from=&amp;to=&amp;trigger=</c> (admin key): the report of DESIGN 4.7 over the live hosts'
/// durable tallies, in the same shape as <c>simulate --report</c>. <c>from</c> and <c>to</c> are ISO dates or
/// instants, <c>to</c> exclusive; by default the last 30 days up to and including today.
/// </summary>
internal static class MetricsApi
{
    public const string Path = "/api/metrics";

    /// <summary>
    /// Where a browser that reached a page at <paramref name="page"/> finds this API: behind the Functions host (a page
    /// PathBase) it is the Metrics function's route, <see cref="CustomHandler.HttpFunctions.MetricsRoute"/>.
    /// </summary>
    public static string PublicPath(HttpRequest page) =>
        page.PathBase.HasValue ? page.PathBase.Add("/" + CustomHandler.HttpFunctions.MetricsRoute).ToString() : Path;

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Path, GetMetrics).RequireAdminKey().AfterDecisions();
        return app;
    }

    public static async Task<Results<JsonHttpResult<MetricsReport>, ProblemHttpResult>> GetMetrics(HttpRequest request, MetricsReader metrics, CancellationToken cancellationToken)
    {
        var (query, problem) = metrics.Parse(request);
        if (query is null)
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad metrics query");
        // The report's own JSON (MetricsReportJson), byte for byte the shape simulate --report writes.
        return TypedResults.Json(await metrics.ReportAsync(query, cancellationToken), MetricsReportJson.Options);
    }
}
