using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>The fixtures' requests, as text or editable, and the checks every invocation answer must pass.</summary>
internal static class Envelopes
{
    const string Folder = "tests/JourneyTriggers.Functions.Tests/CustomHandler/Fixtures";

    public static string Text(string fixture) => File.ReadAllText(RepositoryFiles.PathOf(Path.Combine(Folder, fixture)));

    public static JsonObject Node(string fixture) => JsonNode.Parse(Text(fixture))!.AsObject();

    public const string BinaryBatch = "touchpoints.eventhub-batch.datatype-binary.request.json";
    public const string FirstAttempt = "touchpoints.eventhub-batch.datatype-binary.with-retry-policy.first-attempt.request.json";
    public const string FinalAttempt = "touchpoints.eventhub-batch.datatype-binary.with-retry-policy.final-attempt.request.json";

    /// <summary>The binary batch with event <paramref name="index"/>'s body replaced, still wrapped as the host wraps it.</summary>
    public static string WithEventBody(string fixture, int index, byte[] body)
    {
        var envelope = Node(fixture);
        var events = JsonNode.Parse((string)envelope["Data"]!["events"]!)!.AsArray();
        events[index] = Convert.ToBase64String(body);
        envelope["Data"]!["events"] = events.ToJsonString();
        return envelope.ToJsonString();
    }

    /// <summary>
    /// A Touchpoints invocation of these hub events, as the host sends a <c>dataType: binary</c> batch: base64 bodies,
    /// and the metadata arrays aligned with them by index.
    /// </summary>
    public static string HubBatch(IReadOnlyList<StoredEvent> events)
    {
        var envelope = Node(BinaryBatch);
        string Array<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToArray());
        var sequence = Enumerable.Range(5000, events.Count).ToList();
        envelope["Data"]!["events"] = Array(events.Select(e => Convert.ToBase64String(e.Body)));
        var metadata = envelope["Metadata"]!;
        metadata["PartitionKeyArray"] = Array(events.Select(e => e.PartitionKey));
        metadata["SequenceNumberArray"] = Array(sequence);
        metadata["OffsetArray"] = Array(sequence.Select(n => (n * 512L).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        metadata["EnqueuedTimeUtcArray"] = Array(events.Select(_ => "2026-11-22T10:00:01.123"));
        metadata["PropertiesArray"] = Array(events.Select(e => e.UserProperties));
        metadata["SystemPropertiesArray"] = Array(events.Select(e => new Dictionary<string, object?> { ["x-opt-partition-key"] = e.PartitionKey, ["PartitionKey"] = e.PartitionKey }));
        return envelope.ToJsonString();
    }

    /// <summary>A Timers invocation whose queue message is <paramref name="message"/>, wrapped in a JSON string as the host does.</summary>
    public static string Timer(string message)
    {
        var envelope = Node("timers.queue-message.json-message.request.json");
        envelope["Data"]!["timer"] = JsonSerializer.Serialize(message);
        return envelope.ToJsonString();
    }

    /// <summary>What every answer the host can complete an invocation with looks like; returns it parsed.</summary>
    public static async Task<JsonElement> AssertCompletedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
        return root;
    }

    /// <summary>A deliberate failure: 500 with a JSON body naming it transient, never empty.</summary>
    public static async Task AssertTransientAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("transient", document.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.RootElement.GetProperty("detail").GetString()));
    }

    public static string Log(JsonElement answer) => Assert.Single(answer.GetProperty("Logs").EnumerateArray()).GetString()!;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Utf8String(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
