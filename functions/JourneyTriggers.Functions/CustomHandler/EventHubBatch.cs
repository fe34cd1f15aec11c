using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// One event of a batch: its bytes as the producer sent them (as far as the dataType allows), where it sits in the
/// hub, and the producer's application properties with a scalar value (as text).
/// </summary>
internal sealed record HubEvent(int Index, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Location, IReadOnlyDictionary<string, string> Properties);

/// <summary>
/// <c>Data.events</c> of an <c>eventHubTrigger</c> with <c>cardinality: many</c>, decoded for every
/// <c>dataType</c> (protocol doc §3.1), with each event's partition, sequence number, offset and enqueued time
/// and application properties from the <c>…Array</c> metadata aligned with it by index.
/// </summary>
internal sealed record EventHubBatch(string? PartitionId, IReadOnlyList<HubEvent> Events)
{
    public const string PartitionKey = "partitionKey";

    /// <summary>"sequence 1017-1019" (or "offsets unknown"), to name the batch in logs and in errors.</summary>
    public string Range => Events.Count == 0 ? "no events"
        : Events[0].Location.TryGetValue(DeadLetterDetails.SequenceNumber, out var first) && Events[^1].Location.TryGetValue(DeadLetterDetails.SequenceNumber, out var last)
            ? $"sequence {first}-{last}" : "sequences unknown";

    public static (EventHubBatch? Batch, string? Problem) Read(Invocation invocation, string binding)
    {
        if (invocation.Data(binding) is not { } value) return (null, $"The invocation has no Data.{binding}.");
        if (HostValues.Unwrap(value) is not { ValueKind: JsonValueKind.Array } array)
            return (null, $"Data.{binding} is not an array of events; is the trigger's cardinality \"many\"?");
        var bodies = Bodies([.. array.EnumerateArray()]);
        var partition = HostValues.Text(invocation.Metadata("PartitionContext") is { } context ? HostValues.Property(context, "PartitionId") : null);
        var keys = HostValues.Array(invocation.Metadata("PartitionKeyArray"));
        var sequences = HostValues.Array(invocation.Metadata("SequenceNumberArray"));
        var offsets = HostValues.Array(invocation.Metadata("OffsetArray"));
        var enqueued = HostValues.Array(invocation.Metadata("EnqueuedTimeUtcArray"));
        var properties = HostValues.Array(invocation.Metadata("PropertiesArray"));
        var events = new HubEvent[bodies.Length];
        for (var i = 0; i < bodies.Length; i++)
        {
            var location = new Dictionary<string, string>();
            if (partition is not null) location[DeadLetterDetails.PartitionId] = partition;
            Add(location, DeadLetterDetails.SequenceNumber, At(sequences, i));
            Add(location, DeadLetterDetails.Offset, At(offsets, i));
            Add(location, DeadLetterDetails.EnqueuedTime, Utc(At(enqueued, i)));
            Add(location, PartitionKey, At(keys, i));
            events[i] = new HubEvent(i, bodies[i], location, ApplicationProperties(i < properties.Length ? properties[i] : null));
        }
        return (new EventHubBatch(partition, events), null);
    }

    /// <summary>
    /// <c>binary</c> (ours): base64 strings. <c>string</c>: the bodies as strings. Unset: the host's own
    /// re-serialisation of each JSON body. Binary and string both arrive as strings, so a batch is taken as
    /// base64 only when every one of them is valid base64, which a JSON body never is (braces, quotes).
    /// </summary>
    static ReadOnlyMemory<byte>[] Bodies(JsonElement[] items)
    {
        var strings = items.All(i => i.ValueKind == JsonValueKind.String);
        if (strings && items.All(i => Base64.IsValid(i.GetString()!)))
            return [.. items.Select(i => (ReadOnlyMemory<byte>)Convert.FromBase64String(i.GetString()!))];
        return [.. items.Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()))];
    }

    static string? At(JsonElement[] values, int index) => index < values.Length ? HostValues.Text(values[index]) : null;

    static Dictionary<string, string> ApplicationProperties(JsonElement? value)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is { ValueKind: JsonValueKind.Object } map)
            foreach (var property in map.EnumerateObject())
                Add(properties, property.Name, HostValues.Text(property.Value));
        return properties;
    }

    static void Add(Dictionary<string, string> location, string key, string? value)
    {
        if (value is not null) location[key] = value;
    }

    /// <summary>The host sends enqueued times as UTC without a zone (<c>2026-11-22T10:00:01.123</c>); dead letters say so.</summary>
    static string? Utc(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : text;
}
