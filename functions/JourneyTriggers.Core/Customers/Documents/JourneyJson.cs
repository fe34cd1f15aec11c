using System.Text.Json;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// One journey slot per trigger, in the document's order. The closed union is tagged by
/// <c>"state"</c>: <c>idle</c> has nothing more; <c>armed</c> has <c>step</c>, <c>dueAt</c>,
/// <c>token</c> and <c>run</c>; <c>deferred</c> has <c>step</c>, <c>until</c>, <c>token</c>,
/// <c>run</c> and the <c>choice</c> made when the step came due (its path in the effects' shape,
/// plus <c>channels</c> and <c>template</c>). <c>lastStartedAt</c> closes every slot. The armed
/// token and instant are what a wake-up is checked against (DESIGN 4.5).
/// </summary>
internal static class JourneyJson
{
    public static void Write(Utf8JsonWriter json, TriggerJourney journey)
    {
        json.WriteStartObject();
        json.WriteString("trigger"u8, journey.Trigger);
        switch (journey.State)
        {
            case JourneyState.Idle:
                json.WriteString("state"u8, "idle"u8);
                break;
            case JourneyState.Armed armed:
                json.WriteString("state"u8, "armed"u8);
                json.WriteNumber("step"u8, armed.Step);
                DocumentWrite.Instant(json, "dueAt"u8, armed.DueAt);
                json.WriteNumber("token"u8, armed.Token.Value);
                WriteRun(json, armed.Run);
                break;
            case JourneyState.Deferred deferred:
                json.WriteString("state"u8, "deferred"u8);
                json.WriteNumber("step"u8, deferred.Step);
                DocumentWrite.Instant(json, "until"u8, deferred.Until);
                json.WriteNumber("token"u8, deferred.Token.Value);
                WriteRun(json, deferred.Run);
                WriteChoice(json, deferred.Choice);
                break;
            default:
                throw new ArgumentException($"Unknown journey state {journey.State.GetType().Name}.", nameof(journey));
        }
        DocumentWrite.OptionalInstant(json, "lastStartedAt"u8, journey.LastStartedAt);
        json.WriteEndObject();
    }

    public static TriggerJourney Read(JsonElement item)
    {
        var j = WireJson.Object(item, "journey");
        var state = WireJson.Required(j, "state"u8);
        JourneyState journeyState =
            state.ValueEquals("idle"u8) ? JourneyState.Idle.Instance
            : state.ValueEquals("armed"u8) ? new JourneyState.Armed(ReadRun(j), WireJson.Int32(j, "step"u8), WireJson.Instant(j, "dueAt"u8), ReadToken(j))
            : state.ValueEquals("deferred"u8) ? new JourneyState.Deferred(ReadRun(j), WireJson.Int32(j, "step"u8), WireJson.Instant(j, "until"u8), ReadToken(j), ReadChoice(j))
            : throw new JsonException($"Unknown journey state {state.GetRawText()}.");
        return new TriggerJourney(WireJson.String(j, "trigger"u8), journeyState, WireJson.OptionalInstant(j, "lastStartedAt"u8));
    }

    static void WriteRun(Utf8JsonWriter json, JourneyRun run)
    {
        json.WriteStartObject("run"u8);
        DocumentWrite.Instant(json, "startedAt"u8, run.StartedAt);
        DocumentWrite.OptionalInstant(json, "previousStepResolvedAt"u8, run.PreviousStepResolvedAt);
        if (run.Converted) json.WriteBoolean("converted"u8, true);
        json.WriteEndObject();
    }

    static JourneyRun ReadRun(JsonElement journey)
    {
        var run = WireJson.Object(WireJson.Required(journey, "run"u8), "run");
        return new JourneyRun(WireJson.Instant(run, "startedAt"u8), WireJson.OptionalInstant(run, "previousStepResolvedAt"u8), WireJson.Flag(run, "converted"u8));
    }

    static TimerToken ReadToken(JsonElement journey) => new(WireJson.Int64(journey, "token"u8));

    static void WriteChoice(Utf8JsonWriter json, StepChoice choice)
    {
        json.WriteStartObject("choice"u8);
        EffectWireFormat.WritePath(json, choice.Path);
        json.WriteStartArray("channels"u8);
        foreach (var channel in choice.Channels) json.WriteStringValue(channel.ToWire());
        json.WriteEndArray();
        json.WriteString("template"u8, choice.Template);
        json.WriteEndObject();
    }

    static StepChoice ReadChoice(JsonElement journey)
    {
        var choice = WireJson.Object(WireJson.Required(journey, "choice"u8), "choice");
        var channels = WireJson.Array(choice, "channels"u8, EffectWireFormat.ReadChannel);
        // A plain array, like the configuration's channel lists the engine's choices come from.
        return new StepChoice(EffectWireFormat.ReadPath(choice), channels.ToArray(), WireJson.String(choice, "template"u8));
    }
}
