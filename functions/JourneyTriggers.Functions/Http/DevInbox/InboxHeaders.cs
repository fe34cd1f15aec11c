using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>The response headers of every dev inbox answer, sign-in page and redirect included.</summary>
internal static class InboxHeaders
{
    /// <summary>
    /// Nothing may run or load but inline style, images and the form posting back here:
    /// <list type="bullet">
    /// <item><c>default-src 'none'</c>: no script at all (the page has none), no fetch, no fonts, no objects.</item>
    /// <item><c>style-src 'unsafe-inline'</c>: the page's one &lt;style&gt; and the emails' inline styles. Style cannot run code.</item>
    /// <item><c>img-src * data:</c>: emails show product images from wherever the shop hosts them, as in a mail client.
    /// The price: opening the inbox tells those hosts the message was viewed; the images are the operator's own.</item>
    /// <item><c>frame-src 'self'</c>: the srcdoc frames load nothing, and a link clicked inside one cannot navigate it elsewhere.</item>
    /// <item><c>form-action 'self'</c>, <c>base-uri 'none'</c>, <c>frame-ancestors 'none'</c>: the filter and sign-in forms post
    /// only here, no &lt;base&gt; can redirect relative links, and no other site may frame the page (clickjacking).</item>
    /// </list>
    /// A srcdoc frame inherits this policy, so a script in an email meets it as well as the sandbox.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response) => PageHeaders.Apply(response, ContentSecurityPolicy);
}
