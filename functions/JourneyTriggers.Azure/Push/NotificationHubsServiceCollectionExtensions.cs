using JourneyTriggers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.Push;

public static class NotificationHubsServiceCollectionExtensions
{
    /// <summary>
    /// The hub's client and <see cref="IPushInstallations"/> on it, which the customer stores of both hosts
    /// pick up to keep installations in step. <see cref="IPushSender"/> is one more line for the delivery
    /// path: <c>services.AddSingleton&lt;IPushSender, NotificationHubsPushSender&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddNotificationHubs(this IServiceCollection services, NotificationHubsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(_ => settings.CreateClient());
        services.AddSingleton<IPushInstallations>(provider => new NotificationHubsInstallations(
            provider.GetRequiredService<NotificationHubsClient>(), provider.GetRequiredService<ILogger<NotificationHubsInstallations>>()));
        return services;
    }
}
