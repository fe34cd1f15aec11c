using System.Text;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.DevInbox;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>GET /dev/inbox?customerId=&amp;limit=&amp;lang=</c>: the standalone outbox as a page, each email as its
/// recipient would see it and each push as a lock-screen notification. Admin only (<see cref="PageAccess"/>);
/// <c>POST /dev/inbox</c> is its sign-in form. It reads <see cref="IOutboxReader"/>, the local outbox that
/// only the standalone host keeps.
/// </summary>
internal static class DevInboxApi
{
    const int DefaultLimit = 50;
    const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapDevInboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(InboxPage.Path, GetInbox).ExcludeFromDescription();
        app.MapPost(InboxPage.Path, PostSignIn).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> GetInbox(HttpContext http, IOutboxReader outbox, CancellationToken cancellationToken)
    {
        InboxHeaders.Apply(http.Response);
        var labels = InboxLabels.For(http.Request);
        if (PageAccess.Check(http, InboxPage.Page, InboxPage.Prompt(labels)) is { } refusal) return refusal;
        await DecidedReads.WaitAsync(http);

        var customerId = http.Request.Query["customerId"].ToString().Trim();
        // A limit out of range or unreadable is clamped, not refused: this is a page, not an API.
        var limit = int.TryParse(http.Request.Query["limit"], out var asked) ? Math.Clamp(asked, 1, MaxLimit) : DefaultLimit;
        var filter = new InboxFilter(customerId.Length == 0 ? null : customerId, limit);
        var entries = await outbox.ListAsync(filter.CustomerId, limit, cancellationToken);
        var appName = http.RequestServices.GetService<MessageOptions>()?.SenderName ?? "JourneyTriggers";
        return Results.Content(InboxPage.List(entries, filter, labels, appName), "text/html; charset=utf-8", Encoding.UTF8);
    }

    public static async Task<IResult> PostSignIn(HttpContext http, CancellationToken cancellationToken)
    {
        InboxHeaders.Apply(http.Response);
        var labels = InboxLabels.For(http.Request);
        return await PageAccess.SignInFromFormAsync(http, InboxPage.Page, InboxPage.Prompt(labels), cancellationToken);
    }
}
