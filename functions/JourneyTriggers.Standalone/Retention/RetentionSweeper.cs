using JourneyTriggers.Application.Processing;
using JourneyTriggers.Standalone.Archive;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Standalone.Retention;

/// <summary>
/// Keeps the data folder from growing without end: once per <see cref="StandaloneOptions.RetentionSweepInterval"/>
/// it deletes the decisions in the effect log, and the settled messages in the outbox, that are older than
/// <see cref="StandaloneOptions.Retention"/>. Nothing else reads either once it is that old: caps, attribution and
/// the timeline are in the customer documents, metrics in their tallies. Messages still to be handed to a provider,
/// or whose verdict is not on the customer's timeline yet, are kept whatever their age. With an <paramref name="archive"/>,
/// the touchpoints received before then go too.
/// </summary>
public sealed class RetentionSweeper(SqliteDatabase database, StandaloneOptions options, TimeProvider time, ILogger<RetentionSweeper> logger,
    TouchpointArchive? archive = null) : BackgroundService
{
    /// <summary>
    /// Rows deleted per write. The sweep shares the customers file's one writer with the pumps, so it takes the writer in
    /// short turns rather than for the whole backlog of a first sweep: a turn of 500 effect rows took ~30 ms (nearly all of it
    /// their entries in the per-customer index, one random page each; docs/performance.md, "Session 13").
    /// </summary>
    internal const int RowsPerWrite = 500;

    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.RetentionSweepInterval;
            try
            {
                var swept = await SweepAsync(stoppingToken);
                if (swept.Decisions + swept.Messages + swept.Touchpoints > 0)
                    logger.RetentionSwept(swept.Decisions, swept.Messages, swept.Touchpoints, options.Retention);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                wait = Backoff.Delay(FirstRetry, ++failures, options.RetentionSweepInterval);
                logger.RetentionSweepFailed(wait, e);
            }
            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One sweep: every row past retention at this moment, in turns of <see cref="RowsPerWrite"/>.</summary>
    internal async Task<RetentionSweep> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = Instant.FromDateTimeOffset(time.GetUtcNow() - options.Retention).ToUnixTimeTicks();
        // Fixed for the whole sweep, so each turn deletes from the log's start without scanning it again.
        var firstKept = database.Read(session => EffectLog.FirstKept(session, cutoff));
        var decisions = await DeleteInTurnsAsync(database, session => EffectLog.DeleteBefore(session, firstKept, RowsPerWrite), cancellationToken);
        var messages = await DeleteInTurnsAsync(database, session => OutboxTable.DeleteSettledBefore(session, cutoff, RowsPerWrite), cancellationToken);
        var touchpoints = archive is null ? 0
            : await DeleteInTurnsAsync(archive.Database, session => ArchiveTable.DeleteReceivedBefore(session, cutoff, RowsPerWrite), cancellationToken);
        return new RetentionSweep(decisions, messages, touchpoints);
    }

    static async Task<long> DeleteInTurnsAsync(SqliteDatabase file, Func<SqliteSession, int> deleteTurn, CancellationToken cancellationToken)
    {
        long deleted = 0;
        int turn;
        do
        {
            turn = await file.WriteAsync(deleteTurn, cancellationToken);
            deleted += turn;
        } while (turn == RowsPerWrite);
        return deleted;
    }
}

/// <summary>What one sweep deleted: decisions from the effect log, messages from the outbox, touchpoints from the archive.</summary>
internal readonly record struct RetentionSweep(long Decisions, long Messages, long Touchpoints);
