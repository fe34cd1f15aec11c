using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Azure.Delivery;

/// <summary>
/// A message's delivery record (<see cref="DeliveryProgressJson"/>) as the blob
/// <c>{customer}/{messageId}.delivery.json</c> beside the message in the outbox container, so erasing a
/// customer's outbox erases it too. Created only if absent (the claim); every later write is conditional on
/// the ETag read, so two instances delivering the same message cannot both move it on.
/// </summary>
internal sealed class BlobDeliveryRecords(EnsuredContainer container)
{
    public sealed record Stored(DeliveryProgress Progress, ETag ETag);

    /// <summary>The record as found, or <paramref name="start"/> newly created when there was none.</summary>
    public async Task<Stored> ClaimAsync(ProfileKey customer, string messageId, DeliveryProgress start, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(NameOf(customer, messageId));
        try
        {
            var created = await blob.UploadAsync(BinaryData.FromBytes(DeliveryProgressJson.Serialize(start)), Options(new BlobRequestConditions { IfNoneMatch = ETag.All }), cancellationToken);
            return new Stored(start, created.Value.ETag);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return await ReadAsync(blob, cancellationToken);
        }
    }

    /// <summary>The record as found; null when there is none (a delivery that waited has one: none means it was erased meanwhile).</summary>
    public async Task<Stored?> FindAsync(ProfileKey customer, string messageId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(NameOf(customer, messageId));
        try
        {
            return await ReadAsync(blob, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound || e.Status == 404)
        {
            return null;
        }
    }

    static async Task<Stored> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var found = await blob.DownloadContentAsync(cancellationToken);
        return new Stored(DeliveryProgressJson.Read(found.Value.Content.ToMemory().Span), found.Value.Details.ETag);
    }

    /// <summary>Writes <paramref name="progress"/> over the version <paramref name="etag"/> only; null when someone else moved it on first.</summary>
    public async Task<Stored?> TryReplaceAsync(ProfileKey customer, string messageId, DeliveryProgress progress, ETag etag, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(NameOf(customer, messageId));
        try
        {
            var written = await blob.UploadAsync(BinaryData.FromBytes(DeliveryProgressJson.Serialize(progress)), Options(new BlobRequestConditions { IfMatch = etag }), cancellationToken);
            return new Stored(progress, written.Value.ETag);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ConditionNotMet || e.Status == 412)
        {
            return null;
        }
    }

    public static string NameOf(ProfileKey customer, string messageId) => $"{BlobNames.Segment(customer)}/{messageId}{Suffix}";

    /// <summary>How a record's name ends, after its message id: the message's own blob ends in plain <c>.json</c>.</summary>
    public const string Suffix = ".delivery.json";

    static BlobUploadOptions Options(BlobRequestConditions conditions) => new()
    {
        Conditions = conditions,
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
    };
}
