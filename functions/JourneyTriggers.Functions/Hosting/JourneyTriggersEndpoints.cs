using JourneyTriggers.Functions.Http;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>The HTTP surface of DESIGN 4.8, one route group per file under Http/.</summary>
internal static class JourneyTriggersEndpoints
{
    public static WebApplication MapJourneyTriggers(this WebApplication app)
    {
        app.UseProblemAnswers();
        app.MapHttpApis();
        // Standalone only: the local outbox and the page that shows it, and the touchpoint archive.
        app.MapOutboxApi();
        app.MapTouchpointsApi();
        app.MapDevInboxApi();
        return app;
    }

    /// <summary>Unhandled failures and bare status codes (404 for an unknown route) answer as problem details.</summary>
    public static IApplicationBuilder UseProblemAnswers(this IApplicationBuilder app) => app.UseExceptionHandler().UseStatusCodePages();

    /// <summary>The routes both hosts serve; the custom handler reaches them through its HTTP functions.</summary>
    public static IEndpointRouteBuilder MapHttpApis(this IEndpointRouteBuilder app)
    {
        app.MapEventsApi();
        app.MapSegmentApi();
        app.MapCustomersApi();
        app.MapMetricsApi();
        app.MapUnsubscribeApi();
        app.MapHealthApi();
        app.MapDashboardPage();
        return app;
    }
}
