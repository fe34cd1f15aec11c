namespace JourneyTriggers.Functions.Http.Pages;

/// <summary>The headers every admin page answers with (dev inbox, dashboard), each under its own content security policy.</summary>
internal static class PageHeaders
{
    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Personal data and business figures: not kept in any cache, and no Referer leaves with a click.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
