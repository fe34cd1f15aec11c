using System.Text;
using Azure.Storage.Queues.Models;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.TimerQueue;

[Collection(AzureServersCollection.Name)]
public sealed class StorageQueueTimerSchedulerTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    [Fact]
    public async Task A_wake_up_stays_invisible_until_due_then_arrives_base64_encoded_and_never_expires()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var timer = new TimerDue("abandoned_cart", new TimerToken(7), now + Duration.FromSeconds(2));

        await rig.Scheduler.ScheduleAsync(Ann, timer);

        // Measured from the due time, not from when the calls above returned (seconds later on a loaded machine).
        // Azurite counts visibility in whole seconds, so the message may show up to 1 s before it is due.
        var visibleFrom = timer.DueAt.ToDateTimeUtc() - TimeSpan.FromSeconds(1);
        // Peeked, not received: a receive would hide the message for 30 s. Asserted only if the peek came back
        // before the message may show.
        var peeked = (await rig.RawQueue.PeekMessagesAsync(10)).Value;
        if (DateTime.UtcNow < visibleFrom) Assert.Empty(peeked);
        QueueMessage? received = null;
        while (received is null && DateTime.UtcNow < visibleFrom + TimeSpan.FromSeconds(10))
        {
            await Task.Delay(250);
            received = (await rig.RawQueue.ReceiveMessagesAsync(1)).Value.SingleOrDefault();
        }
        Assert.NotNull(received);
        Assert.True(DateTime.UtcNow >= visibleFrom, $"visible too early: at {DateTime.UtcNow:O}, due at {timer.DueAt}");

        // The raw queue client decodes nothing: the stored body is Base64, as the host's trigger expects.
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(received.MessageText));
        Assert.Equal(WakeUpMessage.Format(Ann, timer), text);
        Assert.Equal(new WakeUpParseResult.Parsed(Ann, timer), WakeUpMessage.Parse(text));
        Assert.Equal(DateTimeOffset.MaxValue.Year, received.ExpiresOn!.Value.Year);
    }

    [Fact]
    public async Task A_wake_up_more_than_7_days_away_is_sent_for_7_days_from_now()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await Rig.CreateAsync(servers, time: time);
        var scheduler = (StorageQueueTimerScheduler)rig.Scheduler;
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());

        var receipt = await scheduler.SendAsync(Ann, new TimerDue("app_inactive", new TimerToken(1), now + Duration.FromDays(30)), default);

        Assert.InRange(receipt.TimeNextVisible - receipt.InsertionTime, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(5), TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Equal(DateTimeOffset.MaxValue.Year, receipt.ExpirationTime.Year);
        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task A_wake_up_queued_again_stays_invisible_for_its_wait()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var text = WakeUpMessage.Format(Ann, new TimerDue("abandoned_cart", new TimerToken(2), Instant.FromUtc(2020, 1, 1, 0, 0)), retry: 1);

        await ((IWakeUpQueue)rig.Scheduler).SendAsync(text, TimeSpan.FromMinutes(2), default);

        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.Equal(1, (await rig.RawQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_wake_up_already_due_is_visible_at_once()
    {
        await using var rig = await Rig.CreateAsync(servers);

        await rig.Scheduler.ScheduleAsync(Ann, new TimerDue("abandoned_cart", new TimerToken(2), Instant.FromUtc(2020, 1, 1, 0, 0)));

        Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
    }

    [Theory]
    [InlineData(-30.0, 0)]
    [InlineData(0.0, 0)]
    [InlineData(0.2, 1)]
    [InlineData(59.001, 60)]
    [InlineData(3600.0, 3600)]
    [InlineData(7 * 86400.0, 7 * 86400)]
    [InlineData(7 * 86400.0 + 1, 7 * 86400)]
    [InlineData(400 * 86400.0, 7 * 86400)]
    public void The_delay_is_the_wait_in_whole_seconds_rounded_up_and_capped_at_7_days(double waitSeconds, int expectedSeconds)
    {
        var now = Instant.FromUtc(2026, 11, 22, 10, 0);

        var delay = StorageQueueTimerScheduler.DelayUntil(now + Duration.FromMilliseconds((long)(waitSeconds * 1000)), now);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }
}
