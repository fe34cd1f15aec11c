using System.Buffers;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Azure.Effects;

/// <summary>
/// The durable log of decisions metrics are computed from (DESIGN 4.7), in container <c>effects</c>: one
/// block blob per saved change, <c>{yyyy-MM-dd}/{customer}/{id}.ndjson</c>, one effect per line in the
/// very shape <c>simulate</c> prints. A blob per change rather than a shared append blob: no blob is hot,
/// no 50,000-block limit, and a retried write is a no-op (create only if absent). A day's effects are a
/// prefix listing of <c>{yyyy-MM-dd}/</c>; a lifecycle rule can age whole days out.
/// </summary>
internal sealed class BlobEffectLog(EnsuredContainer container)
{
    public async Task WriteAsync(EffectBatch batch, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var effect in batch.Effects)
        {
            using (var json = new Utf8JsonWriter(buffer, EffectWireFormat.LineOptions)) EffectWireFormat.Write(json, effect);
            buffer.Write("\n"u8);
        }
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(batch.BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(buffer.WrittenMemory), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Written before: this change's pending work is being finished a second time.
        }
    }

    /// <summary>Whether the batch was written: one HEAD request, no download.</summary>
    public async Task<bool> ExistsAsync(EffectBatch batch, CancellationToken cancellationToken) =>
        (await (await container.GetAsync(cancellationToken)).GetBlobClient(batch.BlobName).ExistsAsync(cancellationToken)).Value;

    /// <summary>
    /// Removes the customer's batches of changes saved no later than <paramref name="cutoff"/> (the time in their name,
    /// <see cref="BlobNames.TimeOrderedId"/>) from every day folder; how many. A name without a time is not one this version
    /// writes, and goes too. One listing per day kept, which a lifecycle rule bounds; erasure is rare.
    /// </summary>
    public Task<int> EraseSavedByAsync(ProfileKey key, Instant cutoff, CancellationToken cancellationToken) =>
        EraseAsync(key, name => Task.FromResult(BlobNames.TimeOf(Path.GetFileNameWithoutExtension(name)) is not { } savedAt || savedAt <= cutoff),
            cancellationToken);

    async Task<int> EraseAsync(ProfileKey key, Func<string, Task<bool>> condemns, CancellationToken cancellationToken)
    {
        var client = await container.GetAsync(cancellationToken);
        var erased = 0;
        await foreach (var day in client.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
            if (day.IsPrefix)
                erased += await BlobErasure.DeletePrefixAsync(client, day.Prefix + BlobNames.Segment(key) + "/", condemns, cancellationToken);
        return erased;
    }
}
