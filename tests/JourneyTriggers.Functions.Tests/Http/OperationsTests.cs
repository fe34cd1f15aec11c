using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>What an operator relies on: the event counters, the OTLP switch, and a stop that lets requests finish.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Accepted_duplicate_and_rejected_events_are_counted_by_route()
    {
        using var service = new ServiceFactory();
        var client = service.Ingestion();
        var meters = service.Services.GetRequiredService<IMeterFactory>();
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            // Only this service's meters: other tests run their own services in parallel.
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Scope == meters && instrument.Meter.Name == "JourneyTriggers") l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var route = tags.ToArray().Single(t => t.Key == "route").Value;
            lock (counted) counted[$"{instrument.Name}/{route}"] = counted.GetValueOrDefault($"{instrument.Name}/{route}") + value;
        });
        listener.Start();

        await client.PostAsync("/api/events", Json.Body($"[{Json.CartAdd("m-1", "c-m")},{Json.CartAdd("m-1", "c-m")},{Json.CartAdd("m-2", "c-m", price: "x")}]"));

        Assert.Equal(1, counted["journeytriggers.events.accepted/api"]);
        Assert.Equal(1, counted["journeytriggers.events.duplicates/api"]);
        Assert.Equal(1, counted["journeytriggers.events.rejected/api"]);
    }

    [Fact]
    public async Task A_request_span_names_the_route_not_the_customer_id_in_its_path()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var service = new ServiceFactory();

        await service.Admin().GetAsync("/api/customers/somchai.k%40example.com");
        await service.Admin().GetAsync("/api/health");

        var paths = spans.Select(s => s.GetTagItem("url.path") as string).ToList();
        Assert.Contains("/api/customers/{id}", paths);
        Assert.Contains("/api/health", paths);
        Assert.DoesNotContain(paths, p => p?.Contains("somchai", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_application_insights_connection_string_switches_the_azure_monitor_exporter_on_signed_in_as_the_managed_identity()
    {
        const string connection = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";
        using var service = new ServiceFactory(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connection,
            ["AZURE_CLIENT_ID"] = "11111111-1111-1111-1111-111111111111",
        });

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("ai-1", "c-ai")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var exporter = service.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(connection, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
    }

    [Fact]
    public void Without_an_application_insights_connection_string_nothing_goes_to_azure_monitor()
    {
        using var service = new ServiceFactory();

        Assert.Null(service.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).ConnectionString);
    }

    [Fact]
    public async Task An_otlp_endpoint_switches_the_exporter_on_without_changing_answers()
    {
        // Nothing listens there: export fails in the background, requests are not affected.
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });

        var response = await service.Ingestion().PostAsync("/api/events", Json.Body(Json.CartAdd("otlp-1", "c-otlp")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public void A_limit_that_is_not_positive_stops_start_up()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Ingestion:MaxEventsPerRequest"] = "0" });

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains("Ingestion:MaxEventsPerRequest", refused.Message);
    }

    [Fact]
    public void Stopping_waits_up_to_thirty_seconds_for_work_in_flight()
    {
        using var service = new ServiceFactory();

        Assert.Equal(TimeSpan.FromSeconds(30), service.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task A_request_in_flight_when_the_service_stops_still_gets_its_answer()
    {
        await using var server = await RealServer.StartAsync();
        var saving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Store.BeforeSave = () =>
        {
            saving.TrySetResult();
            return release.Task;
        };
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", RealServer.IngestionKey);
        var request = client.PostAsync("/api/events", new StringContent(Json.CartAdd("fly-1", "c-fly"), Encoding.UTF8, "application/json"));
        await saving.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = server.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the stop waits for the request");
        release.SetResult();
        var response = await request.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(server.Store["c-fly"]);
    }
}
