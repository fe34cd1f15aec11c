using System.Net.Http.Headers;
using System.Text;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary>
/// The real executable in <c>serve --custom-handler</c> mode (Program, AddJourneyTriggers, AddAzureAdapters,
/// MapCustomHandler) over an in-memory test server, with in-memory fakes where the Azure adapters plug in,
/// and the access keys the fixtures' requests carry.
/// </summary>
public sealed class CustomHandlerFactory : WebApplicationFactory<Program>
{
    /// <summary>The Bearer key of events.http-post.request.json, and the Basic user of the Segment fixture.</summary>
    public const string FixtureKey = "3f9c0d6e1b2a4c8d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b";

    public static readonly IReadOnlyDictionary<string, string?> Keys = new Dictionary<string, string?>
    {
        ["Auth:IngestionKeys:0"] = FixtureKey,
        ["Auth:AdminKey"] = ServiceFactory.AdminKey,
    };

    /// <summary>
    /// The Azure adapters' settings, so their registration succeeds; their clients connect only on first
    /// use, and the tests replace the ports with in-memory fakes, so nothing here is ever reached.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> AzureSettings = new Dictionary<string, string?>
    {
        ["Cosmos:Endpoint"] = "https://cosmos-jt-test.documents.azure.com:443/",
        ["Cosmos:Database"] = "journeytriggers",
        ["Cosmos:Container"] = "customers",
        ["Storage:QueueServiceUri"] = "https://stjttest.queue.core.windows.net/",
        ["Storage:BlobServiceUri"] = "https://stjttest.blob.core.windows.net/",
        ["TimerQueue:Name"] = "journey-timers",
        ["EventHub:Name"] = "touchpoints",
        ["EventHubConnection:fullyQualifiedNamespace"] = "evhns-jt-test.servicebus.windows.net",
    };

    /// <summary>Where the HTTP collector publishes: the local connection string of this hub replaces the namespace setting.</summary>
    public FakeEventHub Hub { get; } = FakeEventHub.StartAsync().GetAwaiter().GetResult();

    int delivered;

    public CustomHandlerFactory() => Hub.Now = Time.GetUtcNow;

    public InMemoryCustomerStore Store { get; } = new();
    public InMemoryDeadLetterStore DeadLetters { get; } = new();
    public RecordingWakeUpQueue WakeUps { get; } = new();
    public ManualTimeProvider Time { get; } = new(ServiceFactory.Start);
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("custom-handler", "true");
        builder.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", "0");
        builder.UseSetting("Unsubscribe:BaseUrl", "https://func-jt-abc123.azurewebsites.net/api");
        builder.UseSetting("Unsubscribe:SigningKey", UnsubscribeTokens.GenerateKey());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Keys.Concat(AzureSettings)) builder.UseSetting(key, value);
        builder.UseSetting("EventHub:ConnectionString", Hub.ConnectionString());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddFakePorts(Store);
            services.AddSingleton<IDeadLetterStore>(DeadLetters);
            services.AddSingleton<IWakeUpQueue>(WakeUps);
            // The Cosmos client is still built against the fake endpoint. With DefaultAzureCredential it began fetching a
            // token through developer tools on this machine, and disposing it while that ran failed the test now and then.
            services.AddSingleton<global::Azure.Core.TokenCredential>(new FixedToken());
        });
    }

    /// <summary>A token that needs no process, no network and no time.</summary>
    sealed class FixedToken : global::Azure.Core.TokenCredential
    {
        static readonly global::Azure.Core.AccessToken Token = new("test-token", DateTimeOffset.MaxValue);

        public override global::Azure.Core.AccessToken GetToken(global::Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<global::Azure.Core.AccessToken> GetTokenAsync(global::Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Token);
    }

    /// <summary>
    /// Plays the Functions host's eventHubTrigger: the events the hub stored since the last call, in one batch
    /// encoded as the host encodes it, posted to <c>/Touchpoints</c>.
    /// </summary>
    public async Task<HttpResponseMessage> DeliverHubAsync()
    {
        var events = Hub.Events.Skip(delivered).ToList();
        delivered += events.Count;
        return await InvokeAsync("Touchpoints", Envelopes.HubBatch(events));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Hub.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Posts an invocation as the host does: <c>POST /{function}</c>, JSON, the invocation id header.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(string function, string envelope)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = new StringContent(envelope, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }
}
