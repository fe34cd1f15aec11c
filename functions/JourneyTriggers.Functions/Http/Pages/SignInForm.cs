using System.Text;
using JourneyTriggers.Functions.Http.DevInbox;

namespace JourneyTriggers.Functions.Http.Pages;

/// <summary>An admin page's sign-in words, in the reader's language.</summary>
internal sealed record SignInLabels(string Code, string Title, string Hint, string AdminKey, string SignIn, string WrongKey, string IngestionKey);

/// <summary>
/// The one sign-in form of every admin page: it posts the key back to the page it guards (so the key never sits in
/// a URL), in that page's language and styles. Every text goes through <see cref="Html.Encode"/>.
/// </summary>
internal static class SignInForm
{
    /// <param name="action">Where the browser posts the key: the page's own path and query, as the browser reaches it.</param>
    public static string Render(SignInLabels labels, string css, string action, string? problem)
    {
        var page = new StringBuilder()
            .Append($"<!doctype html><html lang=\"{labels.Code}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            // An empty icon, so the browser does not ask for /favicon.ico (a 404 in the console).
            .Append("<link rel=\"icon\" href=\"data:,\">")
            .Append($"<title>{Html.Encode(labels.Title)} · JourneyTriggers</title><style>{css}</style></head><body>")
            .Append($"<form class=\"signin\" method=\"post\" action=\"{Html.Encode(action)}\">")
            .Append($"<h1>{Html.Encode(labels.Title)}</h1><p>{Html.Encode(labels.Hint)}</p>");
        if (problem is not null) page.Append($"<p class=\"error\" role=\"alert\">{Html.Encode(problem)}</p>");
        return page.Append($"<label>{Html.Encode(labels.AdminKey)}<input type=\"password\" name=\"key\" autocomplete=\"current-password\" required autofocus></label>")
            .Append($"<button>{Html.Encode(labels.SignIn)}</button></form></body></html>")
            .ToString();
    }
}
