using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>One event as the hub stores it: its place in the partition and what the producer sent.</summary>
internal sealed record HubEvent(long SequenceNumber, string Offset, DateTime EnqueuedTimeUtc, string? PartitionKey, byte[] Body);

/// <summary>
/// One partition of the hub, in memory (no Event Hubs emulator runs here): events in order with sequence numbers,
/// offsets and enqueued times, and the consumer group's checkpoint.
/// </summary>
internal sealed class HubPartition(string id)
{
    readonly List<HubEvent> events = [];
    long nextOffset = 4294967296;

    public string Id { get; } = id;

    /// <summary>Index of the first event not yet checkpointed.</summary>
    public int Checkpoint { get; set; }

    public int Count
    {
        get { lock (events) return events.Count; }
    }

    public void Append(byte[] body, string? partitionKey = null)
    {
        lock (events)
        {
            events.Add(new HubEvent(events.Count, nextOffset.ToString(CultureInfo.InvariantCulture), DateTime.UtcNow, partitionKey, body));
            nextOffset += body.Length + 64;
        }
    }

    public IReadOnlyList<HubEvent> Read(int from, int max)
    {
        lock (events) return events.Skip(from).Take(max).ToList();
    }
}

/// <summary>
/// The Event Hubs trigger with <c>cardinality: many</c> and <c>dataType: binary</c>, as the extension and the host run it
/// (azure-sdk-for-net sdk/eventhub/Microsoft.Azure.WebJobs.Extensions.EventHubs/src/Listeners/EventHubListener.PartitionProcessor.cs,
/// Triggers/EventHubTriggerBindingStrategy.cs; WebJobs <c>FunctionExecutorExtensions</c> for the retry loop; protocol doc §3.1, §5.1):
/// batches of up to <c>maxEventBatchSize</c> from the checkpoint; a failed batch is invoked again, the same batch, after
/// the function's retry delays, each attempt with its <c>RetryContext</c>; then the batch is checkpointed whether it
/// succeeded or not — except when the listener stops mid-batch, which leaves it for the next owner to read again.
/// </summary>
internal sealed class EventHubTriggerHost(FunctionDefinition function, EventHubsSettings settings, HubPartition partition, HostInvoker invoker,
    string fullyQualifiedNamespace, string eventHubName, string consumerGroup)
{
    /// <summary>Every invocation: the batch's first sequence number, its size, the attempt, the outcome.</summary>
    public ConcurrentQueue<BatchInvocation> Invocations { get; } = new();

    /// <summary>Delivers every event past the checkpoint, batch after batch, and returns when the partition is drained.</summary>
    public async Task DeliverAsync(CancellationToken cancellationToken = default)
    {
        while (partition.Read(partition.Checkpoint, settings.MaxEventBatchSize) is { Count: > 0 } batch)
        {
            var retries = function.Retry?.MaxRetryCount ?? 0;
            for (var attempt = 0; ; attempt++)
            {
                var outcome = await invoker.InvokeAsync(function.Name, Data(batch), Metadata(batch, attempt), cancellationToken);
                Invocations.Enqueue(new BatchInvocation(batch[0].SequenceNumber, batch.Count, attempt, outcome));
                if (outcome.Succeeded || attempt == retries) break;
                await Task.Delay(function.Retry!.DelayBefore(attempt + 1), cancellationToken);
            }
            // "We intentionally checkpoint the batch regardless of function success/failure" (PartitionProcessor.ProcessEventsAsync).
            cancellationToken.ThrowIfCancellationRequested();
            partition.Checkpoint += batch.Count;
        }
    }

    /// <summary><c>Data.events</c>: a string holding the JSON array of each body in base64 (<c>byte[][]</c>, §3.1).</summary>
    JsonObject Data(IReadOnlyList<HubEvent> batch) =>
        new() { [function.BindingName] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(e => (JsonNode)Convert.ToBase64String(e.Body))])) };

    JsonObject Metadata(IReadOnlyList<HubEvent> batch, int attempt)
    {
        var metadata = new JsonObject
        {
            ["CheckpointContext"] = new JsonObject { ["IsCheckpointingAfterInvocation"] = true },
            ["PartitionContext"] = new JsonObject
            {
                ["IsCheckpointingAfterInvocation"] = true,
                ["FullyQualifiedNamespace"] = fullyQualifiedNamespace,
                ["EventHubName"] = eventHubName,
                ["ConsumerGroup"] = consumerGroup,
                ["PartitionId"] = partition.Id,
            },
            ["PartitionKeyArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(e => (JsonNode?)e.PartitionKey)])),
            ["OffsetArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(e => (JsonNode)e.Offset)])),
            ["SequenceNumberArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(e => (JsonNode)e.SequenceNumber)])),
            // DateTime of Kind Unspecified, as Newtonsoft writes it: UTC without a zone, trailing zeros trimmed.
            ["EnqueuedTimeUtcArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(e => (JsonNode)Unzoned(e.EnqueuedTimeUtc))])),
            ["PropertiesArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(_ => (JsonNode)new JsonObject())])),
            ["SystemPropertiesArray"] = HostInvoker.Wrapped(new JsonArray([.. batch.Select(SystemProperties)])),
        };
        if (function.Retry is { } retry)
            metadata["RetryContext"] = new JsonObject
            {
                ["RetryCount"] = attempt,
                ["MaxRetryCount"] = retry.MaxRetryCount,
                // The previous attempt's exception in Newtonsoft's ISerializable form; not a contract (§5.1), so a stand-in.
                ["Exception"] = attempt == 0 ? null : new JsonObject { ["ClassName"] = "Microsoft.Azure.WebJobs.Script.Workers.Http.HttpWorkerException" },
                ["Instance"] = null,
                ["State"] = new JsonObject(),
            };
        return metadata;
    }

    static JsonNode SystemProperties(HubEvent e) => new JsonObject
    {
        ["x-opt-sequence-number"] = e.SequenceNumber,
        ["x-opt-offset"] = e.Offset,
        ["x-opt-enqueued-time"] = Unzoned(e.EnqueuedTimeUtc) + "Z",
        ["x-opt-partition-key"] = e.PartitionKey,
        ["SequenceNumber"] = e.SequenceNumber,
        ["Offset"] = long.Parse(e.Offset, CultureInfo.InvariantCulture),
        ["PartitionKey"] = e.PartitionKey,
        ["EnqueuedTimeUtc"] = Unzoned(e.EnqueuedTimeUtc),
    };

    static string Unzoned(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

internal sealed record BatchInvocation(long FirstSequenceNumber, int Size, int Attempt, InvocationOutcome Outcome);
