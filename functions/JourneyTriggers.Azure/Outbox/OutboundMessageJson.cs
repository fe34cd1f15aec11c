using System.Text.Json;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime.Text;

namespace JourneyTriggers.Azure.Outbox;

/// <summary>
/// A rendered reminder as JSON, both in a customer document's pending work and in the outbox blob:
/// <c>{"messageId","customerKey","channel","trigger","step","template","locale","at","email"|"push"}</c>.
/// </summary>
internal static class OutboundMessageJson
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;

    public static void Write(Utf8JsonWriter json, OutboundMessage message)
    {
        json.WriteStartObject();
        json.WriteString("messageId"u8, message.MessageId);
        json.WriteString("customerKey"u8, message.Customer.Value);
        json.WriteString("channel"u8, message.Channel.ToWire());
        json.WriteString("trigger"u8, message.Trigger);
        json.WriteNumber("step"u8, message.Step);
        json.WriteString("template"u8, message.Template);
        json.WriteString("locale"u8, message.Locale);
        json.WriteString("at"u8, Instants.Format(message.At));
        if (message.Email is { } email)
        {
            json.WriteStartObject("email"u8);
            json.WriteString("to"u8, email.To);
            json.WriteString("subject"u8, email.Subject);
            json.WriteString("html"u8, email.Html);
            json.WriteString("text"u8, email.Text);
            json.WriteStartObject("headers"u8);
            foreach (var (name, value) in email.Headers) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        if (message.Push is { } push)
        {
            json.WriteStartObject("push"u8);
            json.WriteStartArray("installationIds"u8);
            foreach (var id in push.InstallationIds) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteString("title"u8, push.Title);
            json.WriteString("body"u8, push.Body);
            if (push.DeepLink is { } link) json.WriteString("deepLink"u8, link);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; anything else is a <see cref="JsonException"/> naming the field.</summary>
    public static OutboundMessage Read(JsonElement json) => new(
        Text(json, "messageId"),
        new ProfileKey(Text(json, "customerKey")),
        Text(json, "channel") switch
        {
            "email" => Channel.Email,
            "push" => Channel.Push,
            var other => throw new JsonException($"'channel' has an unknown value '{other}'."),
        },
        Text(json, "trigger"),
        Field(json, "step").TryGetInt32(out var step) ? step : throw new JsonException("'step' must be a whole number."),
        Text(json, "template"),
        Text(json, "locale"),
        Instants.Parse(Text(json, "at")).GetValueOrThrow(),
        json.TryGetProperty("email"u8, out var email) ? ReadEmail(email) : null,
        json.TryGetProperty("push"u8, out var push) ? ReadPush(push) : null);

    static EmailContent ReadEmail(JsonElement email) => new(
        Text(email, "to"),
        Text(email, "subject"),
        Text(email, "html"),
        Text(email, "text"),
        Field(email, "headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString() ?? ""));

    static PushContent ReadPush(JsonElement push) => new(
        Field(push, "installationIds").EnumerateArray().Select(id => id.GetString() ?? "").ToList(),
        Text(push, "title"),
        Text(push, "body"),
        push.TryGetProperty("deepLink"u8, out var link) ? link.GetString() : null);

    static JsonElement Field(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value : throw new JsonException($"'{name}' is missing.");

    static string Text(JsonElement json, string name) =>
        Field(json, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new JsonException($"'{name}' must be a string.");
}
