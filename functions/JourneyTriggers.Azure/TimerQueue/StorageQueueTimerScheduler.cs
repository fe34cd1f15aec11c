using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>
/// Durable timers as Storage-queue wake-ups (DESIGN 4.5): one message per armed timer — never per event —
/// kept invisible until it is due. The queue caps invisibility at 7 days, so a later timer wakes up early,
/// and the engine answers an early wake-up by arming again for the rest: the wait chains.
/// </summary>
/// <param name="maxDelay">The longest wait one message covers (<see cref="MaxDelay"/> unless a test configuration shortens it, to see a chain in seconds).</param>
/// <param name="queue">
/// Must Base64-encode messages (<see cref="AzureClients.TimerQueue"/> builds it so): the host's queue
/// trigger decodes Base64 and poisons, unread, a message that does not decode.
/// </param>
public sealed class StorageQueueTimerScheduler(QueueClient queue, TimeProvider time, TimeSpan? maxDelay = null) : ITimerScheduler, IWakeUpQueue
{
    /// <summary>The longest a queue message can stay invisible.</summary>
    public static readonly Duration MaxDelay = Duration.FromDays(7);

    /// <summary>
    /// A message that never expires: the default time to live is 7 days, and a wake-up 7 days out would
    /// die the moment it became visible.
    /// </summary>
    static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task ScheduleAsync(ProfileKey key, TimerDue timer, CancellationToken cancellationToken = default) =>
        await SendAsync(key, timer, cancellationToken);

    internal Task<SendReceipt> SendAsync(ProfileKey key, TimerDue timer, CancellationToken cancellationToken) =>
        SendAsync(WakeUpMessage.Format(key, timer), timer.DueAt, cancellationToken);

    /// <summary>
    /// Wakes the reminder <paramref name="messageId"/> up at <paramref name="dueAt"/>, when its provider may be asked again;
    /// past the queue's longest wait it wakes early and, still waiting, is scheduled again.
    /// </summary>
    public async Task ScheduleDeliveryAsync(ProfileKey key, string messageId, Instant dueAt, CancellationToken cancellationToken = default) =>
        await SendAsync(WakeUpMessage.FormatDelivery(key, messageId, dueAt), dueAt, cancellationToken);

    /// <summary>Sweeps the customer erased at <paramref name="erasedAt"/> (their item then: <paramref name="item"/>) once more at <paramref name="dueAt"/>.</summary>
    public async Task ScheduleErasureSweepAsync(ProfileKey key, Instant erasedAt, string? item, Instant dueAt, CancellationToken cancellationToken = default) =>
        await SendAsync(WakeUpMessage.FormatErasureSweep(key, erasedAt, item, dueAt), dueAt, cancellationToken);

    async Task<SendReceipt> SendAsync(string text, Instant dueAt, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return await EnqueueAsync(text, DelayUntil(dueAt, now, maxDelay is { } max ? Duration.FromTimeSpan(max) : MaxDelay), cancellationToken);
    }

    async Task IWakeUpQueue.SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken) =>
        await EnqueueAsync(text, delay, cancellationToken);

    async Task<SendReceipt> EnqueueAsync(string text, TimeSpan delay, CancellationToken cancellationToken) =>
        (await queue.SendMessageAsync(text, delay, NeverExpires, cancellationToken)).Value;

    /// <summary>
    /// How long the message stays invisible: until <paramref name="dueAt"/>, rounded up to the queue's whole
    /// seconds (a wake-up a fraction early would only re-arm), at least zero and at most <paramref name="max"/>
    /// (<see cref="MaxDelay"/> by default).
    /// </summary>
    public static TimeSpan DelayUntil(Instant dueAt, Instant now, Duration? max = null)
    {
        var longest = max ?? MaxDelay;
        var wait = dueAt - now;
        if (wait <= Duration.Zero) return TimeSpan.Zero;
        if (wait >= longest) return longest.ToTimeSpan();
        return TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
    }
}
