using System.Net;
using Microsoft.Azure.Cosmos;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>
/// The real servers every Azure adapter test talks to, started once for the whole suite on free
/// loopback ports: Azurite (queues, blobs; in memory) and cosmosdb-server (the Cosmos DB wire protocol,
/// HTTPS with a self-signed certificate; tests/servers/patches fixes its 500 on reading a missing item).
/// </summary>
public sealed class AzureServers : IAsyncLifetime
{
    /// <summary>The emulators' published development key (Azurite's devstoreaccount1; the Cosmos DB emulator's). Not a secret.</summary>
    const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public const string Database = "journeys";

    NodeServer? azurite;
    NodeServer? cosmos;
    /// <summary>The servers' working directory, so nothing they might write lands in the repository.</summary>
    readonly string workspace = Path.Combine(Path.GetTempPath(), "azure-servers-" + Guid.NewGuid().ToString("N"));
    int names;

    public string StorageConnectionString { get; private set; } = "";
    public string CosmosConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        RequireInstalled();
        Directory.CreateDirectory(workspace);
        var starting = new[]
        {
            NodeServer.StartAsync("Azurite", "tests/servers/node_modules/azurite/dist/src/azurite.js", 3, ports =>
            [
                "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            ], workspace),
            NodeServer.StartAsync("cosmosdb-server", "tests/servers/cosmosdb-server.cjs", 1, ports => [$"{ports[0]}"], workspace),
        };
        NodeServer[] started;
        try
        {
            started = await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var start in starting)
                if (start.IsCompletedSuccessfully) await start.Result.DisposeAsync();
            throw;
        }
        (azurite, cosmos) = (started[0], started[1]);
        var (blob, queue, cosmosPort) = (azurite.Ports[0], azurite.Ports[1], cosmos.Ports[0]);

        StorageConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;";
        CosmosConnectionString = $"AccountEndpoint=https://127.0.0.1:{cosmosPort}/;AccountKey={CosmosKey};";

        using var client = new CosmosClient(CosmosConnectionString, TrustTestServer(new CosmosClientOptions()));
        await client.CreateDatabaseIfNotExistsAsync(Database);
    }

    /// <summary>
    /// Options for a client of the test Cosmos server: gateway mode on its one address, and its self-signed
    /// certificate trusted — here only, product code never does this.
    /// </summary>
    public static CosmosClientOptions TrustTestServer(CosmosClientOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        options.ConnectionMode = ConnectionMode.Gateway;
        options.LimitToEndpoint = true;
        options.HttpClientFactory = () =>
        {
            HttpMessageHandler handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            };
            return new HttpClient(wrap is null ? handler : wrap(handler));
        };
        return options;
    }

    /// <summary>A name no other test has used in this run, for a container, queue or blob container of its own.</summary>
    public string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref names)}";

    /// <summary>
    /// Both servers, and the patch in tests/servers/patches: without it a missing item reads as a 500 and
    /// the store's tests would fail for the wrong reason.
    /// </summary>
    static void RequireInstalled()
    {
        var modules = RepositoryFiles.PathOf("tests/servers/node_modules");
        foreach (var package in new[] { "azurite", "@vercel/cosmosdb-server" })
            if (!File.Exists(Path.Combine(modules, package, "package.json")))
                throw new InvalidOperationException($"The Azure adapter tests need {package}, which is not installed: {NodeServer.Install}.");
        var handler = File.ReadAllText(Path.Combine(modules, "@vercel/cosmosdb-server/lib/handler/read-document.js"));
        if (!handler.Contains("A point read of a missing item is a 404", StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"cosmosdb-server is installed without the patch in tests/servers/patches ({HttpStatusCode.NotFound} for a missing item): {NodeServer.Install}.");
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        if (cosmos is not null) await cosmos.DisposeAsync();
        try
        {
            Directory.Delete(workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty folder in the temp directory is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzureServersCollection : ICollectionFixture<AzureServers>
{
    public const string Name = "Azure servers";
}
