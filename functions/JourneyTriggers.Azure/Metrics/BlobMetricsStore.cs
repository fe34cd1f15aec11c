using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Blobs;
using JourneyTriggers.Core.Metrics;
using NodaTime;

namespace JourneyTriggers.Azure.Metrics;

/// <summary>
/// Live metrics in Blob Storage, container <c>metrics</c>. Writers never share a blob: every saved change puts its
/// tally in blobs of its own (<see cref="TallyBlob"/>, create-only, so a retry is a no-op), from any number of
/// instances, with no hot document. A read folds each day it covers: it sums the day's summary and the tally blobs
/// the summary has not absorbed, writes the new summary conditionally on the version it read (a concurrent reader
/// loses with 412 and reads again), then deletes the absorbed blobs (deletes are free). So a day costs one summary
/// read, one listing and only the blobs saved since it was last read.
/// </summary>
internal sealed class BlobMetricsStore(EnsuredContainer container) : IMetricsStore
{
    const int Attempts = 5;
    const int ParallelReads = 16;

    public async Task WriteAsync(TallyBlob blob, CancellationToken cancellationToken)
    {
        var client = (await container.GetAsync(cancellationToken)).GetBlobClient(blob.BlobName);
        try
        {
            await client.UploadAsync(BinaryData.FromBytes(MetricsTallyJson.ToUtf8(blob.Tally)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Written before: this change's pending work is being finished a second time.
        }
    }

    public async Task<MetricsTally> ReadAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        var client = await container.GetAsync(cancellationToken);
        var days = new List<LocalDate>();
        for (var day = from; day <= to; day = day.PlusDays(1)) days.Add(day);
        var tallies = new MetricsTally[days.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, days.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => tallies[i] = await DayAsync(client, days[i], ct));
        return MetricsTally.Sum(tallies);
    }

    /// <summary>The day's total, folding what is new into its summary.</summary>
    internal static async Task<MetricsTally> DayAsync(BlobContainerClient client, LocalDate day, CancellationToken cancellationToken)
    {
        var summaryBlob = client.GetBlobClient(TallyBlob.Summary(day));
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (summary, etag) = await ReadSummaryAsync(summaryBlob, cancellationToken);
            var listed = new List<string>();
            await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, TallyBlob.Prefix(day), cancellationToken))
                listed.Add(item.Name);
            var fresh = listed.Where(n => !summary.Absorbed.Contains(n)).ToList();
            var read = await ReadTalliesAsync(client, fresh, cancellationToken);
            if (read is null) continue; // a fresh blob vanished: another reader folded it meanwhile.
            var total = MetricsTally.Sum([summary.Tally, .. read]);
            if (fresh.Count == 0)
            {
                // Nothing to fold; the answer holds if no fold finished between the summary read and the listing.
                if (await CurrentETagAsync(summaryBlob, cancellationToken) == etag) return total;
                continue;
            }
            if (!await TryWriteSummaryAsync(summaryBlob, new DaySummary(listed.ToHashSet(StringComparer.Ordinal), total), etag, cancellationToken)) continue;
            foreach (var name in listed) await client.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return total;
        }
        throw new StoreUnavailableException($"The metrics of {day} kept changing under {Attempts} reads in a row; ask again.", TimeSpan.FromSeconds(1));
    }

    static async Task<(DaySummary Summary, ETag? ETag)> ReadSummaryAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return (DaySummary.Parse(content.Value.Content), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (DaySummary.None, null);
        }
    }

    static async Task<ETag?> CurrentETagAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The tallies of these blobs; null if one was deleted before it could be read.</summary>
    static async Task<List<MetricsTally>?> ReadTalliesAsync(BlobContainerClient client, List<string> names, CancellationToken cancellationToken)
    {
        var tallies = new MetricsTally[names.Count];
        var missing = false;
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                tallies[i] = MetricsTallyJson.Parse((await client.GetBlobClient(names[i]).DownloadContentAsync(ct)).Value.Content.ToMemory().Span);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                missing = true;
            }
        });
        return missing ? null : [.. tallies];
    }

    /// <summary>Writes the summary only over the version read (or only if there was none); false when another reader got there first.</summary>
    static async Task<bool> TryWriteSummaryAsync(BlobClient blob, DaySummary summary, ETag? expected, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(summary.ToUtf8()), new BlobUploadOptions
            {
                Conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
