using JourneyTriggers.Application.Processing;
using JourneyTriggers.Functions.Http.Ingestion;

namespace JourneyTriggers.Functions.Http.Segment;

/// <summary>
/// Segment's own answer, <c>{ "success": true }</c>, which SDKs check, plus what happened to each call,
/// so a rejected call is never silently dropped even though the status is 200.
/// </summary>
internal sealed record SegmentResponse(bool Success, int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResultBody> Results)
{
    public static SegmentResponse From(IngestReport report) =>
        new(true, report.Accepted, report.Duplicates, report.Rejected, EventResultBody.From(report));
}
