using JourneyTriggers.Application.Processing;

namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>
/// A wake-up that failed for a reason that passes (Cosmos DB or Storage unavailable, a customer contended) is queued
/// again to wake after a doubling wait, from a minute up to an hour, <see cref="Most"/> times (about seven hours in
/// all), rather than left to the queue, which delivers it again every visibility timeout (30 s) and poisons it after
/// five: an outage of minutes or hours then makes a journey's step or a reminder late instead of stuck in the poison
/// queue until an operator moves it back. Every wake-up is safe to deliver twice, so a retry queued by an attempt whose
/// own answer was lost changes nothing. Past the last retry the queue's own redeliveries and poison queue take over.
/// </summary>
public static class WakeUpRetries
{
    public const int Most = 12;

    static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The message to queue instead of <paramref name="wakeUp"/>, and after how long; null once it had its retries.</summary>
    public static (string Text, TimeSpan Delay, int Retry)? After(WakeUpParseResult wakeUp) => wakeUp switch
    {
        WakeUpParseResult.Parsed { Retry: < Most } timer =>
            (WakeUpMessage.Format(timer.Key, timer.Timer, timer.Retry + 1), Delay(timer.Retry), timer.Retry + 1),
        WakeUpParseResult.DeliveryDue { Retry: < Most } delivery =>
            (WakeUpMessage.FormatDelivery(delivery.Key, delivery.MessageId, delivery.DueAt, delivery.Retry + 1), Delay(delivery.Retry), delivery.Retry + 1),
        WakeUpParseResult.ErasureSweepDue { Retry: < Most } sweep =>
            (WakeUpMessage.FormatErasureSweep(sweep.Key, sweep.ErasedAt, sweep.Item, sweep.DueAt, sweep.Retry + 1), Delay(sweep.Retry), sweep.Retry + 1),
        _ => null,
    };

    static TimeSpan Delay(int retry) => Backoff.Delay(First, retry + 1, Longest);
}
