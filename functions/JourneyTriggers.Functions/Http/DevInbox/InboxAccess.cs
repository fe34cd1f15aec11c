using System.Text;
using JourneyTriggers.Functions.Http.Auth;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>
/// Who may open the dev inbox. It shows customers' emails and addresses, so it takes the admin key.
/// <para>
/// Why a key and a cookie rather than "loopback only": the standalone service is often reached through
/// a forwarded port (a container, a dev VM, an SSH tunnel), where every request looks local, so the
/// peer address proves nothing. A browser cannot send a Bearer header, so the key may arrive once, as
/// <c>?key=</c> (the link the start-up banner prints) or from the sign-in form's POST; the answer sets
/// an HttpOnly, SameSite=Strict cookie and redirects (303) to the same URL without the key, so the key
/// leaves the address bar at once. The cookie holds <see cref="AccessKeys.InboxSession"/>, a value derived
/// from the admin key that opens this page only. A Bearer admin key works too, for curl and tests.
/// The key is never logged: ASP.NET Core's request line (which has the query) is filtered out at start-up.
/// </para>
/// </summary>
internal static class InboxAccess
{
    public const string CookieName = "jt_inbox";
    public const string KeyParameter = "key";

    /// <summary>Null when the request may see the inbox; otherwise what to answer instead.</summary>
    public static IResult? Check(HttpContext http, InboxLabels labels)
    {
        var keys = http.RequestServices.GetRequiredService<AccessKeys>();
        if (http.Request.Query.TryGetValue(KeyParameter, out var inQuery)) return SignIn(http, inQuery.ToString(), labels);
        if (PresentedKey.Read(http.Request.Headers.Authorization) is { } bearer)
            return keys.Identify(bearer) switch
            {
                KeyRole.Admin => null,
                KeyRole.Ingestion => Refuse(http, labels, StatusCodes.Status403Forbidden, labels.IngestionKey, "ingestion key on the dev inbox"),
                _ => Refuse(http, labels, StatusCodes.Status401Unauthorized, labels.WrongKey, "unknown key"),
            };
        var cookie = http.Request.Cookies[CookieName];
        if (keys.IsInboxSession(cookie)) return null;
        // A cookie from before the admin key changed: drop it, and ask again.
        if (cookie is not null) http.Response.Cookies.Delete(CookieName, Options(http));
        return Refuse(http, labels, StatusCodes.Status401Unauthorized, null, "no key and no inbox cookie");
    }

    /// <summary>The key came from the query or the form: the admin key sets the cookie, anything else is refused.</summary>
    public static IResult SignIn(HttpContext http, string presented, InboxLabels labels)
    {
        var keys = http.RequestServices.GetRequiredService<AccessKeys>();
        switch (presented.Length == 0 ? null : keys.Identify(presented))
        {
            case KeyRole.Admin:
                http.Response.Cookies.Append(CookieName, keys.InboxSession, Options(http));
                Log.InboxSignedIn(Logger(http));
                http.Response.Headers.Location = InboxPage.Path + QueryWithoutKey(http.Request);
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case KeyRole.Ingestion:
                return Refuse(http, labels, StatusCodes.Status403Forbidden, labels.IngestionKey, "ingestion key on the dev inbox");
            default:
                return Refuse(http, labels, StatusCodes.Status401Unauthorized, labels.WrongKey, "unknown key");
        }
    }

    /// <summary>
    /// Session cookie (gone when the browser closes), scoped to the inbox's path, unreadable by script,
    /// never sent on a cross-site request; Secure whenever the request came over HTTPS.
    /// </summary>
    static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = InboxPage.Path,
        IsEssential = true,
    };

    static string QueryWithoutKey(HttpRequest request) =>
        QueryString.Create(request.Query.Where(q => !q.Key.Equals(KeyParameter, StringComparison.OrdinalIgnoreCase))).ToString();

    static IResult Refuse(HttpContext http, InboxLabels labels, int status, string? problem, string reason)
    {
        Log.RequestRefused(Logger(http), "GET " + InboxPage.Path, status, reason);
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer realm=\"journeytriggers\"";
        return Results.Content(InboxPage.SignIn(labels, problem, QueryWithoutKey(http.Request)), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InboxAccess));
}
