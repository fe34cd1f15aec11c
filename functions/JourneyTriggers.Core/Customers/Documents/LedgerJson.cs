using System.Text.Json;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// The sent-message ledger, oldest first: <c>{"at", "trigger", "step", "branch", "variant",
/// "channel", "messageId", "holdout", "attributionWindow", "outcomeRecorded", "converted", "journeyStartedAt"}</c> — the
/// step path and channel in the effects' shape, <c>holdout</c>, <c>outcomeRecorded</c> and <c>converted</c> only when true,
/// <c>journeyStartedAt</c> only when known, the window as ISO 8601.
/// </summary>
internal static class LedgerJson
{
    public static void Write(Utf8JsonWriter json, SentMessageLedger ledger)
    {
        if (ledger.Entries.IsEmpty) return;
        json.WriteStartArray("ledger"u8);
        foreach (var sent in ledger.Entries)
        {
            json.WriteStartObject();
            DocumentWrite.Instant(json, "at"u8, sent.At);
            EffectWireFormat.WritePath(json, sent.Path);
            json.WriteString("channel"u8, sent.Channel.ToWire());
            json.WriteString("messageId"u8, sent.MessageId);
            if (sent.Holdout) json.WriteBoolean("holdout"u8, true);
            DocumentDurations.Write(json, "attributionWindow"u8, sent.AttributionWindow);
            if (sent.OutcomeRecorded) json.WriteBoolean("outcomeRecorded"u8, true);
            if (sent.Converted) json.WriteBoolean("converted"u8, true);
            DocumentWrite.OptionalInstant(json, "journeyStartedAt"u8, sent.JourneyStartedAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static SentMessageLedger Read(JsonElement document)
    {
        var entries = WireJson.Array(document, "ledger"u8, ReadEntry);
        return entries.IsEmpty ? SentMessageLedger.Empty : new SentMessageLedger(entries);
    }

    static SentMessage ReadEntry(JsonElement item)
    {
        var e = WireJson.Object(item, "ledger entry");
        return new SentMessage(WireJson.Instant(e, "at"u8), EffectWireFormat.ReadPath(e), EffectWireFormat.ChannelField(e),
            WireJson.String(e, "messageId"u8), WireJson.Flag(e, "holdout"u8),
            DocumentDurations.Read(WireJson.Required(e, "attributionWindow"u8), "attributionWindow"), WireJson.Flag(e, "outcomeRecorded"u8),
            WireJson.Flag(e, "converted"u8), WireJson.OptionalInstant(e, "journeyStartedAt"u8));
    }
}
