namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// One event to publish: its body (UTF-8 text: the REST API carries bodies as JSON strings), the partition key
/// that keeps it in order with the other events of the same key, and application properties, if any.
/// </summary>
public sealed record OutgoingEvent(string Body, string PartitionKey, IReadOnlyDictionary<string, string>? UserProperties = null);
