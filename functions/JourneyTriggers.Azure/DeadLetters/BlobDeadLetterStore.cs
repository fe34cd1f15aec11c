using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Blobs;

namespace JourneyTriggers.Azure.DeadLetters;

/// <summary>
/// Dead letters as one JSON blob each, <c>{yyyy-MM-dd}/{id}.json</c> in the dead-letter container. The id
/// is a time-ordered UUID, so a day's names sort oldest to newest and the newest are found without
/// reading every blob; a lifecycle rule can age whole days out.
/// </summary>
internal sealed class BlobDeadLetterStore(EnsuredContainer container) : IDeadLetterStore
{
    /// <summary>The most one listing returns, whatever the caller asks.</summary>
    public const int MaxLimit = 1000;

    public async Task<string> WriteAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        var id = BlobNames.TimeOrderedId(letter.At);
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient($"{BlobNames.Day(letter.At)}/{id}.json");
        await blob.UploadAsync(BinaryData.FromBytes(DeadLetterJson.Write(id, letter)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);
        return id;
    }

    /// <summary>
    /// Walks the day folders newest first and, in each, takes names from the end (listings come in name
    /// order, which is time order here) until <paramref name="limit"/> letters are found.
    /// </summary>
    public async Task<IReadOnlyList<StoredDeadLetter>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, MaxLimit);
        var client = await container.GetAsync(cancellationToken);
        var days = new List<string>();
        await foreach (var item in client.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
            if (item.IsPrefix) days.Add(item.Prefix);
        days.Sort(StringComparer.Ordinal);

        var names = new List<string>();
        for (var d = days.Count - 1; d >= 0 && names.Count < limit; d--)
        {
            var inDay = new List<string>();
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, days[d], cancellationToken)) inDay.Add(blob.Name);
            inDay.Sort(StringComparer.Ordinal);
            for (var i = inDay.Count - 1; i >= 0 && names.Count < limit; i--) names.Add(inDay[i]);
        }

        var letters = new List<StoredDeadLetter>(names.Count);
        foreach (var name in names)
            if (await ReadAsync(client.GetBlobClient(name), cancellationToken) is { } letter) letters.Add(letter);
        return letters;
    }

    /// <summary>Reads every letter: erasure is rare, and the lifecycle rule keeps the container to recent days.</summary>
    public async Task<int> EraseMentioningAsync(DeadLetterMentions mentions, CancellationToken cancellationToken = default)
    {
        var client = await container.GetAsync(cancellationToken);
        var erased = 0;
        await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, cancellationToken))
        {
            var blob = client.GetBlobClient(item.Name);
            if (await ReadAsync(blob, cancellationToken) is not { } letter || !mentions.Names(letter.Letter.Body.Span)) continue;
            // Counted only by whoever removed it: two erasures of one person may scan at once.
            if ((await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value) erased++;
        }
        return erased;
    }

    /// <summary>A listed letter, or null when it went between the listing and the read (an erasure, the lifecycle rule).</summary>
    static async Task<StoredDeadLetter?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return DeadLetterJson.Read(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
