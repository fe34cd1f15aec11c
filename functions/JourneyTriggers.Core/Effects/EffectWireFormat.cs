using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Configuration;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// The JSON form of an effect (DESIGN 4.4): one object, fields always in the same order, so the same
/// effects give the same bytes on every run and every host. The reader beside this file reads the
/// same shape back (customer documents keep their timeline in it).
/// </summary>
public static partial class EffectWireFormat
{
    /// <summary>
    /// How an effect line is escaped wherever one is written (<c>simulate</c>'s output, the effect logs): names in any
    /// script stay readable rather than \u-escaped, so a logged line reads like a simulated one.
    /// </summary>
    public static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One effect as the text of an effect line, for a host that logs each effect as a row: a reused buffer and
    /// writer, as a saved decision logs several.
    /// </summary>
    public static string ToLine(Effect effect) =>
        ReusedJsonWriter<Effect>.ToText(LineOptions, effect, static (json, effect) => Write(json, effect));

    public static void Write(Utf8JsonWriter json, Effect effect)
    {
        json.WriteStartObject();
        WireInstants.Write(json, "at"u8, effect.At);
        json.WriteString("type"u8, effect.WireName);
        if (effect.Customer.CustomerId is { } customerId) json.WriteString("customerId"u8, customerId);
        else if (effect.Customer.AnonymousId is { } anonymousId) json.WriteString("anonymousId"u8, anonymousId);
        switch (effect)
        {
            case JourneyEntered e:
                json.WriteString("trigger"u8, e.Trigger);
                break;
            case ExitJourney e:
                json.WriteString("trigger"u8, e.Trigger);
                json.WriteString("reason"u8, e.Reason.ToWire());
                break;
            case SendReminder e:
                WritePath(json, e.Path);
                json.WriteString("channel"u8, e.Channel.ToWire());
                json.WriteString("template"u8, e.Template);
                json.WriteString("messageId"u8, e.MessageId);
                break;
            case DeferReminder e:
                WritePath(json, e.Path);
                WireInstants.Write(json, "until"u8, e.Until);
                break;
            case SuppressReminder e:
                WritePath(json, e.Path);
                json.WriteString("reason"u8, e.Reason.ToWire());
                if (e.Channel is { } channel) json.WriteString("channel"u8, channel.ToWire());
                if (e.Template is { } template) json.WriteString("template"u8, template);
                if (e.MessageId is { } messageId) json.WriteString("messageId"u8, messageId);
                break;
            case SkipStep e:
                WritePath(json, e.Path);
                json.WriteString("reason"u8, SkipStep.NoMatchingBranch);
                break;
            case RecordConversion e:
                WritePath(json, e.Path);
                json.WriteString("channel"u8, e.Channel.ToWire());
                json.WriteString("orderId"u8, e.OrderId);
                json.WriteNumber("revenue"u8, e.Revenue);
                if (e.Currency is { } currency) json.WriteString("currency"u8, currency);
                json.WriteString("messageId"u8, e.MessageId);
                if (e.Holdout) json.WriteBoolean("holdout"u8, true);
                break;
            case RecordDelivered e:
                WritePath(json, e.Path);
                json.WriteString("channel"u8, e.Channel.ToWire());
                json.WriteString("messageId"u8, e.MessageId);
                if (e.ProviderMessageId is { } providerMessageId) json.WriteString("providerMessageId"u8, providerMessageId);
                break;
            case RecordDeliveryFailed e:
                WritePath(json, e.Path);
                json.WriteString("channel"u8, e.Channel.ToWire());
                json.WriteString("messageId"u8, e.MessageId);
                json.WriteString("reason"u8, e.Reason);
                break;
            case RecordDeliveryUnknown e:
                WritePath(json, e.Path);
                json.WriteString("channel"u8, e.Channel.ToWire());
                json.WriteString("messageId"u8, e.MessageId);
                json.WriteString("reason"u8, e.Reason);
                break;
            case RejectTouchpoint e:
                if (e.EventId is { } eventId) json.WriteString("eventId"u8, eventId);
                json.WriteString("reason"u8, e.Reason);
                break;
            case ArmTimer e:
                json.WriteString("trigger"u8, e.Trigger);
                json.WriteNumber("token"u8, e.Token.Value);
                WireInstants.Write(json, "dueAt"u8, e.DueAt);
                break;
            default:
                throw new ArgumentException($"No wire format for {effect.GetType().Name}.", nameof(effect));
        }
        json.WriteEndObject();
    }

    /// <summary>A step path's fields, inline in the enclosing object (effects, ledger entries, deferred choices).</summary>
    internal static void WritePath(Utf8JsonWriter json, StepPath path)
    {
        json.WriteString("trigger"u8, path.Trigger);
        json.WriteNumber("step"u8, path.Step);
        if (path.Branch is { } branch) json.WriteString("branch"u8, branch);
        if (path.Variant is { } variant) json.WriteString("variant"u8, variant);
    }
}
