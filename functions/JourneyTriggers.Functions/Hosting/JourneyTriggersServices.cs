using JourneyTriggers.Application.Delivery;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.CustomHandler;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Ingestion;
using JourneyTriggers.Functions.Http.Metrics;
using JourneyTriggers.Functions.Http.Unsubscribe;
using JourneyTriggers.Functions.Standalone;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Everything the service registers of its own. The ports' adapters (store, composer, outbox reader,
/// unsubscribe tokens) are not here: they come from their own extension calls in Program.cs.
/// </summary>
internal static class JourneyTriggersServices
{
    public static IHostApplicationBuilder AddJourneyTriggers(this IHostApplicationBuilder builder, ServeOptions options)
    {
        // Under the Functions host, the host says where to listen and the keys are app settings (no data folder).
        if (options.CustomHandler) HostPort.ListenWhereTheHostSays(builder.Configuration);
        else ListenByDefault(builder.Configuration);
        KeepSecretsOutOfLogs(builder.Logging);
        QuietFrameworkByDefault(builder.Configuration);
        var services = builder.Services;

        // Development validates the container as the default factory would; the checks of start-up come first.
        var development = builder.Environment.IsDevelopment();
        builder.ConfigureContainer(new CheckedServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = development, ValidateScopes = development }, options.CustomHandler));

        services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxEventsPerRequest > 0, "Ingestion:MaxBodyBytes and Ingestion:MaxEventsPerRequest must be positive.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddOptions<DataFolderOptions>().Bind(builder.Configuration.GetSection(DataFolderOptions.Section));

        // The pipeline every host runs (Application): one engine for the configuration checked at start.
        services.AddSingleton(options.Configuration);
        services.AddSingleton<JourneyEngine>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HostClock>();
        services.AddSingleton<CustomerLocks>();
        services.AddSingleton<CustomerUpdates>();
        services.AddSingleton<TouchpointIngestion>();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<TimerProcessing>();
        services.AddSingleton<DeliveryRecording>();
        services.AddSingleton<LateSendCheck>();
        services.AddSingleton<EventIntake>();
        services.AddSingleton<EmailUnsubscribe>();
        services.AddSingleton<MetricsReader>();

        if (options.CustomHandler)
        {
            services.AddSingleton(ConfiguredKeys.Resolve);
            services.AddCustomHandlerFunctions();
        }
        else
        {
            services.AddSingleton(AccessKeyFile.Resolve);
            services.TryAddSingleton(new ConsoleOutput(Console.Out));
            services.AddHostedService<StartupBanner>();
        }

        services.AddProblemDetails();
        // A query value that does not bind (?limit=abc, ?anonymous=maybe) throws, so ServiceExceptionHandler answers with the
        // parameter and the value; otherwise minimal APIs answer a bare 400 that says nothing.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Text we echo back (names, SKUs) may hold markup: it leaves as escaped JSON, never as live HTML,
        // while Thai and every other script stays readable.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddExceptionHandler<ServiceExceptionHandler>();
        services.AddJourneyTriggersTelemetry(builder.Configuration);

        // Stopping waits this long for requests in flight (and the pump's current batch) to finish.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>http://localhost:7071 unless the operator said otherwise (--urls, ASPNETCORE_URLS, ports).</summary>
    static void ListenByDefault(IConfigurationManager configuration)
    {
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
            configuration.AddInMemoryCollection([new("urls", ServeOptions.DefaultUrl)]);
    }

    /// <summary>
    /// ASP.NET Core writes several Information lines per request (endpoint, result, status): at thousands of
    /// requests a second that console output costs more CPU than ingesting the events. Our own per-request line
    /// says what happened. A default only: placed under every other source, so any Logging setting overrides it.
    /// </summary>
    static void QuietFrameworkByDefault(IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")] });

    /// <summary>
    /// ASP.NET Core's request-start line carries the query string, and unsubscribe links carry their
    /// token there; our own log lines say what happened instead.
    /// </summary>
    static void KeepSecretsOutOfLogs(ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
}
