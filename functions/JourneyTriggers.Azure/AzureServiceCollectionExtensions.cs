using Azure.Core;
using Azure.Storage.Blobs;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Azure.Cosmos;
using JourneyTriggers.Azure.DeadLetters;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Azure.Outbox;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Metrics;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// The Azure adapters: <see cref="ICustomerStore"/> on Cosmos DB, <see cref="ITimerScheduler"/> on the
    /// timer queue, <see cref="IDeadLetterStore"/>, <see cref="IMetricsStore"/> and (unless the host registered its own)
    /// <see cref="IReminderDelivery"/> on Blob Storage; messages of a channel whose sender the host registered are delivered through it,
    /// and <see cref="DeferredDeliveries"/> tries again those whose provider asked to wait. Settings are read and checked here, so a missing one
    /// stops start-up with its name; clients are built on first use and open no connection before that.
    /// </summary>
    public static IServiceCollection AddJourneyTriggersAzure(this IServiceCollection services, IConfiguration configuration) =>
        services.AddJourneyTriggersAzure(AzureOptions.Read(configuration));

    /// <param name="configureCosmos">Adjusts the Cosmos DB client before it is built (tests trust their server's certificate with it).</param>
    public static IServiceCollection AddJourneyTriggersAzure(this IServiceCollection services, AzureOptions options, Action<CosmosClientOptions>? configureCosmos = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => AzureClients.Credential(options));
        services.AddSingleton(provider => AzureClients.Cosmos(options, provider.GetRequiredService<TokenCredential>(), configureCosmos));
        services.AddSingleton(provider => AzureClients.Blobs(options, provider.GetRequiredService<TokenCredential>()));

        services.AddSingleton(provider => new StorageQueueTimerScheduler(
            AzureClients.TimerQueue(options, provider.GetRequiredService<TokenCredential>()),
            provider.GetRequiredService<TimeProvider>(),
            options.Storage.MaxWakeUpDelay));
        services.AddSingleton<ITimerScheduler>(provider => provider.GetRequiredService<StorageQueueTimerScheduler>());
        services.AddSingleton<IWakeUpQueue>(provider => provider.GetRequiredService<StorageQueueTimerScheduler>());
        services.AddSingleton(provider => new BlobReminderOutbox(Container(provider, options.Storage.OutboxContainer)));
        services.TryAddSingleton<IReminderDelivery>(provider => provider.GetRequiredService<BlobReminderOutbox>());
        services.AddSingleton(provider => new BlobEffectLog(Container(provider, options.Storage.EffectsContainer)));
        services.AddSingleton(provider => new BlobMetricsStore(Container(provider, options.Storage.MetricsContainer)));
        services.AddSingleton<IMetricsStore>(provider => provider.GetRequiredService<BlobMetricsStore>());
        services.AddSingleton<IDeadLetterStore>(provider => new BlobDeadLetterStore(Container(provider, options.Storage.DeadLetterContainer)));

        services.AddSingleton(provider => new CosmosCustomerStore(
            provider.GetRequiredService<CosmosClient>().GetContainer(options.Cosmos.Database, options.Cosmos.Container),
            new PendingWorkRunner(
                provider.GetRequiredService<ITimerScheduler>(),
                provider.GetRequiredService<IReminderDelivery>(),
                provider.GetRequiredService<BlobEffectLog>(),
                provider.GetRequiredService<BlobMetricsStore>(),
                provider.GetRequiredService<ProviderDelivery>(),
                provider.GetService<IPushInstallations>()),
            provider.GetRequiredService<BlobReminderOutbox>(),
            provider.GetRequiredService<BlobEffectLog>(),
            provider.GetRequiredService<StorageQueueTimerScheduler>(),
            options.ErasureSweepDelay,
            options.Cosmos,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<CustomerPseudonyms>(),
            new MetricFacts(provider.GetRequiredService<TriggerConfiguration>()),
            provider.GetRequiredService<ILogger<CosmosCustomerStore>>()));
        services.AddSingleton<ICustomerStore>(provider => provider.GetRequiredService<CosmosCustomerStore>());
        services.AddSingleton(provider => Providers(provider, options));
        // Needs the host's pipeline (LateSendCheck, DeliveryRecording), so only a host that has one resolves it.
        services.AddSingleton(provider => new DeferredDeliveries(
            provider.GetRequiredService<BlobReminderOutbox>(),
            provider.GetRequiredService<ProviderDelivery>(),
            provider.GetRequiredService<LateSendCheck>(),
            provider.GetRequiredService<DeliveryRecording>()));
        return services;
    }

    /// <summary>Delivery through the senders the host registered (<see cref="IEmailSender"/>, <see cref="IPushSender"/>), for the channels that have one.</summary>
    static ProviderDelivery Providers(IServiceProvider provider, AzureOptions options) =>
        new(new BlobDeliveryRecords(Container(provider, options.Storage.OutboxContainer)), provider.GetService<IEmailSender>(), provider.GetService<IPushSender>(),
            DeliveryPolicy.Default with { FirstRetry = NodaTime.Duration.FromTimeSpan(options.DeliveryFirstRetry) }, options.DeliveryCallTimeout,
            provider.GetRequiredService<StorageQueueTimerScheduler>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<CustomerPseudonyms>(),
            provider.GetRequiredService<ILogger<ProviderDelivery>>());

    static EnsuredContainer Container(IServiceProvider provider, string name) =>
        new(provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name));
}
