using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure;

/// <summary>
/// Where the Azure adapters find their services, read from the app settings of infra/app-settings.json:
/// <c>Cosmos__Endpoint</c>, <c>Cosmos__Database</c>, <c>Cosmos__Container</c>, <c>Storage__QueueServiceUri</c>,
/// <c>Storage__BlobServiceUri</c>, <c>TimerQueue__Name</c>, <c>DeadLetter__Container</c> and
/// <c>AZURE_CLIENT_ID</c> (the user-assigned identity every client signs in with).
/// <para>
/// Local only, never written by the template (so not in app-settings.json): <c>Cosmos__ConnectionString</c>
/// and <c>Storage__ConnectionString</c> point the app at emulators (the Cosmos DB emulator, Azurite) with
/// their well-known keys, and replace the endpoint settings of that service when set. Optional tuning,
/// also not written by the template: <c>Cosmos__AnonymousTtlDays</c> (default 90), <c>TimerQueue__MaxWakeUpDelay</c>
/// (a TimeSpan, 1 second to 7 days; default 7 days), <c>Delivery__FirstRetry</c> (a TimeSpan, 1 second to 1 hour;
/// default 30 seconds) and <c>Delivery__CallTimeout</c> (a TimeSpan, 10 seconds to 15 minutes; default 5 minutes).
/// </para>
/// </summary>
public sealed record AzureOptions
{
    public required CosmosOptions Cosmos { get; init; }
    public required StorageOptions Storage { get; init; }

    /// <summary>Client id of the user-assigned managed identity; null off Azure, where DefaultAzureCredential is used.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>
    /// How long a reminder its provider did not take waits before the first new attempt; it doubles after each, up to an
    /// hour, and a provider's Retry-After that asks for longer wins.
    /// </summary>
    public TimeSpan DeliveryFirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one provider call may run, every try and status read included; past it the call is abandoned and its
    /// outcome is unknown. Another attempt that finds the call claimed leaves it alone this long (and a minute for its
    /// answer to be written), so a call still running is never declared interrupted. The default leaves room for
    /// Communication Services' send and its status polling, two minutes each.
    /// </summary>
    public TimeSpan DeliveryCallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after an erasure its second sweep comes: the longest an instance that saved the customer just before the
    /// erasure can still be carrying out that save's work and writing blobs. That work hands each message to its provider
    /// one target at a time, a push to each of the customer's devices (at most
    /// <see cref="Core.Customers.CustomerProfile.MaxInstallations"/>), every call bounded by <see cref="DeliveryCallTimeout"/>,
    /// and a minute each for the writes around it; 60 minutes by default. An instance frozen for longer is not covered.
    /// </summary>
    public TimeSpan ErasureSweepDelay => (DeliveryCallTimeout + TimeSpan.FromMinutes(1)) * Core.Customers.CustomerProfile.MaxInstallations;

    /// <summary>Reads the settings; a missing or malformed one is an error naming every such setting.</summary>
    public static AzureOptions Read(IConfiguration configuration) => AzureOptionsReader.Read(configuration);
}

public sealed record CosmosOptions
{
    /// <summary>Account endpoint, signed in to with Entra ID. Null when <see cref="ConnectionString"/> is set.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Local emulators only: an account key connection string.</summary>
    public string? ConnectionString { get; init; }

    public required string Database { get; init; }
    public required string Container { get; init; }

    /// <summary>How long an anonymous profile (or a tombstone) lives after its last write: Cosmos DB's per-item <c>ttl</c>.</summary>
    public TimeSpan AnonymousTimeToLive { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Throttling (429) is retried inside the SDK, each time after the server's <c>x-ms-retry-after-ms</c>,
    /// this many times or until <see cref="MaxRateLimitWait"/> has passed; then the store reports it as
    /// unavailable and the host's own retry takes over.
    /// </summary>
    public int MaxRateLimitRetries { get; init; } = 9;

    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(20);
}

public sealed record StorageOptions
{
    /// <summary>Queue endpoint (timer wake-ups), signed in to with Entra ID. Null when <see cref="ConnectionString"/> is set.</summary>
    public Uri? QueueServiceUri { get; init; }

    /// <summary>Blob endpoint (dead letters, outbox, effect log). Null when <see cref="ConnectionString"/> is set.</summary>
    public Uri? BlobServiceUri { get; init; }

    /// <summary>Local emulators only (Azurite): a shared-key connection string for queues and blobs alike.</summary>
    public string? ConnectionString { get; init; }

    public required string TimerQueue { get; init; }

    /// <summary>
    /// The longest wait one wake-up message covers; longer waits chain. The queue's own limit (7 days) unless
    /// <c>TimerQueue__MaxWakeUpDelay</c> shortens it: a test configuration does, to see a chain in seconds.
    /// </summary>
    public TimeSpan MaxWakeUpDelay { get; init; } = TimeSpan.FromDays(7);
    public required string DeadLetterContainer { get; init; }

    /// <summary>Rendered reminders by customer and message id; created by the app on first use.</summary>
    public string OutboxContainer { get; init; } = "outbox";

    /// <summary>Non-timer effects for metrics, one blob per saved change; created by the app on first use.</summary>
    public string EffectsContainer { get; init; } = "effects";

    /// <summary>Metric tallies per saved change and their per-day summaries (no personal data); created by the app on first use.</summary>
    public string MetricsContainer { get; init; } = "metrics";
}
