using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>One request of the REST API's "Send batch events": the JSON body and the events in it, all of one partition key.</summary>
internal sealed record EventBatch(string PartitionKey, int Count, ReadOnlyMemory<byte> Json);

/// <summary>
/// How events become batch requests. A batch lands on one partition as a whole, so a batch holds events of one
/// partition key only; each key's events keep their order, across the batches a key needs when its events
/// exceed the byte limit. Each event is <c>{"Body":…,"BrokerProperties":{"PartitionKey":…},"UserProperties":{…}}</c>.
/// </summary>
internal static class EventBatches
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Keys in order of first appearance; an event larger than the limit on its own still goes, alone, and the service judges it.</summary>
    public static IReadOnlyList<IReadOnlyList<EventBatch>> Plan(IEnumerable<OutgoingEvent> events, int maxBatchBytes)
    {
        var byKey = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var item in events)
        {
            if (!byKey.TryGetValue(item.PartitionKey, out var list))
            {
                byKey[item.PartitionKey] = list = [];
                keys.Add(item.PartitionKey);
            }
            list.Add(Element(item));
        }
        return [.. keys.Select(key => Split(key, byKey[key], maxBatchBytes))];
    }

    static List<EventBatch> Split(string key, List<byte[]> elements, int maxBatchBytes)
    {
        var batches = new List<EventBatch>();
        var current = new List<byte[]>();
        var size = 2; // the brackets
        foreach (var element in elements)
        {
            var added = element.Length + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && size + added > maxBatchBytes)
            {
                batches.Add(Join(key, current));
                current = [];
                size = 2;
                added = element.Length;
            }
            current.Add(element);
            size += added;
        }
        if (current.Count > 0) batches.Add(Join(key, current));
        return batches;
    }

    static EventBatch Join(string key, List<byte[]> elements)
    {
        var buffer = new ArrayBufferWriter<byte>(elements.Sum(e => e.Length + 1) + 2);
        buffer.Write("["u8);
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0) buffer.Write(","u8);
            buffer.Write(elements[i]);
        }
        buffer.Write("]"u8);
        return new EventBatch(key, elements.Count, buffer.WrittenMemory);
    }

    static byte[] Element(OutgoingEvent item)
    {
        var buffer = new ArrayBufferWriter<byte>(item.Body.Length + 64);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("Body"u8, item.Body);
            json.WriteStartObject("BrokerProperties"u8);
            json.WriteString("PartitionKey"u8, item.PartitionKey);
            json.WriteEndObject();
            if (item.UserProperties is { Count: > 0 } properties)
            {
                json.WriteStartObject("UserProperties"u8);
                foreach (var (name, value) in properties) json.WriteString(name, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
