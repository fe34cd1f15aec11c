using System.Buffers;
using System.Text.Json;
using NodaTime.Text;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// A delivery record as stored by both hosts (the SQLite outbox's <c>delivery_json</c>, the Azure delivery
/// blob): <c>{"targets":[{"id","status","attempts","firstAttemptAt"?,"nextAttemptAt","detail"?,"mayHaveArrived"?}]}</c>.
/// </summary>
public static class DeliveryProgressJson
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;

    public static byte[] Serialize(DeliveryProgress progress)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer)) Write(json, progress);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter json, DeliveryProgress progress)
    {
        json.WriteStartObject();
        json.WriteStartArray("targets"u8);
        foreach (var t in progress.Targets)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, t.Id);
            json.WriteString("status"u8, Names[(int)t.Status]);
            json.WriteNumber("attempts"u8, t.Attempts);
            if (t.FirstAttemptAt is { } first) json.WriteString("firstAttemptAt"u8, Instants.Format(first));
            json.WriteString("nextAttemptAt"u8, Instants.Format(t.NextAttemptAt));
            if (t.Detail is { } detail) json.WriteString("detail"u8, detail);
            if (t.MayHaveArrived) json.WriteBoolean("mayHaveArrived"u8, true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; anything else is a <see cref="JsonException"/> naming the field.</summary>
    public static DeliveryProgress Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    public static DeliveryProgress Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("targets"u8, out var targets) || targets.ValueKind != JsonValueKind.Array)
            throw new JsonException("A delivery record must be an object with a 'targets' array.");
        return new DeliveryProgress([.. targets.EnumerateArray().Select(t => new DeliveryTarget(
            Text(t, "id") ?? throw new JsonException("A delivery target has no 'id'."),
            Status(Text(t, "status")),
            t.TryGetProperty("attempts"u8, out var attempts) && attempts.TryGetInt32(out var n) ? n : throw new JsonException("'attempts' must be a whole number."),
            Text(t, "firstAttemptAt") is { } first ? Instants.Parse(first).GetValueOrThrow() : null,
            Instants.Parse(Text(t, "nextAttemptAt") ?? throw new JsonException("A delivery target has no 'nextAttemptAt'.")).GetValueOrThrow(),
            Text(t, "detail"),
            t.TryGetProperty("mayHaveArrived"u8, out var may) && may.ValueKind == JsonValueKind.True))]);
    }

    static readonly string[] Names = Enum.GetValues<TargetStatus>().Select(s => s.ToString().ToLowerInvariant()).ToArray();

    static TargetStatus Status(string? name) =>
        Array.IndexOf(Names, name) is var i and >= 0 ? (TargetStatus)i : throw new JsonException($"Unknown delivery target status '{name}'.");

    static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
