using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Where the host acknowledges touchpoints before deciding them (standalone), every request other than the
/// collector's own waits until the touchpoints acknowledged before it are decided: a customer read right
/// after its events were answered 202 shows them, and an erasure or unsubscribe comes after them.
/// <para>
/// Past <see cref="MaxWait"/> a read is answered on the decisions there are. An erasure and a touchpoint export are
/// not: an erasure before its customer's queued events are decided would have them bring the customer back, and an
/// export would miss them for good. Those answer 503 with Retry-After, having done nothing.
/// </para>
/// </summary>
internal static class DecidedReads
{
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static IApplicationBuilder UseDecidedReads(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<IPendingTouchpoints>() is not { } pending) return app;
        return app.Use(async (context, next) =>
        {
            if (IsCollector(context.Request.Path) || await pending.WaitDecidedAsync(MaxWait, context.RequestAborted)
                || !MustFollowEveryDecision(context.Request))
            {
                await next(context);
                return;
            }
            context.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await TypedResults.Problem(
                $"Events acknowledged before this request were still not decided after {MaxWait.TotalSeconds:0} s (the service is behind). " +
                "Answering now would leave them out: an erased customer would come back with them, an export would miss them. " +
                $"Nothing was done; send the request again in {RetryAfter.TotalSeconds:0} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Events still being decided").ExecuteAsync(context);
        });
    }

    static bool MustFollowEveryDecision(HttpRequest request) =>
        HttpMethods.IsDelete(request.Method) || request.Path.StartsWithSegments("/api/touchpoints");

    static bool IsCollector(PathString path) =>
        path.StartsWithSegments("/api/events") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/api/health");
}
