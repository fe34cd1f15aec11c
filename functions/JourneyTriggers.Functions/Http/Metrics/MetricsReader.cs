using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics.Report;

namespace JourneyTriggers.Functions.Http.Metrics;

/// <summary>
/// One way from a request to a <see cref="MetricsReport"/>, for the API and the dashboard alike, so every
/// figure the page shows is the API's: read the query, read the days' tallies, report them with the
/// configuration in force (trigger kinds, currency, the alert threshold).
/// </summary>
internal sealed class MetricsReader(IMetricsStore store, JourneyEngine engine, TimeProvider time)
{
    public (MetricsRequest? Request, string? Problem) Parse(HttpRequest request)
    {
        var configuration = engine.Configuration;
        var zone = configuration.Defaults.TimeZone;
        var today = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone).Date;
        var query = request.Query;
        return MetricsRequest.Parse(query["from"], query["to"], query["trigger"], today, zone, configuration.Triggers.Select(t => t.Name).ToList());
    }

    public async Task<MetricsReport> ReportAsync(MetricsRequest request, CancellationToken cancellationToken)
    {
        var query = request.ToQuery();
        var tally = await store.ReadAsync(query.From!.Value, query.To!.Value, cancellationToken);
        return MetricsReporting.Report(tally, query, engine.Configuration);
    }
}
