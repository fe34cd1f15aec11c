using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Where the host acknowledges touchpoints before deciding them (standalone), every request other than the
/// collector's own waits until the touchpoints acknowledged before it are decided: a customer read right
/// after its events were answered 202 shows them, and an erasure or unsubscribe comes after them.
/// </summary>
internal static class DecidedReads
{
    /// <summary>Past this, a request is answered on the decisions there are rather than held longer.</summary>
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static IApplicationBuilder UseDecidedReads(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<IPendingTouchpoints>() is not { } pending) return app;
        return app.Use(async (context, next) =>
        {
            if (!IsCollector(context.Request.Path)) await pending.WaitDecidedAsync(MaxWait, context.RequestAborted);
            await next(context);
        });
    }

    static bool IsCollector(PathString path) =>
        path.StartsWithSegments("/api/events") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/api/health");
}
