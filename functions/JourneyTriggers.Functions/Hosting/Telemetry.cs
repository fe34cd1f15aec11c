using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using JourneyTriggers.Azure;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Processing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Our traces and metrics (name "JourneyTriggers"), plus ASP.NET Core's. Nothing leaves the process
/// unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector or APPLICATIONINSIGHTS_CONNECTION_STRING names an
/// Application Insights resource. The deployment turns that resource's local auth off, so the exporter signs
/// in as the app's managed identity (AZURE_CLIENT_ID), like every other Azure client of ours.
/// </summary>
internal static class Telemetry
{
    public const string Name = Instrumentation.Name;

    public static string Version => Instrumentation.Version;

    public static IServiceCollection AddJourneyTriggersTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IngestionMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("journeytriggers", serviceVersion: Version))
            .WithTracing(tracing => tracing.AddSource(Name).AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = RouteTemplatePaths.Enrich))
            .WithMetrics(metrics => metrics.AddMeter(Name).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } applicationInsights)
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = applicationInsights;
                exporter.Credential = AzureClients.Credential(configuration["AZURE_CLIENT_ID"]);
            });
        return services;
    }
}

/// <summary>Counts what ingestion did with each event, by route (api, segment, unsubscribe).</summary>
internal sealed class IngestionMetrics
{
    readonly Counter<long> accepted;
    readonly Counter<long> duplicates;
    readonly Counter<long> rejected;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name, Telemetry.Version);
        accepted = meter.CreateCounter<long>("journeytriggers.events.accepted", "{event}", "Touchpoints taken and decided.");
        duplicates = meter.CreateCounter<long>("journeytriggers.events.duplicates", "{event}", "Touchpoints whose id was seen before.");
        rejected = meter.CreateCounter<long>("journeytriggers.events.rejected", "{event}", "Touchpoints refused, each with its reason.");
    }

    public void Record(IngestReport report, string route)
    {
        var tag = new KeyValuePair<string, object?>("route", route);
        if (report.Accepted > 0) accepted.Add(report.Accepted, tag);
        if (report.Duplicates > 0) duplicates.Add(report.Duplicates, tag);
        if (report.Rejected > 0) rejected.Add(report.Rejected, tag);
    }
}
