using System.Text.RegularExpressions;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>
/// The one way events enter, so every route traces, counts and logs the same. The HTTP collector's routes
/// hand them to the host's <see cref="ITouchpointDestination"/> (the inbox standalone, Event Hubs in
/// Azure); an Event Hubs batch is processed here, by <see cref="TouchpointIngestion"/>. A
/// rejection's log line names the fields at fault but not the reason's text, which may quote what the sender
/// wrote (an email address, a name).
/// </summary>
internal sealed partial class EventIntake(TouchpointIngestion ingestion, ITouchpointDestination destination, IngestionMetrics metrics,
    IMetricsStore metricsStore, JourneyEngine engine, HostClock clock, ILogger<EventIntake> logger)
{
    readonly MetricFacts facts = new(engine.Configuration);

    /// <summary>Rejections logged one by one per request; the count in the summary line covers the rest.</summary>
    const int MaxRejectionsLogged = 50;

    /// <summary>An HTTP collector route's events, to wherever this host sends them.</summary>
    public async Task<IngestReport> CollectAsync(IReadOnlyList<TouchpointReading> readings, string route, CancellationToken cancellationToken)
    {
        var report = await RecordAsync(readings, route, destination.ReceiveAsync, cancellationToken);
        await CountRejectionsAsync(report.Rejected, route, cancellationToken);
        return report;
    }

    /// <summary>An Event Hubs batch's events, decided and saved here.</summary>
    public Task<IngestReport> ProcessAsync(IReadOnlyList<TouchpointReading> readings, string route, CancellationToken cancellationToken) =>
        RecordAsync(readings, route, ingestion.IngestAsync, cancellationToken);

    async Task<IngestReport> RecordAsync(IReadOnlyList<TouchpointReading> readings, string route,
        Func<IReadOnlyList<TouchpointReading>, CancellationToken, Task<IngestReport>> take, CancellationToken cancellationToken)
    {
        using var activity = Instrumentation.Source.StartActivity("ingest " + route);
        activity?.SetTag("journeytriggers.events", readings.Count);
        var report = await take(readings, cancellationToken);
        activity?.SetTag("journeytriggers.events.accepted", report.Accepted);
        activity?.SetTag("journeytriggers.events.duplicates", report.Duplicates);
        activity?.SetTag("journeytriggers.events.rejected", report.Rejected);
        metrics.Record(report, route);
        Log.Ingested(logger, route, readings.Count, report.Accepted, report.Duplicates, report.Rejected);
        foreach (var rejected in report.Results.Where(r => r.Status == EventStatus.Rejected).Take(MaxRejectionsLogged))
            Log.EventRejected(logger, route, rejected.Index, FieldsOf(rejected.Reason));
        return report;
    }

    /// <summary>
    /// Rejected events in the live metrics, as <c>simulate --report</c> counts its rejected lines (DESIGN 4.7). The events
    /// themselves are already answered for, so a store that fails here costs the count, logged, not the request. Counted
    /// where a request is answered, once; not for a hub batch, which may be delivered again (its refusals are dead letters).
    /// </summary>
    async Task CountRejectionsAsync(int rejected, string route, CancellationToken cancellationToken)
    {
        if (rejected == 0) return;
        var now = clock.Now();
        var tally = new MetricsTallyBuilder();
        facts.OfRefused(rejected, now, tally);
        try
        {
            await metricsStore.AddAsync(tally.ToTally(), now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RejectionsUncounted(logger, rejected, route, e.GetType().Name);
        }
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
