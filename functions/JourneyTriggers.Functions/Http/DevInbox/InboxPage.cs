using System.Text;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Functions.Http.Auth;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>What the filter form holds, echoed back into the form and the language links.</summary>
internal sealed record InboxFilter(string? CustomerId, int Limit);

/// <summary>The server-rendered pages of the dev inbox: the list of messages, and the sign-in form.</summary>
internal static class InboxPage
{
    public const string Path = "/dev/inbox";

    public static readonly AdminPage Page = new(Path, "jt_inbox", "dev-inbox");

    public static SignInPrompt Prompt(InboxLabels labels) => new(labels.SignInWords, InboxStyles.Css);

    public static string List(IReadOnlyList<OutboxEntry> entries, InboxFilter filter, InboxLabels labels, string appName)
    {
        var page = Start(labels, labels.Title);
        page.Append("<header class=\"top\"><nav class=\"lang\">")
            .Append($"<a href=\"{Link(filter, "th")}\" lang=\"th\">ไทย</a> · <a href=\"{Link(filter, "en")}\" lang=\"en\">English</a></nav>")
            .Append($"<h1>{Html.Encode(labels.Title)}</h1><p>{Html.Encode(labels.Intro)}<br>{entries.Count} {Html.Encode(labels.Messages)} · {Html.Encode(labels.NewestFirst)}</p>")
            .Append($"<form class=\"filter\" method=\"get\" action=\"{Path}\">")
            .Append($"<label>{Html.Encode(labels.Customer)}<input name=\"customerId\" value=\"{Html.Encode(filter.CustomerId)}\" autocomplete=\"off\"></label>")
            .Append($"<label>{Html.Encode(labels.Limit)}<input type=\"number\" name=\"limit\" min=\"1\" max=\"500\" value=\"{filter.Limit}\"></label>")
            .Append($"<input type=\"hidden\" name=\"lang\" value=\"{labels.Code}\"><button>{Html.Encode(labels.Filter)}</button>")
            .Append($"<a href=\"{Link(filter with { CustomerId = null }, labels.Code)}\">{Html.Encode(labels.ShowAll)}</a></form></header><main>");
        if (entries.Count == 0) page.Append($"<p class=\"empty\">{Html.Encode(labels.Empty)}</p>");
        foreach (var entry in entries) MessageCards.Append(page, entry, labels, appName);
        return page.Append("</main></body></html>").ToString();
    }

    static StringBuilder Start(InboxLabels labels, string title) => new StringBuilder()
        .Append($"<!doctype html><html lang=\"{labels.Code}\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
        // An empty icon, so the browser does not ask for /favicon.ico (a 404 in the console).
        .Append("<link rel=\"icon\" href=\"data:,\">")
        .Append($"<title>{Html.Encode(title)} · JourneyTriggers</title><style>{InboxStyles.Css}</style></head><body>");

    static string Link(InboxFilter filter, string lang)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrEmpty(filter.CustomerId)) query.Add(new("customerId", filter.CustomerId));
        query.Add(new("limit", filter.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        query.Add(new("lang", lang));
        return Html.Encode(Path + QueryString.Create(query));
    }
}
