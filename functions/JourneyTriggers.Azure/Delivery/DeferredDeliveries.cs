using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Outbox;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;

namespace JourneyTriggers.Azure.Delivery;

/// <summary>
/// Reminders whose provider asked to wait (throttled, unavailable), tried again on a wake-up of their own rather than on
/// the customer's next load, which they would otherwise block. The message is read back from the outbox, checked against
/// the customer as they are now (<see cref="LateSendCheck"/>: a revoked channel or a journey the customer ended withdraws it,
/// quiet hours hold it),
/// handed over, and its verdict recorded on the customer's document like any other.
/// </summary>
public sealed class DeferredDeliveries
{
    readonly BlobReminderOutbox outbox;
    readonly ProviderDelivery providers;
    readonly LateSendCheck check;
    readonly DeliveryRecording recording;

    internal DeferredDeliveries(BlobReminderOutbox outbox, ProviderDelivery providers, LateSendCheck check, DeliveryRecording recording)
    {
        this.outbox = outbox;
        this.providers = providers;
        this.check = check;
        this.recording = recording;
    }

    /// <summary>
    /// Where the reminder stands after this wake-up. Storage or a provider that cannot be reached is a
    /// <see cref="StoreUnavailableException"/>, so the queue delivers the wake-up again.
    /// </summary>
    public async Task<DeferredDeliveryOutcome> ResumeAsync(ProfileKey key, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            return await AttemptAsync(key, messageId, cancellationToken);
        }
        catch (Exception e) when (e is not StoreUnavailableException && CallFailures.IsFailure(e, cancellationToken))
        {
            throw new StoreUnavailableException($"Reminder {messageId} could not be tried again: storage or its provider did not answer.", null, e);
        }
    }

    async Task<DeferredDeliveryOutcome> AttemptAsync(ProfileKey key, string messageId, CancellationToken cancellationToken)
    {
        if (await outbox.FindAsync(key, messageId, cancellationToken) is not { } message) return DeferredDeliveryOutcome.Gone;
        // A provider removed from the settings since: the outbox copy stays, as for any channel without one.
        if (!providers.Handles(message.Channel)) return DeferredDeliveryOutcome.Gone;
        var late = await check.CheckAsync(message, cancellationToken);
        // No record: an erasure is removing this customer's blobs, and one made now would outlive it.
        var attempt = await providers.ResumeAsync(message, late, cancellationToken);
        if (attempt is not DeliveryAttempt.Settled { Report: var report })
            return attempt is null ? DeferredDeliveryOutcome.Gone : DeferredDeliveryOutcome.StillWaiting;
        await recording.RecordAsync(key, report, cancellationToken);
        return late.Withdrawal is null || report.Verdict is DeliveryVerdict.Delivered ? DeferredDeliveryOutcome.Settled : DeferredDeliveryOutcome.Withdrawn;
    }
}

public enum DeferredDeliveryOutcome
{
    /// <summary>Handed over (or settled otherwise), and the verdict recorded.</summary>
    Settled,
    /// <summary>No longer to be sent (<see cref="LateSends"/>); recorded as failed, or unknown where an earlier attempt may have arrived.</summary>
    Withdrawn,
    /// <summary>The provider still asks to wait, the customer's quiet hours do, or another attempt's call may still be running; another wake-up is queued.</summary>
    StillWaiting,
    /// <summary>The message or its customer is gone (erased, merged away), or its channel no longer has a provider.</summary>
    Gone,
}
