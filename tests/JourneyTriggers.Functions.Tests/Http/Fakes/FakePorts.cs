using JourneyTriggers.Application.Processing;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>Fills every port the service needs with the in-memory fakes: the tests' stand-in for the adapter extension calls.</summary>
internal static class FakePorts
{
    public static IServiceCollection AddFakePorts(
        this IServiceCollection services, InMemoryCustomerStore? store = null, InMemoryOutbox? outbox = null, IUnsubscribeTokens? tokens = null)
    {
        store ??= new InMemoryCustomerStore();
        services.AddSingleton<ICustomerStore>(store);
        services.AddSingleton<IMetricsStore>(new InMemoryMetricsStore(store));
        services.AddSingleton<IReminderComposer, FakeReminderComposer>();
        services.AddSingleton<IOutboxReader>(outbox ?? new InMemoryOutbox());
        services.AddSingleton(tokens ?? new SignedUnsubscribeTokens(TimeProvider.System));
        services.TryAddSingleton(CustomerPseudonyms.DerivedFrom(UnsubscribeTokens.GenerateKey()));
        return services;
    }

    /// <summary>
    /// The collector's events decided in the request, over the fake store: a test reads the outcome of its POST at
    /// once. The standalone inbox between the two is covered by its own tests and the end-to-end ones.
    /// </summary>
    public static IServiceCollection AddDecidingCollector(this IServiceCollection services)
    {
        services.AddSingleton<ITouchpointDestination>(provider => provider.GetRequiredService<TouchpointIngestion>());
        return services;
    }
}
