namespace JourneyTriggers.Application.Processing;

/// <summary>The answer to an ingestion request: one result per event, in request order.</summary>
public sealed record IngestReport(IReadOnlyList<EventResult> Results)
{
    public int Accepted => Results.Count(r => r.Status == EventStatus.Accepted);
    public int Duplicates => Results.Count(r => r.Status == EventStatus.Duplicate);
    public int Rejected => Results.Count(r => r.Status == EventStatus.Rejected);
}
