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
/// </summary>
internal sealed class ProviderDelivery(BlobDeliveryRecords records, IEmailSender? email, IPushSender? push, DeliveryPolicy policy,
    StorageQueueTimerScheduler wakeUps, TimeProvider time, CustomerPseudonyms pseudonyms, ILogger<ProviderDelivery> logger)
{
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
    public async Task<DeliveryAttempt?> ResumeAsync(OutboundMessage message, LateSend late, CancellationToken cancellationToken) =>
        await records.FindAsync(message.Customer, message.MessageId, cancellationToken) is { } stored
            ? await ContinueAsync(message, stored, late.Applied(stored.Progress), cancellationToken)
            : null;

    /// <summary>
    /// Carries the message on from <paramref name="progress"/> (the record as <paramref name="stored"/>, or changed from it)
    /// as far as it goes now. A <see cref="StoreUnavailableException"/> when another attempt moved the record on meanwhile.
    /// </summary>
    async Task<DeliveryAttempt> ContinueAsync(OutboundMessage message, BlobDeliveryRecords.Stored stored, DeliveryProgress progress,
        CancellationToken cancellationToken)
    {
        using var activity = DeliverySpans.Start(message);
        var window = message.Channel == Channel.Email ? email!.DeduplicationWindow : null;
        while (true)
        {
            var now = Now();
            var step = DeliveryMachine.Next(progress, now, window);
            if (!Same(step.Progress, stored.Progress))
                stored = await RecordAsync(message, step.Progress, stored.ETag, cancellationToken);
            switch (step)
            {
                case DeliveryStep.Send send:
                    // Anything the sender throws leaves the target "sending": the retry decides, as after a crash. A call begun
                    // runs to its end (the providers' own timeouts bound it) and its answer is written whatever is cancelled
                    // meanwhile (another customer's failure in the batch, a host stopping): cut short, it could only be unknown.
                    var outcome = await CallAsync(message, send.TargetId, CancellationToken.None);
                    progress = DeliveryMachine.Settle(send.Progress, send.TargetId, outcome, Now(), policy, window);
                    if (outcome is SendOutcome.NotSent) logger.DeliveryNotTaken(message.MessageId, pseudonyms.Of(message.Customer), send.TargetId);
                    stored = await RecordAsync(message, progress, stored.ETag, CancellationToken.None);
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                case DeliveryStep.Wait wait:
                    await wakeUps.ScheduleDeliveryAsync(message.Customer, message.MessageId, wait.Until, cancellationToken);
                    logger.DeliveryWaiting(message.MessageId, pseudonyms.Of(message.Customer), wait.Until.ToDateTimeOffset());
                    return new DeliveryAttempt.Waiting(wait.Until);
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

    Task<SendOutcome> CallAsync(OutboundMessage message, string targetId, CancellationToken cancellationToken) =>
        message.Channel == Channel.Email ? email!.SendAsync(message, cancellationToken) : push!.SendAsync(message, targetId, cancellationToken);

    static bool Same(DeliveryProgress a, DeliveryProgress b) => a.Targets.SequenceEqual(b.Targets);

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
