using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// A refused batch as a <see cref="RequestFailedException"/>: the status, the service's error code, and its
/// detail, which the REST API sends as <c>&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Detail&gt;…&lt;/Detail&gt;&lt;/Error&gt;</c>
/// (a tracking id inside; never a key or an event body). The exception keeps the response, so a caller can
/// read its <c>Retry-After</c>; the first line of its message is ours and says what the status means.
/// </summary>
internal sealed class EventHubsFailure(string hub, int events) : RequestFailedDetailsParser
{
    const int MaxDetail = 500;

    public static RequestFailedException From(Response response, string hub, int events) =>
        new(response, null, new EventHubsFailure(hub, events));

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        var (code, detail) = Read(response.Content.ToString());
        code ??= DefaultCode(response.Status);
        var meaning = response.Status switch
        {
            401 => "the credential was refused: check the shared access key, or that the identity may sign in",
            403 => "the identity or key may not send to this hub: it needs the Azure Event Hubs Data Sender role, or a Send rule",
            404 => "no such hub in this namespace",
            413 => "the batch is larger than the hub takes",
            429 or 503 => "the hub is throttling or busy",
            _ => "the hub refused the batch",
        };
        var message = $"Event Hubs answered {response.Status} ({code}) to a batch of {events} event(s) for hub '{hub}': {meaning}." +
            (detail is null ? "" : " Detail: " + detail);
        error = new ResponseError(code, message);
        return true;
    }

    static (string? Code, string? Detail) Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null);
        try
        {
            var error = XDocument.Parse(body).Root;
            if (error is not null && error.Name.LocalName == "Error")
                return (Text(error.Element("Code")?.Value), Text(error.Element("Detail")?.Value));
        }
        catch (XmlException)
        {
        }
        return (null, Text(body));
    }

    static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= MaxDetail ? value.Trim() : value[..MaxDetail].Trim() + "…";

    static string DefaultCode(int status) => status switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        413 => "MessageSizeExceeded",
        429 => "Throttled",
        503 => "ServerBusy",
        _ => "Status" + status,
    };
}
