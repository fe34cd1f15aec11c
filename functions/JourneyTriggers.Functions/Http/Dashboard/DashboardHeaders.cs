using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.Dashboard;

/// <summary>The response headers of every dashboard answer, sign-in page and redirect included.</summary>
internal static class DashboardHeaders
{
    /// <summary>
    /// Nothing may run or load: no script at all (the charts are inline SVG drawn on the server), no fetch, no
    /// images but the empty icon, style only from the one block whose hash is listed; the range and sign-in forms
    /// post only here, no &lt;base&gt; can redirect links, and no other site may frame the page.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {DashboardStyles.Hash}; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response) => PageHeaders.Apply(response, ContentSecurityPolicy);
}
