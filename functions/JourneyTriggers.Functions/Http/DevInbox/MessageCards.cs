using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>One outbox entry as a card: an email as its recipient's mail client shows it, a push as a lock-screen notification.</summary>
internal static class MessageCards
{
    static readonly InstantPattern Clock = InstantPattern.CreateWithInvariantCulture("HH':'mm");

    public static void Append(StringBuilder page, OutboxEntry entry, InboxLabels labels, string appName)
    {
        var kind = entry.Channel == Channel.Email ? "email" : "push";
        page.Append($"<article class=\"msg {kind}\" data-message-id=\"{Html.Encode(entry.MessageId)}\">");
        page.Append("<div class=\"msg-head\">")
            .Append($"<span class=\"chan\">{(entry.Channel == Channel.Email ? "✉" : "⚑")} {labels.Of(entry.Channel)}</span>")
            .Append($"<span class=\"badge s-{entry.Status.ToWire()}\">{Html.Encode(labels.Of(entry.Status))}</span>")
            .Append(Html.Time(entry.At)).Append("</div>");
        if (entry.Channel == Channel.Email) Email(page, entry, labels);
        else Push(page, entry, labels, appName);
        page.Append("</article>");
    }

    static void Email(StringBuilder page, OutboxEntry entry, InboxLabels labels)
    {
        page.Append($"<h2 class=\"subject\">{Html.Encode(entry.Subject)}</h2><dl class=\"meta\">");
        Row(page, labels.To, entry.To);
        Common(page, entry, labels);
        if (entry.Headers.TryGetValue("List-Unsubscribe", out var unsubscribe)) Row(page, labels.Unsubscribe, unsubscribe);
        page.Append("</dl>");
        if (entry.Html is { } html)
            // An empty sandbox: no scripts, no same-origin (an opaque origin: no cookies, no DOM of this
            // page), no forms, no popups, no top navigation. The page's CSP is inherited by the srcdoc
            // document as a second wall. Images still load (img-src), as in a mail client.
            page.Append($"<iframe class=\"mail\" sandbox referrerpolicy=\"no-referrer\" title=\"{Html.Encode(labels.EmailBody)}: {Html.Encode(entry.Subject)}\" srcdoc=\"{Html.Encode(html)}\"></iframe>");
        else page.Append($"<p class=\"empty\">{Html.Encode(labels.NoHtml)}</p>");
        page.Append($"<details class=\"text\"><summary>{Html.Encode(labels.PlainText)}</summary><pre>{Html.Encode(entry.Text)}</pre></details>");
        page.Append($"<details class=\"headers\"><summary>{Html.Encode(labels.Headers)}</summary><table>");
        foreach (var (name, value) in entry.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
            page.Append($"<tr><td>{Html.Encode(name)}</td><td>{Html.Encode(value)}</td></tr>");
        page.Append("</table></details>");
    }

    static void Push(StringBuilder page, OutboxEntry entry, InboxLabels labels, string appName)
    {
        var initial = appName.Length > 0 ? appName[..1] : "•";
        page.Append($"<div class=\"phone\"><div class=\"clock\">{Clock.Format(entry.At)}</div><div class=\"notif\">")
            .Append($"<div class=\"notif-top\"><span class=\"icon\">{Html.Encode(initial)}</span><span class=\"app\">{Html.Encode(appName)}</span><span>{Clock.Format(entry.At)}</span></div>")
            .Append($"<div class=\"notif-title\">{Html.Encode(entry.PushTitle)}</div>")
            .Append($"<div class=\"notif-body\">{Html.Encode(entry.PushBody)}</div></div></div><dl class=\"meta\">");
        // Shown as text, never as a link: a deep link is whatever the template produced, javascript: included.
        if (entry.PushDeepLink is { } link) page.Append($"<dt>{Html.Encode(labels.DeepLink)}</dt><dd><code>{Html.Encode(link)}</code></dd>");
        Common(page, entry, labels);
        page.Append("</dl>");
    }

    static void Common(StringBuilder page, OutboxEntry entry, InboxLabels labels)
    {
        Row(page, labels.Customer, entry.CustomerId ?? entry.AnonymousId);
        Row(page, labels.Journey, $"{entry.Trigger} · {labels.Step} {entry.Step} · {entry.Template} · {entry.Locale}");
        // Attempts matter only once a provider has refused (the outbox itself delivers in none).
        if (entry.Attempts > 1 || entry.LastError is not null) Row(page, labels.Attempts, entry.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (entry.LastError is { } error) Row(page, labels.LastError, error);
    }

    static void Row(StringBuilder page, string term, string? value)
    {
        if (value is not null) page.Append($"<dt>{Html.Encode(term)}</dt><dd>{Html.Encode(value)}</dd>");
    }
}
