using Azure.Identity;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Email;
using JourneyTriggers.Azure.Push;
using JourneyTriggers.Standalone.Smtp;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Where the standalone host's reminders leave: email through Communication Services when
/// <c>Email:Endpoint</c> is set, else SMTP when <c>Smtp:Host</c> is, else the outbox (the dev inbox);
/// push through Notification Hubs when it is configured, else the outbox. The descriptions name the
/// channel and where it points, never a key or password.
/// </summary>
/// <param name="SendsEmail">True when email goes to a provider (Communication Services or SMTP), not the outbox.</param>
internal sealed record StandaloneChannels(string Email, string Push, bool SendsEmail)
{
    /// <summary>
    /// Registers the provider senders before the standalone adapters, which keep a sender registered first
    /// over SMTP (OutboxDispatcher); that order is the precedence ACS over SMTP over the outbox.
    /// </summary>
    public static StandaloneChannels Register(IServiceCollection services, IConfiguration configuration, SmtpOptions? smtp)
    {
        var acs = ReadEmail(configuration);
        if (acs is not null)
        {
            // Entra ID when no key is set: a developer signed in with az login, or a managed identity off Azure Functions.
            services.AddSingleton(_ => acs.CreateClient(new DefaultAzureCredential()));
            services.AddSingleton<IEmailSender>(provider => new AcsEmailSender(provider.GetRequiredService<AcsEmailClient>(), acs.Sender,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<AcsEmailSender>>()));
        }
        var hub = NotificationHubsConfiguration.Read(configuration);
        if (hub is not null)
        {
            services.AddNotificationHubs(hub);
            services.AddSingleton<IPushSender>(provider => new NotificationHubsPushSender(provider.GetRequiredService<NotificationHubsClient>(),
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<NotificationHubsPushSender>>()));
        }
        var channels = Describe(acs, smtp, hub);
        services.AddSingleton(channels);
        return channels;
    }

    internal static StandaloneChannels Describe(AcsEmailSettings? acs, SmtpOptions? smtp, NotificationHubsSettings? hub) => new(
        acs is not null ? $"Communication Services at {acs.Endpoint.Host} ({(acs.AccessKey is null ? "Entra ID" : "access key")})"
            : smtp is not null ? $"SMTP at {smtp.Host}:{smtp.Port}"
            : "the outbox (dev inbox)",
        hub is not null ? $"Notification Hubs, hub {hub.HubName} at {hub.Endpoint.Host}" : "the outbox (dev inbox)",
        SendsEmail: acs is not null || smtp is not null);

    static AcsEmailSettings? ReadEmail(IConfiguration configuration)
    {
        try
        {
            return AcsEmailSettings.Read(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupRefusedException($"JourneyTriggers cannot start: {e.Message}");
        }
    }
}
