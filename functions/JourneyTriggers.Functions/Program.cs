using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.CustomHandler;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Standalone;

// One executable (DESIGN 2): `simulate` replays a file; `serve`, the default, runs the standalone service,
// and `serve --custom-handler` the same application behind the Azure Functions host.
return await CommandLine.RunAsync(args, Console.Out, Console.Error, ServeAsync);

// Both HTTP hosts, read top to bottom.
static async Task<int> ServeAsync(ServeOptions options)
{
    var builder = WebApplication.CreateBuilder(options.HostArguments);
    builder.AddJourneyTriggers(options);         // engine, ingestion, HTTP APIs, access keys, telemetry, shutdown
    if (options.CustomHandler)
        builder.AddAzureAdapters(options);       // Cosmos DB, timer queue, blob dead letters (the seam), Liquid reminders
    else
        builder.AddStandaloneAdapters(options);  // SQLite store and timers, outbox or SMTP, Liquid reminders

    var app = builder.Build();
    using var dataFolder = options.CustomHandler ? null : DataFolderLock.Take(app.Services);  // one service per data folder
    if (options.CustomHandler) app.MapCustomHandler();  // POST /{FunctionName} from the Functions host
    else app.MapJourneyTriggers();
    await app.RunAsync();
    return ExitCodes.Ok;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
