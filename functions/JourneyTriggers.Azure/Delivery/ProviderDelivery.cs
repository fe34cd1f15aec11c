using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Delivery;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Azure.Delivery;

/// <summary>
/// Hands a reminder to the provider of its channel with <see cref="DeliveryMachine"/> (DESIGN 4.6), each
/// step committed to the delivery record before it is acted on: "sending" is written before the provider
/// hears of the message, so a retry that finds it there (a crash, a timeout, another instance) re-sends only
/// inside the provider's deduplication window and otherwise records unknown. A message the provider did not take
/// waits, without holding anything up, for a wake-up of its own (<see cref="DeferredDeliveries"/>). A channel without
/// a sender is not handled here: its messages stay recorded in the blob outbox.
/// <para>
/// Two attempts can meet on one message (a queue redelivering a wake-up, a batch re-run while the first still runs):
/// every call is abandoned after <paramref name="callTimeout"/>, so an attempt that finds a call claimed less than that
/// (and a minute to write its answer) ago waits for it rather than calling it interrupted.
/// </para>
/// </summary>
internal sealed class ProviderDelivery(BlobDeliveryRecords records, IEmailSender? email, IPushSender? push, DeliveryPolicy policy, TimeSpan callTimeout,
    StorageQueueTimerScheduler wakeUps, TimeProvider time, CustomerPseudonyms pseudonyms, ILogger<ProviderDelivery> logger)
{
    /// <summary>How long after its claim a call may still be running, its answer's write included.</summary>
    readonly Duration callLimit = Duration.FromTimeSpan(callTimeout) + Duration.FromMinutes(1);

    public bool Handles(Channel channel) => channel == Channel.Email ? email is not null : push is not null;

    /// <summary>
    /// Hands a message over for the first time, claiming its record (or taking up the one a crash left): settled with its
    /// verdict, or waiting on the provider with its wake-up queued.
    /// </summary>
    public async Task<DeliveryAttempt> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var stored = await records.ClaimAsync(message.Customer, message.MessageId, DeliveryProgress.Start(message, message.At), cancellationToken);
        return await ContinueAsync(message, stored, stored.Progress, cancellationToken);
    }

    /// <summary>
    /// Takes up a message that waited, on its wake-up, with <paramref name="late"/> applied (withdrawn, or held until the
    /// customer's quiet hours end); null when it has no record, which an erasure removing the customer's blobs leaves, and
    /// none is made.
    /// </summary>
    public async Task<DeliveryAttempt?> ResumeAsync(OutboundMessage message, LateSend late, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(message.Customer, message.MessageId, cancellationToken) is not { } stored) return null;
        // Another attempt's call may still answer: the check is applied once it has, at the wake-up that waits for it.
        var awaited = DeliveryMachine.CallAwaited(stored.Progress, Now(), WindowOf(message)) is not null;
        return await ContinueAsync(message, stored, awaited ? stored.Progress : late.Applied(stored.Progress), cancellationToken);
    }

    /// <summary>
    /// Carries the message on from <paramref name="progress"/> (the record as <paramref name="stored"/>, or changed from it)
    /// as far as it goes now. A <see cref="StoreUnavailableException"/> when another attempt moved the record on meanwhile.
    /// </summary>
    async Task<DeliveryAttempt> ContinueAsync(OutboundMessage message, BlobDeliveryRecords.Stored stored, DeliveryProgress progress,
        CancellationToken cancellationToken)
    {
        using var activity = DeliverySpans.Start(message);
        var window = WindowOf(message);
        while (true)
        {
            var now = Now();
            var step = DeliveryMachine.Next(progress, now, window, callLimit);
            if (!Same(step.Progress, stored.Progress))
                stored = await RecordAsync(message, step.Progress, stored.ETag, cancellationToken);
            switch (step)
            {
                case DeliveryStep.Send send:
                    // Anything the sender throws leaves the target "sending": the retry decides, as after a crash. A call begun
                    // is not cut short by whatever is cancelled meanwhile (another customer's failure in the batch, a host
                    // stopping), which could only make it unknown: only callTimeout ends it, and its answer is written.
                    var outcome = await CallAsync(message, send.TargetId);
                    progress = DeliveryMachine.Settle(send.Progress, send.TargetId, outcome, Now(), policy, window);
                    if (outcome is SendOutcome.NotSent) logger.DeliveryNotTaken(message.MessageId, pseudonyms.Of(message.Customer), send.TargetId);
                    stored = await RecordAsync(message, progress, stored.ETag, CancellationToken.None);
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                case DeliveryStep.Wait wait:
                    await wakeUps.ScheduleDeliveryAsync(message.Customer, message.MessageId, wait.Until, cancellationToken);
                    logger.DeliveryWaiting(message.MessageId, pseudonyms.Of(message.Customer), wait.Until.ToDateTimeOffset());
                    return new DeliveryAttempt.Waiting(wait.Until);
                case DeliveryStep.Finished finished when await LookUpAsync(message, finished.Progress) is { } found:
                    // The provider settled what was unknown: recorded as it said, then finished again.
                    stored = await RecordAsync(message, found, stored.ETag, cancellationToken);
                    progress = found;
                    break;
                case DeliveryStep.Finished finished:
                    logger.DeliveryFinished(message.MessageId, pseudonyms.Of(message.Customer), finished.Verdict.GetType().Name);
                    DeliverySpans.Settled(activity, finished.Verdict);
                    return new DeliveryAttempt.Settled(finished.ReportFor(message));
            }
        }
    }

    /// <summary>Moves the record on from the version read; another attempt that moved it first wins, and this one is retried.</summary>
    async Task<BlobDeliveryRecords.Stored> RecordAsync(OutboundMessage message, DeliveryProgress progress, global::Azure.ETag etag, CancellationToken cancellationToken) =>
        await records.TryReplaceAsync(message.Customer, message.MessageId, progress, etag, cancellationToken)
        ?? throw new StoreUnavailableException($"Reminder {message.MessageId} is being delivered by another attempt; retrying picks up where it stands.");

    /// <summary>The provider's answer, or unknown when it gave none within <c>callTimeout</c> (it may have taken the message).</summary>
    Task<SendOutcome> CallAsync(OutboundMessage message, string targetId) =>
        WithinCallTimeoutAsync(limit => message.Channel == Channel.Email ? email!.SendAsync(message, limit) : push!.SendAsync(message, targetId, limit));

    /// <summary>Every provider call, a send or a question about one, ends after <c>callTimeout</c>: unknown, for want of an answer.</summary>
    async Task<SendOutcome> WithinCallTimeoutAsync(Func<CancellationToken, Task<SendOutcome>> call)
    {
        using var limit = new CancellationTokenSource(callTimeout, time);
        try
        {
            return await call(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return new SendOutcome.Unknown($"no answer from the provider within {callTimeout.TotalSeconds:0} s (Delivery__CallTimeout)");
        }
    }

    /// <summary>
    /// An email left unknown, asked about once more (<see cref="IEmailSendLookup"/>) before its verdict is recorded: the
    /// progress settled as the provider said, or null when it had nothing final to say (or cannot be asked).
    /// </summary>
    async Task<DeliveryProgress?> LookUpAsync(OutboundMessage message, DeliveryProgress progress)
    {
        if (message.Channel != Channel.Email || email is not IEmailSendLookup lookup) return null;
        var looked = progress;
        foreach (var target in progress.Targets)
        {
            if (target.Status != TargetStatus.Unknown) continue;
            var found = await WithinCallTimeoutAsync(limit => lookup.LookUpAsync(message, limit));
            if (found is SendOutcome.Accepted or SendOutcome.Refused) looked = DeliveryMachine.LookedUp(looked, target.Id, found);
        }
        return ReferenceEquals(looked, progress) ? null : looked;
    }

    Duration? WindowOf(OutboundMessage message) => message.Channel == Channel.Email ? email!.DeduplicationWindow : null;

    static bool Same(DeliveryProgress a, DeliveryProgress b) => a.Targets.SequenceEqual(b.Targets);

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
