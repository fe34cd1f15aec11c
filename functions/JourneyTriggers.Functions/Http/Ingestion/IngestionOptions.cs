namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>Section <c>Ingestion</c>: how much one request may carry, on every ingestion route.</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Body size after gzip decompression, in bytes. Segment's own API takes 500 KB a batch; 1 MiB leaves room.</summary>
    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Events per request: one request is one load and save per customer, so this bounds its time.</summary>
    public int MaxEventsPerRequest { get; set; } = 1000;
}
