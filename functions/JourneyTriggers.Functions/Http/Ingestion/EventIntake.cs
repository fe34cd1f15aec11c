using System.Text.RegularExpressions;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>
/// The one way the HTTP routes hand events to <see cref="TouchpointIngestion"/>, so every route
/// traces, counts and logs the same. A rejection's log line names the fields at fault but not the
/// reason's text, which may quote what the sender wrote (an email address, a name).
/// </summary>
internal sealed partial class EventIntake(TouchpointIngestion ingestion, IngestionMetrics metrics, ILogger<EventIntake> logger)
{
    /// <summary>Rejections logged one by one per request; the count in the summary line covers the rest.</summary>
    const int MaxRejectionsLogged = 50;

    public async Task<IngestReport> IngestAsync(IReadOnlyList<TouchpointReading> readings, string route, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("ingest " + route);
        activity?.SetTag("journeytriggers.events", readings.Count);
        var report = await ingestion.IngestAsync(readings, cancellationToken);
        activity?.SetTag("journeytriggers.events.accepted", report.Accepted);
        activity?.SetTag("journeytriggers.events.duplicates", report.Duplicates);
        activity?.SetTag("journeytriggers.events.rejected", report.Rejected);
        metrics.Record(report, route);
        Log.Ingested(logger, route, readings.Count, report.Accepted, report.Duplicates, report.Rejected);
        foreach (var rejected in report.Results.Where(r => r.Status == EventStatus.Rejected).Take(MaxRejectionsLogged))
            Log.EventRejected(logger, route, rejected.Index, rejected.EventId, FieldsOf(rejected.Reason));
        return report;
    }

    /// <summary>The field paths of a reason (<c>properties.price: …; line 3: …</c>), and nothing that could be a value.</summary>
    internal static string FieldsOf(string? reason)
    {
        if (reason is null) return "";
        var fields = reason.Split("; ")
            .Select(part => part.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0 ? part[..colon] : "")
            .Where(field => FieldPath().IsMatch(field))
            .Distinct();
        return string.Join(", ", fields);
    }

    [GeneratedRegex(@"^(line \d+|\[\d+\]|[A-Za-z_$][\w\-]*(\[\d+\])*(\.[A-Za-z_][\w\-]*(\[\d+\])*)*)$")]
    private static partial Regex FieldPath();
}
