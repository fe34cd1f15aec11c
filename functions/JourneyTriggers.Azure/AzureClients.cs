using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace JourneyTriggers.Azure;

/// <summary>
/// Builds the service clients from <see cref="AzureOptions"/>. In Azure every client signs in as the
/// user-assigned managed identity; keys and connection strings exist only for local emulators.
/// Constructing a client opens no connection, so the handler starts listening at once.
/// </summary>
public static class AzureClients
{
    public static TokenCredential Credential(AzureOptions options) => Credential(options.ManagedIdentityClientId);

    /// <param name="managedIdentityClientId">The user-assigned identity's client id (AZURE_CLIENT_ID), if any.</param>
    public static TokenCredential Credential(string? managedIdentityClientId) =>
        !string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId))
            // Off Azure (a developer signed in with the az CLI, say) the usual chain applies.
            : new DefaultAzureCredential();

    /// <param name="configure">Lets tests adjust the client (a test server's certificate, say) before it is built.</param>
    public static CosmosClient Cosmos(AzureOptions options, TokenCredential credential, Action<CosmosClientOptions>? configure = null)
    {
        var cosmos = options.Cosmos;
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "JourneyTriggers",
            MaxRetryAttemptsOnRateLimitedRequests = cosmos.MaxRateLimitRetries,
            MaxRetryWaitTimeOnRateLimitedRequests = cosmos.MaxRateLimitWait,
            // Emulators answer on one address only and publish others the SDK must not follow; in Azure
            // the default direct mode (TCP to the replicas) is the fast path.
            ConnectionMode = cosmos.ConnectionString is null ? ConnectionMode.Direct : ConnectionMode.Gateway,
            LimitToEndpoint = cosmos.ConnectionString is not null,
        };
        configure?.Invoke(clientOptions);
        return cosmos.ConnectionString is { } connectionString
            ? new CosmosClient(connectionString, clientOptions)
            : new CosmosClient(cosmos.Endpoint!.AbsoluteUri, credential, clientOptions);
    }

    /// <summary>
    /// The timer queue, Base64-encoding every message: the Functions host's queue trigger decodes Base64
    /// by default and poisons, unread, a message that does not decode (protocol doc §3.2).
    /// </summary>
    public static QueueClient TimerQueue(AzureOptions options, TokenCredential credential)
    {
        var storage = options.Storage;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return storage.ConnectionString is { } connectionString
            ? new QueueClient(connectionString, storage.TimerQueue, clientOptions)
            : new QueueServiceClient(storage.QueueServiceUri!, credential, clientOptions).GetQueueClient(storage.TimerQueue);
    }

    public static BlobServiceClient Blobs(AzureOptions options, TokenCredential credential) =>
        options.Storage.ConnectionString is { } connectionString
            ? new BlobServiceClient(connectionString)
            : new BlobServiceClient(options.Storage.BlobServiceUri!, credential);
}
