using Azure;
using Azure.Core.Pipeline;
using JourneyTriggers.Azure.Push;

namespace JourneyTriggers.Azure.Tests.Push;

/// <summary>Clients of a <see cref="FakeNotificationHub"/>: trusting its certificate only, with quick retries and a short per-try timeout.</summary>
internal static class HubClients
{
    /// <summary>
    /// Short next to the scripted hangs (30 s), which it must cut; long enough that a try on a new TLS connection, as
    /// after a hung one, is answered on a busy machine.
    /// </summary>
    public static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(5);

    public static NotificationHubsClientOptions Options(FakeNotificationHub hub)
    {
        var options = new NotificationHubsClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == hub.Certificate.Thumbprint,
            }),
            MaxRetryAfterWait = TimeSpan.FromSeconds(5),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TryTimeout;
        return options;
    }

    public static NotificationHubsClient For(FakeNotificationHub hub, string? key = null, TimeProvider? time = null) =>
        new(hub.Endpoint, FakeNotificationHub.HubName, new AzureNamedKeyCredential(FakeNotificationHub.KeyName, key ?? hub.Key), Options(hub), time ?? TimeProvider.System);
}
