using System.Net.Http.Headers;
using System.Text;
using JourneyTriggers.Functions.Standalone;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// The real service (Program, AddJourneyTriggers, every route) over an in-memory test server, with the
/// ports filled by in-memory fakes, a clock the test moves, a data directory of its own and the
/// start-up banner captured.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    public const string IngestionKey = "jt_ingest_test_0123456789abcdefghij";
    public const string AdminKey = "jt_admin_test_0123456789abcdefghijk";

    /// <summary>Sunday 22 November 2026, 19:00 in Bangkok: outside the default quiet hours.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    readonly Dictionary<string, string?> settings;
    readonly bool ownsDataDirectory;

    /// <summary>The shared fixture: keys configured, every port faked.</summary>
    public ServiceFactory() : this(null)
    {
    }

    /// <param name="settings">Configuration on top of the defaults (keys, a temporary data directory, quiet logs).</param>
    /// <param name="withKeys">False to leave Auth unset, so the first start generates keys.</param>
    /// <param name="dataDirectory">A directory to reuse across starts; a fresh temporary one otherwise.</param>
    internal ServiceFactory(IReadOnlyDictionary<string, string?>? settings = null, bool withKeys = true, string? dataDirectory = null)
    {
        ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("jt-http-").FullName;
        this.settings = new()
        {
            ["Standalone:DataDirectory"] = DataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (withKeys)
        {
            this.settings["Auth:IngestionKeys:0"] = IngestionKey;
            this.settings["Auth:AdminKey"] = AdminKey;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) this.settings[key] = value;
        Tokens = new SignedUnsubscribeTokens(Time);
    }

    public string DataDirectory { get; }
    public InMemoryCustomerStore Store { get; } = new();
    public InMemoryOutbox Outbox { get; } = new();
    public ManualTimeProvider Time { get; } = new(Start);
    public SignedUnsubscribeTokens Tokens { get; }
    public StringWriter Banner { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public InMemoryMetricsStore Metrics => (InMemoryMetricsStore)Services.GetRequiredService<JourneyTriggers.Application.Ports.IMetricsStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton(new ConsoleOutput(Banner));
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddFakePorts(Store, Outbox, Tokens).AddDecidingCollector();
        });
    }

    public HttpClient WithBearer(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Ingestion() => WithBearer(IngestionKey);

    public HttpClient Admin() => WithBearer(AdminKey);

    /// <summary>A Segment SDK's way: the write key as the Basic user name, empty password.</summary>
    public HttpClient Segment(string writeKey = IngestionKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDataDirectory && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
