using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// Decides the inbox's touchpoints in arrival order, a batch at a time, with the same
/// <see cref="TouchpointIngestion"/> the Azure host runs on an Event Hubs batch: one load and one save per
/// customer of the batch. The batch leaves the inbox only after every save of it committed, so a crash
/// in between decides it again, and the customers already saved know its ids and ignore them.
/// <para>
/// A batch that fails for a reason that may pass (the file busy, contention) is tried again with back-off.
/// One that fails otherwise is decided touchpoint by touchpoint, and a touchpoint that still fails is kept
/// in the dead letters with the reason, so one bad touchpoint never stops the others.
/// </para>
/// <para>With an <paramref name="archive"/>, the touchpoints decided are kept there.</para>
/// </summary>
public sealed class InboxPump(
    SqliteInbox inbox,
    TouchpointIngestion ingestion,
    IDeadLetterStore deadLetters,
    TimeProvider time,
    StandaloneOptions options,
    ILogger<InboxPump> logger,
    TouchpointArchive? archive = null) : BackgroundService
{
    /// <summary>
    /// Touchpoints per batch at most. A batch is what arrived while the last one was decided, so it grows when the pump
    /// falls behind, and larger batches save busy customers fewer times (a batch's cost is mostly one load and one save
    /// per customer in it). A read waiting for the inbox waits for one batch at most, about a second at this size.
    /// </summary>
    const int BatchSize = 65_536;

    /// <summary>
    /// Under steady load a batch starts at most this long after the one before, unless a full batch is waiting or someone
    /// waits for the decisions: one batch then holds several events of a busy customer (one load and save for all), and
    /// the pump leaves the collector the CPU it needs to answer promptly instead of taking every spare cycle. After a
    /// lull the first events are decided at once. A second rather than 500 ms: 2–9% less CPU in eight pairs at 25,000 and
    /// 30,000 events/s, and fewer 503s (docs/performance.md, "Session 13"); nobody waits for it, since a read or a due
    /// wake-up ends the gathering.
    /// </summary>
    static readonly TimeSpan GatherFor = TimeSpan.FromSeconds(1);

    const string Source = "inbox";
    static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);
    static readonly TimeSpan ForgetEvery = TimeSpan.FromMinutes(1);

    long lastForgotten;
    long lastBatchStarted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DecideNextOrWaitAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var retryIn = Backoff.Delay(FirstRetry, ++failures, MaxRetry);
                logger.InboxRetrying(failures, retryIn, e.GetType().Name);
                await Task.Delay(retryIn, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    async Task DecideNextOrWaitAsync(CancellationToken stoppingToken)
    {
        await ForgetOldIdsAsync(stoppingToken);
        await GatherAsync(stoppingToken);
        var arrived = inbox.Listen();
        var batch = CustomerBoundedBatch.Cut(Read(inbox.Next(BatchSize)));
        if (batch.Count == 0)
        {
            await Task.WhenAny(arrived, Task.Delay(options.TimerPollInterval, time, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
            return;
        }
        lastBatchStarted = time.GetTimestamp();
        // A batch begun is finished even when the host is stopping: graceful shutdown waits for it.
        await DecideAsync(batch, CancellationToken.None);
        var last = batch[^1].Queued;
        await inbox.Database.WriteAsync(session => InboxTable.Remove(session, last.Seq), CancellationToken.None);
        inbox.Decided(last);
    }

    /// <summary>Each touchpoint as the collector read it, else read again against the instant it was acknowledged at, so the clock checks pass exactly as they did then.</summary>
    static List<ReadTouchpoint> Read(List<QueuedTouchpoint> batch) =>
        batch.ConvertAll(queued => new ReadTouchpoint(queued, queued.Read is { } handed
            ? [new TouchpointReading.Accepted(handed)]
            : TouchpointNormaliser.ReadNativeBody(queued.Json, Instant.FromUnixTimeTicks(queued.ReceivedAtTicks))));

    async Task GatherAsync(CancellationToken stoppingToken)
    {
        var left = GatherFor - time.GetElapsedTime(lastBatchStarted);
        if (lastBatchStarted == 0 || left <= TimeSpan.Zero || inbox.Backlog >= BatchSize) return;
        await Task.WhenAny(inbox.Wanted(), Task.Delay(left, time, stoppingToken));
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The archive keeps what is decided (<see cref="StandaloneOptions.ArchiveTouchpoints"/>); an archive opened only because
    /// the data folder has one is still erased and swept, but keeps nothing new.
    /// </summary>
    bool Archiving => archive is not null && options.ArchiveTouchpoints;

    async Task DecideAsync(List<ReadTouchpoint> batch, CancellationToken cancellationToken)
    {
        var readings = new List<TouchpointReading>(batch.Count);
        var sources = new List<QueuedTouchpoint>(batch.Count);
        foreach (var (queued, read) in batch)
        {
            if (read is [TouchpointReading.Accepted accepted])
            {
                readings.Add(accepted);
                sources.Add(queued);
            }
            else await DeadLetterAsync(queued, "The queued touchpoint no longer reads as one touchpoint: " +
                string.Join("; ", read.OfType<TouchpointReading.Rejected>().Select(r => r.Reason)), cancellationToken);
        }
        // Kept before they are decided: a customer's touchpoints are in the archive before any save of them, so an erasure
        // that comes in between (it deletes the archive's rows, then the document) never leaves rows with no document to
        // find them by; a crash before the batch leaves the inbox keeps the same seqs again, once.
        if (Archiving)
            await archive!.KeepAsync([.. readings.Select((r, i) => ArchivedTouchpoint.Of(sources[i].Seq, sources[i].ReceivedAtTicks, TouchpointOf(r), sources[i].Json))],
                cancellationToken);
        var deadLettered = new List<long>();
        try
        {
            await ingestion.IngestAsync(readings, cancellationToken);
        }
        catch (Exception e) when (!IsTransient(e))
        {
            logger.InboxBatchFailed(readings.Count, e.GetType().Name);
            for (var i = 0; i < readings.Count; i++)
            {
                try
                {
                    await ingestion.IngestAsync([readings[i]], cancellationToken);
                }
                catch (Exception one) when (!IsTransient(one))
                {
                    await DeadLetterAsync(sources[i], $"{one.GetType().Name}: {one.Message}", cancellationToken);
                    deadLettered.Add(sources[i].Seq);
                }
            }
        }
        // Kept in the dead letters instead, with the reason: the archive holds what was decided.
        if (Archiving && deadLettered.Count > 0) await archive!.ForgetAsync(deadLettered, cancellationToken);
    }

    async Task DeadLetterAsync(QueuedTouchpoint queued, string reason, CancellationToken cancellationToken)
    {
        var id = await deadLetters.WriteAsync(new DeadLetter(Instant.FromDateTimeOffset(time.GetUtcNow()), Source, reason, queued.Json,
            new Dictionary<string, string> { [DeadLetterDetails.SequenceNumber] = queued.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            cancellationToken);
        logger.InboxDeadLettered(queued.Seq, id);
    }

    /// <summary>Once a minute, busy or idle: ids acknowledged more than 7 days (and an hour) ago no longer answer "duplicate".</summary>
    async Task ForgetOldIdsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (lastForgotten != 0 && time.GetElapsedTime(lastForgotten, now) < ForgetEvery) return;
        lastForgotten = now;
        await inbox.ForgetAcceptedBeforeAsync(Instant.FromDateTimeOffset(time.GetUtcNow()).Minus(Core.Customers.SeenTouchpoints.Window).Minus(Duration.FromHours(1)),
            cancellationToken);
    }

    static Touchpoint TouchpointOf(TouchpointReading reading) => ((TouchpointReading.Accepted)reading).Touchpoint;

    static bool IsTransient(Exception e) =>
        e is CustomerContentionException or StoreUnavailableException or TimeoutException || SqliteErrors.IsBusy(e);
}
