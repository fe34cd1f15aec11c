using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Standalone.Push;

/// <summary>
/// Tells the push provider about installation changes the customer store saved
/// (<see cref="InstallationSyncTable"/>): each row is done and then deleted, so a crash in between
/// repeats a call that is idempotent anyway. A failure is retried with back-off, holding up only the
/// later changes of the same installation; a change still failing after <see cref="MaxAttempts"/> is
/// given up (and logged), so one bad device token cannot stall the rest forever. Without a provider
/// (<paramref name="installations"/> null) it does nothing: the store then records no changes either.
/// </summary>
public sealed class InstallationSyncPump(
    SqliteDatabase database,
    IPushInstallations? installations,
    TimeProvider time,
    CustomerPseudonyms pseudonyms,
    ILogger<InstallationSyncPump> logger,
    TimeSpan? pollInterval = null) : BackgroundService
{
    public const int MaxAttempts = 20;
    const int BatchSize = 32;

    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    readonly TimeSpan idle = pollInterval ?? TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (installations is null) return;
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = idle;
            try
            {
                if (await SyncDueAsync(stoppingToken)) wait = TimeSpan.Zero;
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The table itself could not be read or written.
                wait = Backoff.Delay(FirstRetry, ++failures, MaxRetry);
                logger.InstallationSyncFailed(wait, e);
            }
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One batch of due changes; true when there was a full batch, so more may be waiting.</summary>
    async Task<bool> SyncDueAsync(CancellationToken cancellationToken)
    {
        var provider = installations!;
        var due = database.Read(session => InstallationSyncTable.Due(session, NowTicks(), BatchSize));
        foreach (var row in due)
        {
            // A stopping host starts no more calls; the one in hand below is finished and recorded.
            cancellationToken.ThrowIfCancellationRequested();
            var (installationId, customer) = row.Change switch
            {
                InstallationSync.Upsert upsert => (upsert.Installation.InstallationId, upsert.Customer),
                InstallationSync.Delete delete => (delete.InstallationId, default(ProfileKey)),
                _ => throw new InvalidOperationException("Unknown installation change."),
            };
            try
            {
                await (row.Change switch
                {
                    InstallationSync.Upsert upsert => provider.UpsertAsync(upsert.Customer, upsert.Installation, CancellationToken.None),
                    InstallationSync.Delete delete => provider.DeleteAsync(delete.InstallationId, CancellationToken.None),
                    _ => throw new InvalidOperationException("Unknown installation change."),
                });
                await database.WriteAsync(session => InstallationSyncTable.Done(session, row.Id), CancellationToken.None);
            }
            catch (Exception e)
            {
                var attempt = row.Attempts + 1;
                // A removal names no customer: the installation id is all there is.
                var named = customer.Value is null ? "" : pseudonyms.Of(customer);
                if (attempt >= MaxAttempts)
                {
                    logger.InstallationSyncAbandoned(installationId, named, attempt, e);
                    await database.WriteAsync(session => InstallationSyncTable.Done(session, row.Id), CancellationToken.None);
                    continue;
                }
                var retryIn = Backoff.Delay(FirstRetry, attempt, MaxRetry);
                logger.InstallationSyncRetrying(installationId, named, attempt, retryIn, e);
                await database.WriteAsync(session => InstallationSyncTable.Retry(session, row.Id, e.GetType().Name, NowTicks() + retryIn.Ticks), CancellationToken.None);
            }
        }
        return due.Count == BatchSize;
    }

    long NowTicks() => Instant.FromDateTimeOffset(time.GetUtcNow()).ToUnixTimeTicks();
}
