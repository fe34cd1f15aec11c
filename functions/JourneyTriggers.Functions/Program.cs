using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Hosting;

// One executable (DESIGN 2): `simulate` replays a file; `serve`, the default, runs the standalone service.
return await CommandLine.RunAsync(args, Console.Out, Console.Error, ServeAsync);

// The standalone HTTP service, read top to bottom.
static async Task<int> ServeAsync(ServeOptions options)
{
    var builder = WebApplication.CreateBuilder(options.HostArguments);
    builder.AddJourneyTriggers(options);     // engine, ingestion, HTTP APIs, access keys, telemetry, shutdown
    builder.AddStandaloneAdapters(options);  // SQLite store and timers, outbox or SMTP, Liquid reminders

    var app = builder.Build();
    app.MapJourneyTriggers();
    await app.RunAsync();
    return ExitCodes.Ok;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
