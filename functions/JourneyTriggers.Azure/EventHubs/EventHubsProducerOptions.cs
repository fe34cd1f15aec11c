using Azure.Core;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// Options of <see cref="EventHubsRestProducer"/>: the service version, how large one batch request may grow,
/// and the pipeline's retry and per-try timeout, which default to a send the HTTP collector can wait for.
/// </summary>
public sealed class EventHubsProducerOptions : ClientOptions
{
    /// <summary>Versions of the Event Hubs runtime REST API.</summary>
    public enum ServiceVersion
    {
        /// <summary>The only version of the send API: <c>api-version=2014-01</c>.</summary>
        V2014_01 = 1,
    }

    public EventHubsProducerOptions(ServiceVersion version = ServiceVersion.V2014_01)
    {
        Version = version;
        Diagnostics.ApplicationId = "JourneyTriggers";
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(8);
        // One try of a batch of at most 1 MB; a hub that has not answered by then is retried.
        Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
    }

    public ServiceVersion Version { get; }

    /// <summary>
    /// Largest request body of one batch. A Standard or Premium hub takes 1 MB a batch (Basic 256 KB); the JSON
    /// of a batch is larger than its events' AMQP encoding, so a batch under this many JSON bytes fits.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 1_000_000;

    /// <summary>Partition keys sent at once; each key's batches still go one after the other, in order.</summary>
    public int MaxConcurrentPartitionKeys { get; set; } = 8;

    internal string ApiVersion => Version switch
    {
        ServiceVersion.V2014_01 => "2014-01",
        _ => throw new ArgumentOutOfRangeException(nameof(Version), Version, "Not an Event Hubs REST API version."),
    };
}
