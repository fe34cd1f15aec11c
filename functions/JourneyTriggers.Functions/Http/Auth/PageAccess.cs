using System.Text;
using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.Auth;

/// <summary>A server-rendered admin page: where it lives, its cookie, and the name its session value is derived for.</summary>
internal sealed record AdminPage(string Path, string CookieName, string SessionName);

/// <summary>How a page asks for the key: the sign-in words in the reader's language, in the page's own styles.</summary>
internal sealed record SignInPrompt(SignInLabels Labels, string Css);

/// <summary>
/// Who may open an admin page (the dev inbox, the dashboard). They show customers' data or the business's
/// figures, so they take the admin key.
/// <para>
/// Why a key and a cookie rather than "loopback only": the standalone service is often reached through
/// a forwarded port (a container, a dev VM, an SSH tunnel), where every request looks local, so the
/// peer address proves nothing. A browser cannot send a Bearer header, so the key may arrive once, as
/// <c>?key=</c> (the link the start-up banner prints) or from the sign-in form's POST; the answer sets
/// an HttpOnly, SameSite=Strict cookie and redirects (303) to the same URL without the key, so the key
/// leaves the address bar at once. The cookie holds <see cref="AccessKeys.PageSession"/>, a value derived
/// from the admin key that opens this one page only. A Bearer admin key works too, for curl and tests.
/// The key is never logged: ASP.NET Core's request line (which has the query) is filtered out at start-up.
/// </para>
/// <para>
/// Behind the Functions host the browser reaches <c>/api/dashboard</c> while the route runs as <c>/dashboard</c>
/// with <c>/api</c> as the request's PathBase (see CustomHandler/InnerRequest.cs): the cookie path, the redirect and
/// the form action are built from <see cref="PublicPath"/>, so they name what the browser sees.
/// </para>
/// </summary>
internal static class PageAccess
{
    public const string KeyParameter = "key";

    /// <summary>Null when the request may see the page; otherwise what to answer instead.</summary>
    public static IResult? Check(HttpContext http, AdminPage page, SignInPrompt prompt)
    {
        var keys = http.RequestServices.GetRequiredService<AccessKeys>();
        if (http.Request.Query.TryGetValue(KeyParameter, out var inQuery)) return SignIn(http, page, inQuery.ToString(), prompt);
        if (PresentedKey.Read(http.Request.Headers.Authorization) is { } bearer)
            return keys.Identify(bearer) switch
            {
                KeyRole.Admin => null,
                KeyRole.Ingestion => Refuse(http, page, prompt, StatusCodes.Status403Forbidden, prompt.Labels.IngestionKey, "ingestion key on an admin page"),
                _ => Refuse(http, page, prompt, StatusCodes.Status401Unauthorized, prompt.Labels.WrongKey, "unknown key"),
            };
        var cookie = http.Request.Cookies[page.CookieName];
        if (keys.IsPageSession(page.SessionName, cookie)) return null;
        // A cookie from before the admin key changed: drop it, and ask again.
        if (cookie is not null) http.Response.Cookies.Delete(page.CookieName, Options(http, page));
        return Refuse(http, page, prompt, StatusCodes.Status401Unauthorized, null, "no key and no page cookie");
    }

    /// <summary>The key came from the query or the form: the admin key sets the cookie, anything else is refused.</summary>
    public static IResult SignIn(HttpContext http, AdminPage page, string presented, SignInPrompt prompt)
    {
        var keys = http.RequestServices.GetRequiredService<AccessKeys>();
        switch (presented.Length == 0 ? null : keys.Identify(presented))
        {
            case KeyRole.Admin:
                http.Response.Cookies.Append(page.CookieName, keys.PageSession(page.SessionName), Options(http, page));
                Log.PageSignedIn(Logger(http), page.Path);
                http.Response.Headers.Location = PublicPath(http.Request, page) + QueryWithoutKey(http.Request);
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case KeyRole.Ingestion:
                return Refuse(http, page, prompt, StatusCodes.Status403Forbidden, prompt.Labels.IngestionKey, "ingestion key on an admin page");
            default:
                return Refuse(http, page, prompt, StatusCodes.Status401Unauthorized, prompt.Labels.WrongKey, "unknown key");
        }
    }

    /// <summary><c>POST</c> of the sign-in form: the key from the form body, as <see cref="SignIn"/> takes it.</summary>
    public static async Task<IResult> SignInFromFormAsync(HttpContext http, AdminPage page, SignInPrompt prompt, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        return SignIn(http, page, form[KeyParameter].ToString(), prompt);
    }

    /// <summary>The page's path as the browser reaches it: behind a prefix (the Functions host's <c>/api</c>) or not.</summary>
    public static string PublicPath(HttpRequest request, AdminPage page) => request.PathBase.Add(page.Path).ToString();

    /// <summary>
    /// Session cookie (gone when the browser closes), scoped to the page's path, unreadable by script,
    /// never sent on a cross-site request; Secure whenever the request came over HTTPS.
    /// </summary>
    static CookieOptions Options(HttpContext http, AdminPage page) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = PublicPath(http.Request, page),
        IsEssential = true,
    };

    public static string QueryWithoutKey(HttpRequest request) =>
        QueryString.Create(request.Query.Where(q => !q.Key.Equals(KeyParameter, StringComparison.OrdinalIgnoreCase))).ToString();

    static IResult Refuse(HttpContext http, AdminPage page, SignInPrompt prompt, int status, string? problem, string reason)
    {
        Log.RequestRefused(Logger(http), "GET " + page.Path, status, reason);
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer realm=\"journeytriggers\"";
        var action = PublicPath(http.Request, page) + QueryWithoutKey(http.Request);
        return Results.Content(SignInForm.Render(prompt.Labels, prompt.Css, action, problem), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageAccess));
}
