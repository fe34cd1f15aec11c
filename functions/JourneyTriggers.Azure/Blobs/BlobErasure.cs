using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace JourneyTriggers.Azure.Blobs;

internal static class BlobErasure
{
    /// <summary>Deletes the blobs whose name starts with <paramref name="prefix"/> that <paramref name="condemns"/> says so of (by name); how many.</summary>
    public static async Task<int> DeletePrefixAsync(BlobContainerClient container, string prefix, Func<string, Task<bool>> condemns,
        CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (!await condemns(blob.Name)) continue;
            try
            {
                await container.DeleteBlobAsync(blob.Name, cancellationToken: cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted concurrently (a second erasure of the same customer): the outcome is the same.
            }
        }
        return deleted;
    }
}
