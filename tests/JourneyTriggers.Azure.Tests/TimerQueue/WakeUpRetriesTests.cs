using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.TimerQueue;

public sealed class WakeUpRetriesTests
{
    static readonly ProfileKey Key = ProfileKey.ForCustomer("c-1002");
    static readonly TimerDue Timer = new("abandoned_cart", new TimerToken(7), Instant.FromUtc(2026, 11, 23, 3, 6));

    [Fact]
    public void A_wake_up_is_queued_again_after_a_doubling_wait_from_a_minute_to_an_hour_twelve_times_then_left_to_the_queue()
    {
        WakeUpParseResult wakeUp = new WakeUpParseResult.Parsed(Key, Timer);
        var waits = new List<double>();
        while (WakeUpRetries.After(wakeUp) is { } retry)
        {
            waits.Add(retry.Delay.TotalMinutes);
            var next = Assert.IsType<WakeUpParseResult.Parsed>(WakeUpMessage.Parse(retry.Text));
            Assert.Equal((Key, Timer, waits.Count), (next.Key, next.Timer, next.Retry));
            Assert.Equal(waits.Count, retry.Retry);
            wakeUp = next;
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60], waits);
        Assert.Equal(WakeUpRetries.Most, waits.Count);
    }

    [Fact]
    public void A_delivery_wake_up_keeps_its_reminder_and_due_instant()
    {
        var retry = WakeUpRetries.After(new WakeUpParseResult.DeliveryDue(Key, "m-1", Timer.DueAt, 4))!.Value;

        Assert.Equal(new WakeUpParseResult.DeliveryDue(Key, "m-1", Timer.DueAt, 5), WakeUpMessage.Parse(retry.Text));
        Assert.Equal(TimeSpan.FromMinutes(16), retry.Delay);
    }

    [Fact]
    public void An_erasure_sweep_keeps_when_its_erasure_began_and_the_item_then()
    {
        var erasedAt = Timer.DueAt - Duration.FromHours(1);

        var retry = WakeUpRetries.After(new WakeUpParseResult.ErasureSweepDue(Key, erasedAt, "AQIDBA==", Timer.DueAt))!.Value;

        Assert.Equal(new WakeUpParseResult.ErasureSweepDue(Key, erasedAt, "AQIDBA==", Timer.DueAt, 1), WakeUpMessage.Parse(retry.Text));
    }

    [Fact]
    public void A_malformed_message_is_never_queued_again()
    {
        Assert.Null(WakeUpRetries.After(new WakeUpParseResult.Malformed("Timer wake-up message is not JSON.")));
    }
}
