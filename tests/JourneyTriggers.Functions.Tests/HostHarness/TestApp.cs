using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using JourneyTriggers.Azure.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// A copy of the published package for one test, with its own queue, containers and Cosmos container, and the app
/// settings the portal would hold for it. The copy differs from the package only where a test cannot wait for the
/// real thing: the trigger configuration's step delays (seconds, not hours) and host.json's queue
/// <c>visibilityTimeout</c>; everything else, the executable and arguments included, is the published bytes.
/// </summary>
internal sealed class TestApp : IDisposable
{
    /// <summary>Seconds-long steps, no quiet hours, holdout or caps: what a reminder's timing depends on, and nothing else.</summary>
    public const string Triggers = """
        {
          "defaults": { "timeZone": "UTC", "locale": "en-US", "emailConsent": "implicit" },
          "triggers": [
            { "name": "abandoned_cart", "kind": "cart_abandoned",
              "steps": [ { "after": "PT8S", "channels": ["email"], "template": "cart-reminder-1" },
                         { "after": "PT8S", "channels": ["email"], "template": "cart-reminder-2" } ] }
          ]
        }
        """;

    public const string IngestionKey = "jt_ingest_harness_0123456789abcdef";
    public const string AdminKey = "jt_admin_harness_0123456789abcdef";

    TestApp(string root, Dictionary<string, string> settings, HarnessServers servers, string container, string deadLetters)
    {
        Root = root;
        Settings = settings;
        Cosmos = new CosmosClient(servers.Azure.CosmosConnectionString, AzureServers.TrustTestServer(new CosmosClientOptions()))
            .GetContainer(AzureServers.Database, container);
        Blobs = new BlobServiceClient(servers.Azure.StorageConnectionString);
        DeadLetterContainer = deadLetters;
    }

    public string Root { get; }
    public Dictionary<string, string> Settings { get; }
    public Container Cosmos { get; }
    public BlobServiceClient Blobs { get; }
    public string DeadLetterContainer { get; }

    /// <param name="visibilityTimeout">host.json's extensions.queues.visibilityTimeout for this copy; the package's when null.</param>
    /// <param name="settings">Extra or replaced app settings.</param>
    public static async Task<TestApp> CreateAsync(HarnessServers servers, string triggers = Triggers, TimeSpan? visibilityTimeout = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Directory.CreateTempSubdirectory("jt-app-").FullName;
        Copy(servers.PublishedFolder, root);
        await File.WriteAllTextAsync(Path.Combine(root, "Defaults", "triggers.json"), triggers);
        if (visibilityTimeout is { } visibility)
        {
            var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "host.json")))!;
            host["extensions"]!["queues"]!["visibilityTimeout"] = visibility.ToString("c");
            await File.WriteAllTextAsync(Path.Combine(root, "host.json"), host.ToJsonString());
        }

        var (queue, container, deadLetters) = (servers.Azure.UniqueName("harness-timers"), servers.Azure.UniqueName("harness-customers"), servers.Azure.UniqueName("harness-dead-letters"));
        var appSettings = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
            ["AzureWebJobsStorage"] = servers.Azure.StorageConnectionString,
            ["EventHubConnection__fullyQualifiedNamespace"] = "evhns-jt-harness.servicebus.windows.net",
            ["EventHub__Name"] = "touchpoints",
            ["EventHub__ConsumerGroup"] = "journey-triggers",
            ["TimerQueue__Name"] = queue,
            ["Storage__ConnectionString"] = servers.Azure.StorageConnectionString,
            ["DeadLetter__Container"] = deadLetters,
            // Through the counting proxy, in plain HTTP on loopback (the emulator's well-known key; not a secret).
            ["Cosmos__ConnectionString"] = servers.Azure.CosmosConnectionString.Split(';')
                .Select(p => p.StartsWith("AccountEndpoint=", StringComparison.Ordinal) ? $"AccountEndpoint=http://127.0.0.1:{servers.Cosmos.Port}/" : p)
                .Aggregate((a, b) => a + ";" + b),
            ["Cosmos__Database"] = AzureServers.Database,
            ["Cosmos__Container"] = container,
            ["Auth__IngestionKeys__0"] = IngestionKey,
            ["Auth__AdminKey"] = AdminKey,
            ["Unsubscribe__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Unsubscribe__BaseUrl"] = "https://func-jt-harness.azurewebsites.net/api",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) appSettings[name] = value;

        var app = new TestApp(root, appSettings, servers, container, deadLetters);
        // What the template provisions: the container (partition key /id, TTL on without a default) and the queue.
        await app.Cosmos.Database.CreateContainerAsync(new ContainerProperties(container, "/id") { DefaultTimeToLive = -1 });
        await new global::Azure.Storage.Queues.QueueClient(servers.Azure.StorageConnectionString, queue).CreateAsync();
        return app;
    }

    static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover folder in the temp directory is harmless.
        }
    }
}
