using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
