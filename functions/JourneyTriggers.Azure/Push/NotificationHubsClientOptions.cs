using Azure.Core;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// Options of <see cref="NotificationHubsClient"/>: the REST API version, the retry budget and the
/// per-try timeout (<see cref="ClientOptions.Retry"/>), and the longest <c>Retry-After</c> the client
/// waits out itself before handing the throttle back to its caller.
/// </summary>
public class NotificationHubsClientOptions : ClientOptions
{
    /// <summary>The Notification Hubs REST API versions this client speaks.</summary>
    public enum ServiceVersion
    {
        /// <summary>2020-06: installations with fcmv1, direct and tag sends, the one the official SDKs use.</summary>
        V2020_06 = 1,
    }

    public const ServiceVersion LatestVersion = ServiceVersion.V2020_06;

    public NotificationHubsClientOptions(ServiceVersion version = LatestVersion)
    {
        Version = version switch
        {
            ServiceVersion.V2020_06 => "2020-06",
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown Notification Hubs API version."),
        };
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        // Only these reach the logs: no Authorization (the SAS token), no tags (customer keys).
        foreach (var header in new[] { "ServiceBusNotification-Format", "Location", "TrackingId", "x-ms-correlation-request-id", "Retry-After", "x-ms-version" })
            Diagnostics.LoggedHeaderNames.Add(header);
        Diagnostics.LoggedQueryParameters.Add("api-version");
    }

    /// <summary>The <c>api-version</c> sent with every request.</summary>
    public string Version { get; }

    /// <summary>
    /// A throttled call whose <c>Retry-After</c> is longer than this is not retried inside the call: the
    /// caller gets the 429 and decides (a reminder is put back with the hint), instead of a timer
    /// invocation sleeping for minutes.
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long each signed token is valid; a fresh one signs every try.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromMinutes(20);
}
