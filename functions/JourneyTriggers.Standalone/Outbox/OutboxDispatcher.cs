using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Standalone.Inbox;
using JourneyTriggers.Standalone.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Standalone.Outbox;

/// <summary>
/// Hands the outbox's pending messages to the provider of their channel, at most once each (DESIGN 4.6):
/// every step of <see cref="DeliveryMachine"/> is committed to the row before the provider hears of it, so
/// a row found "sending" after a stop or a crash is only re-sent where the provider deduplicates, and a message
/// tried again after a back-off is first checked against the customer as they are then (<see cref="LateSendCheck"/>),
/// once the touchpoints acknowledged before it are decided: a revocation or an order still in the inbox counts.
/// Each verdict then goes onto the customer's timeline and effect log; a crash before that is caught up here.
/// <para>
/// A stopping host begins no new provider call, but one begun is finished and its answer saved (issue 4:
/// graceful shutdown finishes in-flight work), so Ctrl+C or SIGTERM never turns a send into an unknown.
/// The host's shutdown timeout bounds the wait; the providers' own timeouts keep it short.
/// </para>
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    const int BatchSize = 16;

    /// <summary>No other attempt can be in a call to the provider: this dispatcher alone owns the outbox, so a claim it finds was cut short by a crash.</summary>
    static readonly Duration OneDispatcher = Duration.Zero;
    static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    readonly SqliteDatabase database;
    readonly IEmailSender? email;
    readonly IPushSender? push;
    readonly DeliveryRecording recording;
    readonly LateSendCheck check;
    readonly IPendingTouchpoints pending;
    readonly StandaloneOptions options;
    readonly TimeProvider time;
    readonly CustomerPseudonyms pseudonyms;
    readonly ILogger<OutboxDispatcher> logger;

    public OutboxDispatcher(SqliteDatabase database, IEmailSender? email, IPushSender? push, DeliveryRecording recording, LateSendCheck check,
        IPendingTouchpoints pending, StandaloneOptions options, TimeProvider time, CustomerPseudonyms pseudonyms, ILogger<OutboxDispatcher> logger)
    {
        this.check = check;
        this.pending = pending;
        this.pseudonyms = pseudonyms;
        this.database = database;
        this.email = email;
        this.push = push;
        this.recording = recording;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await using var _ = stoppingToken.Register(logger.DispatcherStopping);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.DeliveryPollInterval;
            try
            {
                var more = await RecordVerdictsAsync(stoppingToken) | await SendDueAsync(stoppingToken);
                failures = 0;
                if (more) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The outbox or a customer document could not be read or written.
                wait = Backoff.Delay(FirstPause, ++failures, MaxPause);
                logger.DispatcherFailed(wait, e);
            }
            // Stopping cuts the wait short; the loop condition then ends the dispatcher.
            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One batch of due messages; true when there was one, so more may be due.</summary>
    async Task<bool> SendDueAsync(CancellationToken stopping)
    {
        var due = database.Read(session => OutboxQueue.Due(session, Now().ToUnixTimeTicks(), BatchSize));
        // First sends go at once. A message tried before is checked against the customer as they are now, so the
        // touchpoints acknowledged before it are decided first, at most InboxWait.Longest behind a backlog.
        if (!await DeliverEachAsync(due.Where(queued => queued.Progress is null), stopping)) return false;
        var retries = due.Where(queued => queued.Progress is not null).ToList();
        if (retries.Count == 0) return due.Count > 0;
        await pending.WaitDecidedAsync(InboxWait.Longest, stopping);
        return await DeliverEachAsync(retries, stopping);
    }

    /// <summary>False when stopping cut the batch short.</summary>
    async Task<bool> DeliverEachAsync(IEnumerable<QueuedMessage> messages, CancellationToken stopping)
    {
        foreach (var queued in messages)
        {
            if (stopping.IsCancellationRequested) return false;
            await DeliverAsync(queued, stopping);
        }
        return true;
    }

    /// <summary>Every write and call here runs to its end; <paramref name="stopping"/> only keeps the next provider call from starting.</summary>
    async Task DeliverAsync(QueuedMessage queued, CancellationToken stopping)
    {
        var message = queued.Message;
        using var activity = DeliverySpans.Start(message);
        var window = message.Channel == Channel.Email ? email?.DeduplicationWindow : null;
        var progress = queued.Progress ?? DeliveryProgress.Start(message, message.At);
        // A message tried before waited on its provider; the customer may have revoked the channel or ended the journey
        // since, or be in their quiet hours now.
        if (queued.Progress is not null) progress = (await check.CheckAsync(message, CancellationToken.None)).Applied(progress);
        while (true)
        {
            var now = Now();
            switch (DeliveryMachine.Next(progress, now, window, OneDispatcher))
            {
                case DeliveryStep.Send when stopping.IsCancellationRequested:
                    // What earlier calls answered is kept; the next start goes on from there.
                    await SaveAsync(message, OutboxStatus.Pending, progress, now, null, null);
                    return;
                case DeliveryStep.Send send:
                    if (!await SaveAsync(message, OutboxStatus.Sending, send.Progress, now, null, null)) return;
                    DispatchHooks.Reached(DispatchHooks.AfterSendingRecorded);
                    var outcome = await CallProviderAsync(message, send.TargetId);
                    DispatchHooks.Reached(DispatchHooks.AfterProviderCall);
                    progress = DeliveryMachine.Settle(send.Progress, send.TargetId, outcome, Now(), options.Delivery, window);
                    if (outcome is SendOutcome.NotSent) logger.DeliveryRetrying(message.MessageId, pseudonyms.Of(message.Customer), send.TargetId);
                    break;
                case DeliveryStep.Wait wait:
                    await SaveAsync(message, OutboxStatus.Pending, wait.Progress, wait.Until, wait.Progress.Targets.Select(t => t.Detail).LastOrDefault(d => d is not null), null);
                    return;
                case DeliveryStep.Finished finished:
                    var (status, error) = finished.Verdict switch
                    {
                        DeliveryVerdict.Delivered => (OutboxStatus.Delivered, (string?)null),
                        DeliveryVerdict.Failed f => (OutboxStatus.Failed, f.Reason),
                        DeliveryVerdict.Unknown u => (OutboxStatus.Unknown, u.Reason),
                        _ => throw new InvalidOperationException($"Unknown verdict {finished.Verdict}."),
                    };
                    await SaveAsync(message, status, finished.Progress, now, error, status == OutboxStatus.Delivered ? now.ToUnixTimeTicks() : null);
                    logger.DeliverySettled(message.MessageId, pseudonyms.Of(message.Customer), message.Channel.ToWire(), status.ToWire());
                    DeliverySpans.Settled(activity, finished.Verdict);
                    return;
            }
        }
    }

    /// <summary>
    /// The provider's answer; an exception it did not type is an answer nobody can interpret, so it counts as unknown.
    /// Never cancelled: the providers' timeouts bound it, and an abandoned call could only end unknown.
    /// </summary>
    async Task<SendOutcome> CallProviderAsync(OutboundMessage message, string targetId)
    {
        try
        {
            return message.Channel == Channel.Email
                ? await (email ?? throw new InvalidOperationException("No email sender is configured.")).SendAsync(message, CancellationToken.None)
                : await (push ?? throw new InvalidOperationException("No push sender is configured.")).SendAsync(message, targetId, CancellationToken.None);
        }
        catch (Exception e)
        {
            return new SendOutcome.Unknown($"the provider call failed ({e.GetType().Name})");
        }
    }

    Task<bool> SaveAsync(OutboundMessage message, OutboxStatus status, DeliveryProgress progress, Instant next, string? error, long? deliveredAt) =>
        database.WriteAsync(session => OutboxQueue.Save(session, message.MessageId, status, progress, next.ToUnixTimeTicks(), error, deliveredAt),
            CancellationToken.None);

    /// <summary>Puts settled verdicts onto their customers' timelines; true when there were some.</summary>
    async Task<bool> RecordVerdictsAsync(CancellationToken stopping)
    {
        var unrecorded = database.Read(session => OutboxQueue.Unrecorded(session, BatchSize));
        foreach (var (customer, message, progress) in unrecorded)
        {
            if (stopping.IsCancellationRequested) return false;
            if (DeliveryMachine.Next(progress, Now(), null, OneDispatcher) is DeliveryStep.Finished finished)
                await recording.RecordAsync(customer, finished.ReportFor(message), CancellationToken.None);
            await database.WriteAsync(session => OutboxQueue.MarkRecorded(session, message.MessageId), CancellationToken.None);
        }
        return unrecorded.Count > 0;
    }

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
