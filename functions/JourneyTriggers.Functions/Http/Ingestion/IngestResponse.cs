using System.Text.Json.Serialization;
using JourneyTriggers.Application.Processing;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>The 202 of <c>POST /api/events</c>: the counts, then one result per event in request order.</summary>
internal sealed record IngestResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResultBody> Results)
{
    public static IngestResponse From(IngestReport report) =>
        new(report.Accepted, report.Duplicates, report.Rejected, EventResultBody.From(report));
}

/// <summary>
/// What happened to one event: <c>accepted</c>, <c>duplicate</c> (its id was seen before) or
/// <c>rejected</c> with the reason naming each wrong field.
/// </summary>
internal sealed record EventResultBody(
    int Index,
    string? Id,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason)
{
    public static IReadOnlyList<EventResultBody> From(IngestReport report) =>
        [.. report.Results.Select(r => new EventResultBody(r.Index, r.EventId, StatusName(r.Status), r.Reason))];

    static string StatusName(EventStatus status) => status switch
    {
        EventStatus.Accepted => "accepted",
        EventStatus.Duplicate => "duplicate",
        EventStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
