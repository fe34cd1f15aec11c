namespace JourneyTriggers.Application.Processing;

/// <summary>What happened to one event of an ingestion request.</summary>
public sealed record EventResult(int Index, string? EventId, EventStatus Status, string? Reason = null);

public enum EventStatus { Accepted, Duplicate, Rejected }
