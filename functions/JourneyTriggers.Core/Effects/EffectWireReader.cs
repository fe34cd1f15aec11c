using System.Text.Json;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Core.Effects;

/// <summary>
/// Reads back what <see cref="Write"/> writes, field for field: <c>Read</c> of <c>Write(e)</c> equals
/// <c>e</c> for every effect type. Enum values are matched against the writer's own wire names, so
/// the two sides cannot drift apart.
/// </summary>
public static partial class EffectWireFormat
{
    static readonly Channel[] Channels = Enum.GetValues<Channel>();
    static readonly ExitReason[] ExitReasons = Enum.GetValues<ExitReason>();
    static readonly SuppressionReason[] SuppressionReasons = Enum.GetValues<SuppressionReason>();

    /// <summary>
    /// The effect <paramref name="json"/> describes. Text this format never writes (an unknown type,
    /// a missing or mistyped field) is a <see cref="JsonException"/>. An effect carries one customer
    /// id on the wire — the known one when it has both — as every effect the engine makes does.
    /// </summary>
    public static Effect Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new JsonException($"An effect must be a JSON object, got {json.ValueKind}.");
        var at = WireJson.Instant(json, "at"u8);
        var customer = new CustomerRef(WireJson.OptionalString(json, "customerId"u8), WireJson.OptionalString(json, "anonymousId"u8));
        var type = WireJson.Required(json, "type"u8);

        if (type.ValueEquals("message.sent"u8))
            return new SendReminder(at, customer, ReadPath(json), ChannelField(json),
                WireJson.String(json, "template"u8), WireJson.String(json, "messageId"u8));
        if (type.ValueEquals("journey.entered"u8))
            return new JourneyEntered(at, customer, WireJson.String(json, "trigger"u8));
        if (type.ValueEquals("journey.exited"u8))
            return new ExitJourney(at, customer, WireJson.String(json, "trigger"u8),
                WireJson.OneOfField(json, "reason"u8, ExitReasons, ExitReasonNames.ToWire));
        if (type.ValueEquals("message.suppressed"u8))
            return new SuppressReminder(at, customer, ReadPath(json),
                WireJson.OneOfField(json, "reason"u8, SuppressionReasons, SuppressionReasonNames.ToWire),
                WireJson.TryGet(json, "channel"u8, out var channel) ? ReadChannel(channel) : null,
                WireJson.OptionalString(json, "template"u8), WireJson.OptionalString(json, "messageId"u8));
        if (type.ValueEquals("message.deferred"u8))
            return new DeferReminder(at, customer, ReadPath(json), WireJson.Instant(json, "until"u8));
        if (type.ValueEquals("step.skipped"u8))
            return new SkipStep(at, customer, ReadPath(json));
        if (type.ValueEquals("conversion"u8))
            return new RecordConversion(at, customer, ReadPath(json), ChannelField(json), WireJson.String(json, "messageId"u8),
                WireJson.String(json, "orderId"u8), WireJson.Decimal(json, "revenue"u8), WireJson.OptionalString(json, "currency"u8),
                WireJson.Flag(json, "holdout"u8));
        if (type.ValueEquals("message.delivered"u8))
            return new RecordDelivered(at, customer, ReadPath(json), ChannelField(json), WireJson.String(json, "messageId"u8),
                WireJson.OptionalString(json, "providerMessageId"u8));
        if (type.ValueEquals("message.failed"u8))
            return new RecordDeliveryFailed(at, customer, ReadPath(json), ChannelField(json), WireJson.String(json, "messageId"u8),
                WireJson.String(json, "reason"u8));
        if (type.ValueEquals("message.unknown"u8))
            return new RecordDeliveryUnknown(at, customer, ReadPath(json), ChannelField(json), WireJson.String(json, "messageId"u8),
                WireJson.String(json, "reason"u8));
        if (type.ValueEquals("event.rejected"u8))
            return new RejectTouchpoint(at, customer, WireJson.OptionalString(json, "eventId"u8), WireJson.String(json, "reason"u8));
        if (type.ValueEquals("timer.armed"u8))
            return new ArmTimer(at, customer, WireJson.String(json, "trigger"u8), new TimerToken(WireJson.Int64(json, "token"u8)),
                WireJson.Instant(json, "dueAt"u8));
        throw new JsonException($"Unknown effect type {type.GetRawText()}.");
    }

    /// <summary>The step path <see cref="WritePath"/> wrote inline in <paramref name="json"/>.</summary>
    internal static StepPath ReadPath(JsonElement json) => new(
        WireJson.String(json, "trigger"u8), WireJson.Int32(json, "step"u8),
        WireJson.OptionalString(json, "branch"u8), WireJson.OptionalString(json, "variant"u8));

    /// <summary>The object's <c>channel</c> field.</summary>
    internal static Channel ChannelField(JsonElement json) => ReadChannel(WireJson.Required(json, "channel"u8));

    /// <summary>A channel value, as a field or as an item of a channel list.</summary>
    internal static Channel ReadChannel(JsonElement value) => WireJson.OneOf(value, "channel"u8, Channels, ChannelNames.ToWire);
}
