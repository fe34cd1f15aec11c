using JourneyTriggers.Functions.Http;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>The HTTP surface of DESIGN 4.8, one route group per file under Http/.</summary>
internal static class JourneyTriggersEndpoints
{
    public static WebApplication MapJourneyTriggers(this WebApplication app)
    {
        // Unhandled failures and bare status codes (404 for an unknown route) answer as problem details.
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapEventsApi();
        app.MapSegmentApi();
        app.MapCustomersApi();
        app.MapOutboxApi();
        app.MapUnsubscribeApi();
        app.MapHealthApi();
        return app;
    }
}
