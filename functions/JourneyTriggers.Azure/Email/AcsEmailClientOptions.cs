using Azure.Core;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Options of <see cref="AcsEmailClient"/>: the Email REST API version, retries and timeouts (from
/// <see cref="ClientOptions"/>), a bound on one whole call, and the polling fallback.
/// </summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    /// <summary>The newest version this client speaks.</summary>
    const ServiceVersion LatestVersion = ServiceVersion.V2025_09_01;

    /// <summary>The stable versions of the Communication Services Email REST API (azure-rest-api-specs, data-plane/Email/stable).</summary>
    public enum ServiceVersion
    {
        /// <summary>2023-03-31, the first stable version.</summary>
        V2023_03_31 = 1,

        /// <summary>2025-09-01, the current stable version.</summary>
        V2025_09_01 = 2,
    }

    public AcsEmailClientOptions(ServiceVersion version = LatestVersion)
    {
        Version = version switch
        {
            ServiceVersion.V2023_03_31 => "2023-03-31",
            ServiceVersion.V2025_09_01 => "2025-09-01",
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Not an Email REST API version this client knows."),
        };
        // Sends repeat safely only because every send carries repeatability headers; the retry policy
        // (exponential back-off with jitter, Retry-After honoured) then covers 408, 429, 5xx and timeouts.
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        // Operation-Location carries only the operation id; both are ours, derived from the message id.
        Diagnostics.LoggedHeaderNames.Add("Operation-Location");
        Diagnostics.LoggedHeaderNames.Add("Operation-Id");
        Diagnostics.LoggedHeaderNames.Add("Repeatability-Request-ID");
        Diagnostics.LoggedHeaderNames.Add("Repeatability-First-Sent");
        Diagnostics.LoggedHeaderNames.Add("Repeatability-Result");
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        Diagnostics.LoggedHeaderNames.Add("retry-after-ms");
        Diagnostics.LoggedQueryParameters.Add("api-version");
    }

    /// <summary>The api-version query parameter every request carries.</summary>
    internal string Version { get; }

    /// <summary>
    /// Bounds one call of the client, every try and back-off included (the per-try bound is
    /// <see cref="RetryOptions.NetworkTimeout"/>). Past it the call fails with a <see cref="RequestFailedException"/>
    /// whose <see cref="RequestFailedException.ErrorCode"/> is <see cref="AcsEmailClient.CallTimeoutErrorCode"/>.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait between two status reads when the service names no retry-after.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
