using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.Cosmos;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Journeys;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>
/// The Azure adapters as a host builds them (<see cref="AzureServiceCollectionExtensions.AddJourneyTriggersAzure(IServiceCollection, AzureOptions, Action{CosmosClientOptions})"/>),
/// against the test servers, in a Cosmos container, queue and blob containers of their own; plus raw
/// clients to look at what they wrote the way an operator would.
/// </summary>
internal sealed class Rig : IAsyncDisposable
{
    readonly ServiceProvider provider;

    Rig(ServiceProvider provider, AzureOptions options, Container container, QueueClient rawQueue, BlobServiceClient blobs)
    {
        this.provider = provider;
        Options = options;
        Container = container;
        RawQueue = rawQueue;
        Blobs = blobs;
    }

    public AzureOptions Options { get; }
    public Container Container { get; }

    /// <summary>The timer queue without any message decoding: shows the bytes as they lie in the queue.</summary>
    public QueueClient RawQueue { get; }

    public BlobServiceClient Blobs { get; }

    public ICustomerStore Store => provider.GetRequiredService<ICustomerStore>();
    public ITimerScheduler Scheduler => provider.GetRequiredService<ITimerScheduler>();
    public IDeadLetterStore DeadLetters => provider.GetRequiredService<IDeadLetterStore>();
    public BlobMetricsStore Metrics => provider.GetRequiredService<BlobMetricsStore>();
    public DeferredDeliveries Deliveries => provider.GetRequiredService<DeferredDeliveries>();
    public CustomerErasure Erasure => provider.GetRequiredService<CustomerErasure>();

    /// <summary>The store as the Azure host's own functions use it, beyond the port: an erasure's second sweep.</summary>
    public CosmosCustomerStore CosmosStore => provider.GetRequiredService<CosmosCustomerStore>();

    /// <summary>The host's trigger configuration, as far as the adapters read it: metric days are dates in its time zone, UTC here.</summary>
    public static readonly TriggerConfiguration Configuration = new(
        new ConfigurationDefaults(DateTimeZone.Utc, "en-US", null, FrequencyCap.None, 0m, Duration.FromDays(3), EmailConsentMode.Explicit), []);

    /// <param name="services">Replaces registrations after the adapters' own (a failing scheduler, say).</param>
    /// <param name="cosmosHandler">Wraps the Cosmos client's HTTP handler (to answer 429 in front of the server, say).</param>
    public static async Task<Rig> CreateAsync(
        AzureServers servers,
        Action<IServiceCollection>? services = null,
        Func<HttpMessageHandler, HttpMessageHandler>? cosmosHandler = null,
        Func<CosmosOptions, CosmosOptions>? cosmos = null,
        TimeProvider? time = null,
        Func<StorageOptions, StorageOptions>? storage = null)
    {
        var options = new AzureOptions
        {
            Cosmos = new CosmosOptions
            {
                ConnectionString = servers.CosmosConnectionString,
                Database = AzureServers.Database,
                Container = servers.UniqueName("customers"),
            },
            Storage = new StorageOptions
            {
                ConnectionString = servers.StorageConnectionString,
                TimerQueue = servers.UniqueName("timers"),
                DeadLetterContainer = servers.UniqueName("dead-letters"),
                OutboxContainer = servers.UniqueName("outbox"),
                EffectsContainer = servers.UniqueName("effects"),
                MetricsContainer = servers.UniqueName("metrics"),
            },
        };
        if (cosmos is not null) options = options with { Cosmos = cosmos(options.Cosmos) };
        if (storage is not null) options = options with { Storage = storage(options.Storage) };

        var collection = new ServiceCollection().AddLogging();
        if (time is not null) collection.AddSingleton(time);
        collection.AddSingleton(CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey()));
        collection.AddSingleton(Configuration);
        // The host's pipeline, as far as the adapters call back into it (a deferred delivery records its verdict through it), and the erasure that drives the store.
        collection.AddSingleton(new JourneyEngine(Configuration)).AddSingleton<IReminderComposer, FakeComposer>().AddSingleton<CustomerUpdates>()
            .AddSingleton<CustomerLocks>().AddSingleton<HostClock>().AddSingleton<DeliveryRecording>().AddSingleton<LateSendCheck>()
            .AddSingleton<CustomerErasure>();
        collection.AddJourneyTriggersAzure(options, client => AzureServers.TrustTestServer(client, cosmosHandler));
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();

        // What the template provisions in Azure: the container (partition key /id, TTL on, no default expiry) and the queue.
        var database = provider.GetRequiredService<CosmosClient>().GetDatabase(AzureServers.Database);
        await database.CreateContainerAsync(new ContainerProperties(options.Cosmos.Container, "/id") { DefaultTimeToLive = -1 });
        var rawQueue = new QueueClient(servers.StorageConnectionString, options.Storage.TimerQueue);
        await rawQueue.CreateAsync();

        return new Rig(provider, options, database.GetContainer(options.Cosmos.Container), rawQueue,
            provider.GetRequiredService<BlobServiceClient>());
    }

    /// <summary>The item as stored, Cosmos metadata and all; null when there is none.</summary>
    public async Task<System.Text.Json.JsonElement?> RawItemAsync(string id)
    {
        using var response = await Container.ReadItemStreamAsync(id, new PartitionKey(id));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var document = await System.Text.Json.JsonDocument.ParseAsync(response.Content);
        return document.RootElement.Clone();
    }

    /// <summary>Every blob name in one of the rig's containers, in name order; none when the container was never created.</summary>
    public async Task<List<string>> BlobNamesAsync(string container)
    {
        var client = Blobs.GetBlobContainerClient(container);
        var names = new List<string>();
        if (!await client.ExistsAsync()) return names;
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default)) names.Add(blob.Name);
        return names;
    }

    /// <summary>
    /// The effect batch named by the item's pending work, which marks that work done once written; null when
    /// nothing is pending. Work with messages has no marker: it is cleared by a write instead.
    /// </summary>
    public async Task<string?> CompletionMarkerAsync(string id)
    {
        if (!(await RawItemAsync(id))!.Value.TryGetProperty("pending", out var pending)) return null;
        var steps = pending.EnumerateArray().ToList();
        Assert.DoesNotContain(steps, step => step.GetProperty("do").GetString() == "deliver");
        return steps.Single(step => step.GetProperty("do").GetString() == "log").GetProperty("blob").GetString();
    }

    /// <summary>Nothing pending in the item, or its pending work marked done.</summary>
    public async Task<bool> NoWorkUndoneAsync(string id) =>
        await CompletionMarkerAsync(id) is not { } marker || (await BlobNamesAsync(Options.Storage.EffectsContainer)).Contains(marker);

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
