using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// A request span's <c>url.path</c> is the route's template wherever the route takes values from the path
/// (<c>/api/customers/{id}</c>): a customer id is often an email address, and exported traces are no place for one.
/// Query strings are already redacted by the instrumentation; paths no route matched keep their text, since nothing of
/// ours is named in them.
/// </summary>
internal static class RouteTemplatePaths
{
    public static void Enrich(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern: { Parameters.Count: > 0 } pattern })
            activity.SetTag("url.path", "/" + pattern.RawText?.TrimStart('/'));
    }
}
