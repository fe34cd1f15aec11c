using Azure.Core;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Azure;
using JourneyTriggers.Azure.Email;
using JourneyTriggers.Azure.EventHubs;
using JourneyTriggers.Azure.Push;
using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The adapters of custom-handler mode (DESIGN 2, modes 1 and 2): everything lives in Azure, and every
/// secret is an app setting, since the deployed package is read-only and has no data folder.
/// </summary>
internal static class AzureAdapters
{
    public static IHostApplicationBuilder AddAzureAdapters(this IHostApplicationBuilder builder, ServeOptions options)
    {
        var configuration = builder.Configuration;

        // Cosmos DB customer documents, wake-ups on the timer queue, dead letters and the outbox in blobs.
        builder.Services.AddJourneyTriggersAzure(Read(() => AzureOptions.Read(configuration)));
        // Reminders go out through the providers that are configured; a channel without one stays in the blob outbox.
        if (Read(() => AcsEmailSettings.Read(configuration)) is { } email) builder.Services.AddSingleton<IEmailSender>(provider => new AcsEmailSender(
            // Entra ID as the managed identity (AZURE_CLIENT_ID), like the other Azure clients; a key only when one is set.
            email.CreateClient(provider.GetRequiredService<TokenCredential>()),
            email.Sender, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<AcsEmailSender>>()));
        // Push installations kept in step with Notification Hubs, and pushes sent through it, when it is configured.
        if (NotificationHubsConfiguration.Read(configuration) is { } hub)
            builder.Services.AddNotificationHubs(hub).AddSingleton<IPushSender, NotificationHubsPushSender>();
        // The HTTP collector publishes to the touchpoints hub; the Touchpoints function processes them from there.
        builder.Services.AddEventHubsCollector(Read(() => EventHubsCollectorSettings.Read(configuration)));

        var messages = configuration.GetSection("Messages").Get<MessageOptions>() ?? new MessageOptions();
        messages.PublicBaseUrl = Required(configuration, "Unsubscribe:BaseUrl").TrimEnd('/');
        messages.UnsubscribeSigningKey = Required(configuration, "Unsubscribe:SigningKey");
        builder.Services.AddReminderMessages(messages, options.Configuration);
        builder.Services.AddSingleton(CustomerPseudonyms.DerivedFrom(messages.UnsubscribeSigningKey));
        return builder;
    }

    /// <summary>Missing or malformed settings stop start-up with every one of them named, and no stack trace.</summary>
    static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupRefusedException(e.Message);
        }
    }

    /// <summary>No file fallback here, unlike the standalone host: a key made on one instance would not sign links the others accept.</summary>
    static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new StartupRefusedException($"JourneyTriggers cannot start: the app setting {key.Replace(":", "__", StringComparison.Ordinal)} is not set.");
}
