using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Azure.Outbox;

/// <summary>
/// Records each reminder as one blob, <c>outbox/{customer}/{messageId}.json</c>, created only if absent:
/// a message id is recorded once however often a crash makes us deliver it again. The delivery of a channel without a
/// provider client, and for the others the copy a delayed delivery is read back from.
/// </summary>
internal sealed class BlobReminderOutbox(EnsuredContainer container) : IReminderDelivery
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options)) OutboundMessageJson.Write(json, message);
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(NameOf(message.Customer, message.MessageId));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(buffer.WrittenMemory), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Recorded before: this is a retry of the same delivery.
        }
    }

    /// <summary>The message recorded under <paramref name="messageId"/>; null when there is none (never recorded, or erased).</summary>
    public async Task<OutboundMessage?> FindAsync(ProfileKey customer, string messageId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(NameOf(customer, messageId));
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            using var json = JsonDocument.Parse(content.ToMemory());
            return OutboundMessageJson.Read(json.RootElement);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound || e.Status == 404)
        {
            return null;
        }
    }

    public static string NameOf(ProfileKey customer, string messageId) => $"{BlobNames.Segment(customer)}/{messageId}.json";

    /// <summary>
    /// Removes the customer's messages decided no later than <paramref name="cutoff"/> (their <see cref="OutboundMessage.At"/>), each with
    /// its delivery record, and records whose message is gone (a message is recorded before its delivery is claimed); how many blobs.
    /// </summary>
    public async Task<int> EraseDecidedByAsync(ProfileKey customer, Instant cutoff, CancellationToken cancellationToken)
    {
        var prefix = BlobNames.Segment(customer) + "/";
        var condemned = new Dictionary<string, bool>(StringComparer.Ordinal);
        return await BlobErasure.DeletePrefixAsync(await container.GetAsync(cancellationToken), prefix, async name =>
        {
            var messageId = name[prefix.Length..^(name.EndsWith(BlobDeliveryRecords.Suffix, StringComparison.Ordinal) ? BlobDeliveryRecords.Suffix.Length : ".json".Length)];
            if (!condemned.TryGetValue(messageId, out var old))
                condemned[messageId] = old = await FindAsync(customer, messageId, cancellationToken) is not { } message || message.At <= cutoff;
            return old;
        }, cancellationToken);
    }
}
