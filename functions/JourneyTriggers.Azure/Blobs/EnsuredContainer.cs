using Azure.Storage.Blobs;

namespace JourneyTriggers.Azure.Blobs;

/// <summary>
/// A blob container created on first use rather than at start-up (the handler must listen within
/// seconds), once per process; a failed attempt is tried again by the next caller.
/// </summary>
internal sealed class EnsuredContainer(BlobContainerClient client)
{
    readonly SemaphoreSlim gate = new(1, 1);
    volatile bool exists;

    public string Name => client.Name;

    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        if (exists) return client;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!exists)
            {
                await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                exists = true;
            }
            return client;
        }
        finally
        {
            gate.Release();
        }
    }
}
