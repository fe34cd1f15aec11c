using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Where the host acknowledges touchpoints before deciding them (standalone), a read, an erasure or an unsubscribe waits
/// until the touchpoints acknowledged before it are decided: a customer read right after its events were answered 202
/// shows them, and an erasure or unsubscribe comes after them. The collector's own routes never wait.
/// <para>
/// Past <see cref="MaxWait"/> a read is answered on the decisions there are. An erasure and a touchpoint export are
/// not: an erasure before its customer's queued events are decided would have them bring the customer back, and an
/// export would miss them for good. Those answer 503 with Retry-After, having done nothing.
/// </para>
/// <para>
/// The wait is an endpoint filter, added after the route's key filter, so only a request that reached a route and
/// passed its key check waits: a keyless request gets its 401, an unknown path its 404, at once, however far behind
/// the inbox is. The pages check their key in the handler, so they call <see cref="WaitAsync"/> after that check.
/// </para>
/// </summary>
internal static class DecidedReads
{
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Waits for the decisions, then answers on the decisions there are.</summary>
    public static TBuilder AfterDecisions<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new DecisionsFilter(MustFollowEvery: false));

    /// <summary>Waits for the decisions, and does nothing but answer 503 when they are still not made.</summary>
    public static TBuilder AfterEveryDecision<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new DecisionsFilter(MustFollowEvery: true));

    /// <summary>True when the touchpoints acknowledged before <paramref name="http"/> are decided (or none are pending here).</summary>
    public static Task<bool> WaitAsync(HttpContext http) =>
        http.RequestServices.GetService<IPendingTouchpoints>() is { } pending
            ? pending.WaitDecidedAsync(MaxWait, http.RequestAborted)
            : Task.FromResult(true);

    sealed record DecisionsFilter(bool MustFollowEvery) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (await WaitAsync(http) || !MustFollowEvery) return await next(context);
            http.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"Events acknowledged before this request were still not decided after {MaxWait.TotalSeconds:0} s (the service is behind). " +
                "Answering now would leave them out: an erased customer would come back with them, an export would miss them. " +
                $"Nothing was done; send the request again in {RetryAfter.TotalSeconds:0} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Events still being decided");
        }
    }
}
