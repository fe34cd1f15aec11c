using System.Text;
using System.Text.Json;
using System.Xml;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// A notification in its platform's native shape, with the headers Notification Hubs needs to pass
/// it on: the format, the content type and the platform's own headers.
/// <list type="bullet">
/// <item>apns (format <c>apple</c>): <c>{"aps":{"alert":{"title","body"},"sound":"default"},"deepLink","messageId"}</c>, <c>apns-push-type: alert</c>;</item>
/// <item>fcmv1: <c>{"message":{"notification":{"title","body"},"data":{"deepLink","messageId"}}}</c> (FCM data values are strings);</item>
/// <item>wns (format <c>windows</c>): a toast, <c>&lt;toast launch="…"&gt;&lt;visual&gt;&lt;binding template="ToastGeneric"&gt;&lt;text&gt;title&lt;/text&gt;&lt;text&gt;body&lt;/text&gt;…</c>, <c>X-WNS-Type: wns/toast</c>.</item>
/// </list>
/// </summary>
public sealed record NotificationPayload(string Format, string ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    const string Json = "application/json;charset=utf-8";
    const string Xml = "application/xml;charset=utf-8";

    public static NotificationPayload For(PushNotification notification) => notification.Platform switch
    {
        PushPlatform.Apns => new("apple", Json, Apple(notification), new Dictionary<string, string> { ["apns-push-type"] = "alert", ["apns-priority"] = "10" }),
        PushPlatform.FcmV1 => new("fcmv1", Json, FcmV1(notification), new Dictionary<string, string>()),
        PushPlatform.Wns => new("windows", Xml, WnsToast(notification), new Dictionary<string, string> { ["X-WNS-Type"] = "wns/toast" }),
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Platform, "Unknown push platform."),
    };

    static byte[] Apple(PushNotification n) => WriteJson(json =>
    {
        json.WriteStartObject("aps"u8);
        json.WriteStartObject("alert"u8);
        json.WriteString("title"u8, n.Title);
        json.WriteString("body"u8, n.Body);
        json.WriteEndObject();
        json.WriteString("sound"u8, "default");
        json.WriteEndObject();
        if (n.DeepLink is { } link) json.WriteString("deepLink"u8, link);
        json.WriteString("messageId"u8, n.MessageId);
    });

    static byte[] FcmV1(PushNotification n) => WriteJson(json =>
    {
        json.WriteStartObject("message"u8);
        json.WriteStartObject("notification"u8);
        json.WriteString("title"u8, n.Title);
        json.WriteString("body"u8, n.Body);
        json.WriteEndObject();
        json.WriteStartObject("data"u8);
        if (n.DeepLink is { } link) json.WriteString("deepLink"u8, link);
        json.WriteString("messageId"u8, n.MessageId);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    static byte[] WriteJson(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The deep link rides in <c>launch</c>, which Windows hands to the app when the toast is tapped.</summary>
    static byte[] WnsToast(PushNotification n)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("toast");
            xml.WriteAttributeString("launch", n.DeepLink ?? "");
            xml.WriteStartElement("visual");
            xml.WriteStartElement("binding");
            xml.WriteAttributeString("template", "ToastGeneric");
            xml.WriteElementString("text", n.Title);
            xml.WriteElementString("text", n.Body);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }
}
