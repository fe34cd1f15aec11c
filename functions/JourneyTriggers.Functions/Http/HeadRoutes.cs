namespace JourneyTriggers.Functions.Http;

/// <summary>
/// HEAD beside GET on the routes that only read (RFC 9110 9.3.2: a general-purpose server must answer HEAD as GET, without
/// the body, which Kestrel leaves out itself): uptime checks and link checkers use it. Not on <c>/unsubscribe</c>, whose
/// GET acts: a mail scanner's HEAD must not unsubscribe anybody.
/// </summary>
internal static class HeadRoutes
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetAndHead, handler);
}
