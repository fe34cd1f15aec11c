using JourneyTriggers.Azure.Tests.Support;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// Azurite and cosmosdb-server for the whole harness suite (the Azure adapter tests' <see cref="AzureServers"/>), the
/// counting proxy in front of Cosmos, and the published package.
/// </summary>
public sealed class HarnessServers : IAsyncLifetime
{
    readonly AzureServers servers = new();
    readonly Lazy<CustomHandler.PublishedPackage> package = new(() => new CustomHandler.PublishedPackage());

    internal CosmosProxy Cosmos { get; private set; } = null!;
    internal AzureServers Azure => servers;
    public string PublishedFolder => package.Value.Folder;

    public async Task InitializeAsync()
    {
        await servers.InitializeAsync();
        var endpoint = servers.CosmosConnectionString.Split(';').Single(p => p.StartsWith("AccountEndpoint=", StringComparison.Ordinal))["AccountEndpoint=".Length..];
        Cosmos = await CosmosProxy.StartAsync(new Uri(endpoint));
    }

    public async Task DisposeAsync()
    {
        await Cosmos.DisposeAsync();
        await servers.DisposeAsync();
        if (package.IsValueCreated) package.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HarnessCollection : ICollectionFixture<HarnessServers>
{
    public const string Name = "Functions host harness";
}
