using System.Diagnostics;
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
/// instances, with no hot document. A fold (on read, and by the compaction timer for closed days) sums the day's
/// summary and the tally blobs it has not absorbed, writes the new summary conditionally on the version it read (a
/// concurrent fold loses with 412 and starts again), then empties the absorbed blobs rather than deleting them: the
/// empty blob keeps the name taken, so pending work finished again after the fold (its create-only write fails on
/// the existing name) is not counted twice, and the listing's content length tells a folded blob from a fresh one
/// without reading it. A reader whose fold loses still answers: its sum was taken over a consistent summary and
/// listing. So a day costs one summary read, one listing, one summary check, and a read and an emptying write per
/// blob saved since the last fold. Inside one instance the folds of a day take turns: readers of one process
/// (a dashboard's parallel requests, the compaction timer) would otherwise only invalidate each other's listings.
/// </summary>
internal sealed class BlobMetricsStore(EnsuredContainer container) : IMetricsStore
{
    /// <summary>
    /// How long a read keeps starting again. Each new start means another fold finished meanwhile, which is progress,
    /// so the bound is time rather than a count: a burst of writers with a reader in another instance can take many.
    /// </summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    const int ParallelReads = 16;

    /// <summary>Striped by day, so consecutive days (read in parallel) never share a lock and memory stays fixed.</summary>
    readonly SemaphoreSlim[] folding = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

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
        try
        {
            var client = await container.GetAsync(cancellationToken);
            var days = new List<LocalDate>();
            for (var day = from; day <= to; day = day.PlusDays(1)) days.Add(day);
            var tallies = new MetricsTally[days.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, days.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
                async (i, ct) => tallies[i] = await DayAsync(client, days[i], ct));
            return MetricsTally.Sum(tallies);
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or HttpRequestException)
        {
            throw new StoreUnavailableException($"Blob Storage could not be read for the metrics of {from} to {to}: {e.GetType().Name}; ask again.", TimeSpan.FromSeconds(5), e);
        }
    }

    public Task CompactAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        ReadAsync(from, to, cancellationToken);

    public async Task AddAsync(MetricsTally tally, Instant at, CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var blob in TallyBlob.For(tally, at)) await WriteAsync(blob, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or HttpRequestException)
        {
            throw new StoreUnavailableException($"Blob Storage could not take a metrics tally: {e.GetType().Name}.", TimeSpan.FromSeconds(5), e);
        }
    }

    /// <summary>The day's total, folding what is new into its summary.</summary>
    async Task<MetricsTally> DayAsync(BlobContainerClient client, LocalDate day, CancellationToken cancellationToken)
    {
        var turn = folding[day.DayOfYear % folding.Length];
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await FoldAsync(client, day, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    static async Task<MetricsTally> FoldAsync(BlobContainerClient client, LocalDate day, CancellationToken cancellationToken)
    {
        var summaryBlob = client.GetBlobClient(TallyBlob.Summary(day));
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; Stopwatch.GetElapsedTime(started) < Patience; attempt++)
        {
            if (attempt > 1) await Task.Delay(Backoff(attempt), cancellationToken);
            var (summary, etag) = await ReadSummaryAsync(summaryBlob, cancellationToken);
            var unfolded = new List<string>();
            await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, TallyBlob.Prefix(day), cancellationToken))
                if (item.Properties.ContentLength is not 0) unfolded.Add(item.Name);
            // The listing skips emptied blobs, so it agrees with the summary read only if no fold finished in between.
            if (await CurrentETagAsync(summaryBlob, cancellationToken) != etag) continue;
            var fresh = unfolded.Where(n => !summary.Absorbed.Contains(n)).ToList();
            var read = await ReadTalliesAsync(client, fresh, cancellationToken);
            if (read is null) continue; // a fresh blob was folded meanwhile by another reader.
            var total = MetricsTally.Sum([summary.Tally, .. read]);
            // Losing the summary write to a concurrent fold leaves this answer right: only the compaction is theirs.
            if (unfolded.Count > 0 && await TryWriteSummaryAsync(summaryBlob, new DaySummary(unfolded.ToHashSet(StringComparer.Ordinal), total), etag, cancellationToken))
                await Parallel.ForEachAsync(unfolded, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
                    async (name, ct) => await client.GetBlobClient(name).UploadAsync(BinaryData.Empty, overwrite: true, ct));
            return total;
        }
        throw new StoreUnavailableException($"The metrics of {day} kept changing for {Patience.TotalSeconds:0} s of reads; ask again.", TimeSpan.FromSeconds(1));
    }

    /// <summary>Random, growing waits, so readers that collided on a day do not collide again in lockstep.</summary>
    static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(10, 25 << Math.Min(attempt, 5)));

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

    /// <summary>The tallies of these blobs; null if one was emptied (or deleted) before it could be read.</summary>
    static async Task<List<MetricsTally>?> ReadTalliesAsync(BlobContainerClient client, List<string> names, CancellationToken cancellationToken)
    {
        var tallies = new MetricsTally[names.Count];
        var missing = false;
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                var content = (await client.GetBlobClient(names[i]).DownloadContentAsync(ct)).Value.Content;
                if (content.IsEmpty) missing = true; // emptied by a fold since the listing
                else tallies[i] = MetricsTallyJson.Parse(content.ToMemory().Span);
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
