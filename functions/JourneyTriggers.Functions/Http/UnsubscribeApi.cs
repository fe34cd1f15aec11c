using JourneyTriggers.Application.Ports;
using JourneyTriggers.Functions.Http.Unsubscribe;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// The links every email carries (DESIGN 4.8): no key, only the signed token. <c>GET</c> is the person
/// clicking and gets a page; <c>POST</c> is RFC 8058 one-click from the mail client
/// (body <c>List-Unsubscribe=One-Click</c>) and gets a bare status.
/// </summary>
internal static class UnsubscribeApi
{
    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/unsubscribe", GetUnsubscribe).AfterDecisions();
        app.MapPost("/unsubscribe", PostUnsubscribe).AfterDecisions();
        return app;
    }

    public static async Task<ContentHttpResult> GetUnsubscribe(string? token, EmailUnsubscribe unsubscribe, HttpResponse response, CancellationToken cancellationToken)
    {
        // The token sits in the URL: no caching, and no Referer carrying it to a linked site.
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        response.Headers.XContentTypeOptions = "nosniff";
        return await unsubscribe.ApplyAsync(token, cancellationToken) switch
        {
            UnsubscribeVerification.Valid => UnsubscribePages.Done(),
            UnsubscribeVerification.Expired => UnsubscribePages.Expired(),
            _ => UnsubscribePages.Invalid(),
        };
    }

    /// <summary>
    /// Mail providers post exactly <c>List-Unsubscribe=One-Click</c>; the body is not checked, since the
    /// signed token alone says who asked, and a stricter reading would only let some clients fail.
    /// </summary>
    public static async Task<Results<Ok, ProblemHttpResult>> PostUnsubscribe(string? token, EmailUnsubscribe unsubscribe, CancellationToken cancellationToken) =>
        await unsubscribe.ApplyAsync(token, cancellationToken) switch
        {
            UnsubscribeVerification.Valid => TypedResults.Ok(),
            UnsubscribeVerification.Expired => TypedResults.Problem("The unsubscribe link has expired; nothing was changed.", statusCode: StatusCodes.Status410Gone),
            _ => TypedResults.Problem("The unsubscribe link is not valid; nothing was changed.", statusCode: StatusCodes.Status400BadRequest),
        };
}
