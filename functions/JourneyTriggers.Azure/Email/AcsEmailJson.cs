using Azure;
using System.Text.Json;

namespace JourneyTriggers.Azure.Email;

/// <summary>The wire shapes of the Email REST API: the EmailMessage body, EmailSendResult and the common ErrorResponse.</summary>
internal static class AcsEmailJson
{
    public static byte[] Message(AcsEmailMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("senderAddress", message.SenderAddress);
            json.WriteStartObject("content");
            json.WriteString("subject", message.Subject);
            json.WriteString("plainText", message.PlainText);
            json.WriteString("html", message.Html);
            json.WriteEndObject();
            json.WriteStartObject("recipients");
            json.WriteStartArray("to");
            json.WriteStartObject();
            json.WriteString("address", message.RecipientAddress);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            if (message.Headers.Count > 0)
            {
                json.WriteStartObject("headers");
                foreach (var (name, value) in message.Headers) json.WriteString(name, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>An EmailSendResult body; a body without an id or status is a protocol error, not a result.</summary>
    public static EmailSendResult Result(BinaryData body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(status))
                throw new RequestFailedException(0, "The Email service answered without an operation id or status.", ProtocolErrorCode, null);
            var (code, message) = root.TryGetProperty("error", out var error) ? Error(error) : (null, null);
            return new EmailSendResult(id, new EmailSendStatus(status), code, message);
        }
        catch (JsonException e)
        {
            throw new RequestFailedException(0, "The Email service answered with a body that is not JSON.", ProtocolErrorCode, e);
        }
    }

    /// <summary>The code and message of an ErrorResponse body (<c>{"error":{"code","message"}}</c>), when it is one.</summary>
    public static (string? Code, string? Message) ErrorOf(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? Error(error)
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public const string ProtocolErrorCode = "UnexpectedResponse";

    static (string? Code, string? Message) Error(JsonElement error) =>
        error.ValueKind != JsonValueKind.Object
            ? (null, null)
            : (Text(error, "code"), Text(error, "message"));

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
