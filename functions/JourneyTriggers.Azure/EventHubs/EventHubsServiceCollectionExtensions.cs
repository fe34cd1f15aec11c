using Azure.Core;
using JourneyTriggers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.EventHubs;

public static class EventHubsServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP collector of the Azure host: <see cref="ITouchpointDestination"/> publishes to the touchpoints hub
    /// through <see cref="EventHubsRestProducer"/>, with the shared access key when the settings carry one, else
    /// with the registered <see cref="TokenCredential"/> (the managed identity, from AddJourneyTriggersAzure).
    /// </summary>
    /// <param name="configure">Adjusts the producer's options (tests point its transport at their fake hub).</param>
    public static IServiceCollection AddEventHubsCollector(this IServiceCollection services, EventHubsCollectorSettings settings, Action<EventHubsProducerOptions>? configure = null)
    {
        services.AddSingleton(provider =>
        {
            var options = new EventHubsProducerOptions();
            configure?.Invoke(options);
            return settings.SharedAccessKey is { } key
                ? new EventHubsRestProducer(settings.Endpoint, settings.HubName, key, options, provider.GetService<TimeProvider>())
                : new EventHubsRestProducer(settings.Endpoint, settings.HubName, provider.GetRequiredService<TokenCredential>(), options);
        });
        services.AddSingleton<ITouchpointDestination>(provider => new EventHubsTouchpointPublisher(
            provider.GetRequiredService<EventHubsRestProducer>(), provider.GetRequiredService<ILogger<EventHubsTouchpointPublisher>>()));
        return services;
    }
}
