using System.Text.Json;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Azure.Outbox;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using NodaTime.Text;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// <see cref="PendingWork"/> in the customer document, an array of steps that each say what to do:
/// <code>
/// "pending": [
///   {"do":"arm","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-22T11:00:00Z"},
///   {"do":"deliver","message":{…}},
///   {"do":"log","blob":"2026-11-22/c-42/0193….ndjson","effects":[{…},…]},
///   {"do":"install","customer":"c-42","installationId":"i-1","platform":"fcmv1","pushChannel":"…"},
///   {"do":"uninstall","installationId":"i-2"}
///   {"do":"tally","blob":"tallies/2026-11-22/0193….json","tally":{"version":1,"rows":[…]}}
/// ]
/// </code>
/// <c>CustomerDocument</c> ignores the field; the array is emptied after every change, so it never grows.
/// </summary>
internal static class PendingWorkJson
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;

    public static void Write(Utf8JsonWriter json, PendingWork work)
    {
        json.WriteStartArray("pending"u8);
        foreach (var timer in work.Timers)
        {
            json.WriteStartObject();
            json.WriteString("do"u8, "arm"u8);
            json.WriteString("trigger"u8, timer.Trigger);
            json.WriteNumber("token"u8, timer.Token.Value);
            json.WriteString("dueAt"u8, Instants.Format(timer.DueAt));
            json.WriteEndObject();
        }
        foreach (var message in work.Messages)
        {
            json.WriteStartObject();
            json.WriteString("do"u8, "deliver"u8);
            json.WritePropertyName("message"u8);
            OutboundMessageJson.Write(json, message);
            json.WriteEndObject();
        }
        foreach (var sync in work.Installations) WriteInstallation(json, sync);
        if (work.Effects is { } batch)
        {
            json.WriteStartObject();
            json.WriteString("do"u8, "log"u8);
            json.WriteString("blob"u8, batch.BlobName);
            json.WriteStartArray("effects"u8);
            foreach (var effect in batch.Effects) EffectWireFormat.Write(json, effect);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        foreach (var tally in work.Tallies)
        {
            json.WriteStartObject();
            json.WriteString("do"u8, "tally"u8);
            json.WriteString("blob"u8, tally.BlobName);
            json.WritePropertyName("tally"u8);
            MetricsTallyJson.Write(json, tally.Tally);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The pending work in a stored item; none when the field is absent.</summary>
    public static PendingWork Read(JsonElement item)
    {
        if (!item.TryGetProperty("pending"u8, out var pending) || pending.ValueKind == JsonValueKind.Null) return PendingWork.None;
        if (pending.ValueKind != JsonValueKind.Array) throw new JsonException("'pending' must be an array.");
        var timers = new List<TimerDue>();
        var messages = new List<OutboundMessage>();
        EffectBatch? effects = null;
        var installations = new List<InstallationSync>();
        var tallies = new List<TallyBlob>();
        foreach (var step in pending.EnumerateArray())
        {
            var action = step.TryGetProperty("do"u8, out var value) ? value.GetString() : null;
            switch (action)
            {
                case "arm":
                    timers.Add(new TimerDue(
                        step.GetProperty("trigger"u8).GetString()!,
                        new TimerToken(step.GetProperty("token"u8).GetInt64()),
                        Instants.Parse(step.GetProperty("dueAt"u8).GetString()!).GetValueOrThrow()));
                    break;
                case "deliver":
                    messages.Add(OutboundMessageJson.Read(step.GetProperty("message"u8)));
                    break;
                case "log":
                    effects = new EffectBatch(
                        step.GetProperty("blob"u8).GetString()!,
                        step.GetProperty("effects"u8).EnumerateArray().Select(EffectWireFormat.Read).ToList());
                    break;
                case "install":
                    installations.Add(new InstallationSync.Upsert(
                        new ProfileKey(step.GetProperty("customer"u8).GetString()!),
                        new PushInstallation(step.GetProperty("installationId"u8).GetString()!, OptionalText(step, "platform"), OptionalText(step, "pushChannel"))));
                    break;
                case "uninstall":
                    installations.Add(new InstallationSync.Delete(step.GetProperty("installationId"u8).GetString()!));
                    break;
                case "tally":
                    tallies.Add(new TallyBlob(step.GetProperty("blob"u8).GetString()!, MetricsTallyJson.Read(step.GetProperty("tally"u8))));
                    break;
                default:
                    throw new JsonException($"A pending step has an unknown 'do': '{action}'.");
            }
        }
        return new PendingWork(timers, messages, effects, tallies) { Installations = installations };
    }

    static void WriteInstallation(Utf8JsonWriter json, InstallationSync sync)
    {
        json.WriteStartObject();
        switch (sync)
        {
            case InstallationSync.Upsert upsert:
                json.WriteString("do"u8, "install"u8);
                json.WriteString("customer"u8, upsert.Customer.Value);
                json.WriteString("installationId"u8, upsert.Installation.InstallationId);
                if (upsert.Installation.Platform is { } platform) json.WriteString("platform"u8, platform);
                if (upsert.Installation.PushChannel is { } channel) json.WriteString("pushChannel"u8, channel);
                break;
            case InstallationSync.Delete delete:
                json.WriteString("do"u8, "uninstall"u8);
                json.WriteString("installationId"u8, delete.InstallationId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sync), sync, "Unknown installation change.");
        }
        json.WriteEndObject();
    }

    static string? OptionalText(JsonElement step, string name) =>
        step.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
