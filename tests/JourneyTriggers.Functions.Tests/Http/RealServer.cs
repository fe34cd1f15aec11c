using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Standalone;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// The service on a real Kestrel socket (127.0.0.1, a port the OS picks), built the way Program.cs
/// builds it, with the in-memory ports where the adapters will plug in. For clients that must speak
/// real HTTP, such as the Segment Node SDK; WebApplicationFactory's test server has no socket.
/// </summary>
internal sealed class RealServer : IAsyncDisposable
{
    public const string IngestionKey = ServiceFactory.IngestionKey;

    readonly WebApplication app;
    readonly string dataDirectory;

    RealServer(WebApplication app, string dataDirectory, InMemoryCustomerStore store)
    {
        this.app = app;
        this.dataDirectory = dataDirectory;
        Store = store;
    }

    public InMemoryCustomerStore Store { get; }

    public Uri Address => new(app.Urls.First());

    public static async Task<RealServer> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("jt-real-").FullName;
        var builder = CreateBuilder(data, $"--Auth:IngestionKeys:0={IngestionKey}", $"--Auth:AdminKey={ServiceFactory.AdminKey}");
        var store = new InMemoryCustomerStore();
        builder.Services.AddFakePorts(store).AddDecidingCollector();
        var app = builder.Build();
        app.MapJourneyTriggers();
        await app.StartAsync();
        return new RealServer(app, data, store);
    }

    /// <summary>Program.cs's first two steps: parse as the command line does, then AddJourneyTriggers.</summary>
    public static WebApplicationBuilder CreateBuilder(string dataDirectory, params string[] settings)
    {
        var (arguments, problems) = ServeArguments.Parse(["--data", dataDirectory, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. settings]);
        Assert.Empty(problems);
        var configuration = ((ConfigurationLoadResult.Loaded)ConfigurationLoader.Load(File.ReadAllBytes(arguments!.ConfigPath))).Configuration;
        var options = new ServeOptions(arguments.ConfigPath, configuration, arguments.DataDirectory, arguments.HostArguments);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddJourneyTriggers(options);
        builder.Services.AddSingleton(new ConsoleOutput(TextWriter.Null));
        return builder;
    }

    /// <summary>What Ctrl+C or SIGTERM does: stop accepting, let requests in flight finish.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
