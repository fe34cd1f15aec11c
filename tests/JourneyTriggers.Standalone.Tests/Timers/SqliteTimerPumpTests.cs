using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Standalone.Tests.Timers;

public sealed class SqliteTimerPumpTests : IDisposable
{
    static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(Start);

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task A_due_timer_fires_exactly_once()
    {
        using var shop = new Shop(data.Path, time);
        await shop.AbandonCartAsync("c-1");
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200);
        Assert.Equal(0, Sent());

        await Eventually.Holds(() => Sent() == 1, time, what: "step 1 sent");
        // More time passes, well short of step 2: the wake-up of step 1 was consumed with its send.
        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }
        await pump.StopAsync(CancellationToken.None);

        Assert.Equal(1, Sent());
        Assert.Equal(["2"], DatabaseFile.Column(data.Path, "SELECT token FROM timers"));
    }

    [Fact]
    public async Task After_a_restart_every_overdue_timer_fires_once()
    {
        using (var before = new Shop(data.Path, time))
        {
            foreach (var customer in new[] { "c-3", "c-1", "c-4", "c-2" })
            {
                await before.AbandonCartAsync(customer);
                time.Advance(TimeSpan.FromMinutes(1));
            }
            // The process goes away with all four wake-ups pending, and stays down past all of them.
        }
        time.Advance(TimeSpan.FromHours(3));

        using var after = new Shop(data.Path, time);
        using var pump = after.Pump();
        await pump.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => Sent() == 4, what: "four overdue reminders sent");
        await pump.StopAsync(CancellationToken.None);

        // Customers fire side by side, so only the set is fixed across customers, not the order.
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], DatabaseFile.Column(data.Path, "SELECT customer_key FROM effects WHERE type = 'message.sent' ORDER BY customer_key"));
        Assert.Equal(["2", "2", "2", "2"], DatabaseFile.Column(data.Path, "SELECT token FROM timers"));
    }

    [Fact]
    public async Task Overdue_timers_of_different_customers_fire_one_at_a_time_in_due_order()
    {
        using var shop = new Shop(data.Path, time);
        foreach (var customer in new[] { "c-3", "c-1", "c-4", "c-2" })
        {
            await shop.AbandonCartAsync(customer);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        time.Advance(TimeSpan.FromHours(1));
        shop.Composer.Takes = TimeSpan.FromMilliseconds(100);
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);

        await Eventually.Holds(() => Sent() == 4, what: "four reminders sent");
        await pump.StopAsync(CancellationToken.None);
        Assert.Equal(1, shop.Composer.MostAtOnce);
        Assert.Equal(["c-3", "c-1", "c-4", "c-2"], DatabaseFile.Column(data.Path, "SELECT customer_key FROM outbox ORDER BY rowid"));
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_applying_a_wake_up_loses_nothing()
    {
        using var shop = new Shop(data.Path, time);
        await shop.AbandonCartAsync("c-1");
        shop.Composer.FailNext(1);
        time.Advance(TimeSpan.FromHours(1));
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);

        // The first attempt dies after deciding and before saving: the row is kept for a retry.
        await Eventually.Holds(() => DatabaseFile.Count(data.Path, "SELECT COUNT(*) FROM timers WHERE attempts = 1") == 1, what: "first attempt failed");
        Assert.Equal(0, Sent());

        await Eventually.Holds(() => Sent() == 1, time, what: "sent on retry");
        await pump.StopAsync(CancellationToken.None);
        Assert.Equal(["2"], DatabaseFile.Column(data.Path, "SELECT token FROM timers"));
    }

    [Fact]
    public async Task A_timer_armed_while_the_pump_sleeps_wakes_it()
    {
        using var shop = new Shop(data.Path, time);
        // Left alone, this pump would not look at the table again for a week.
        using var pump = shop.Pump(pollInterval: TimeSpan.FromDays(7));
        await pump.StartAsync(CancellationToken.None);
        await Task.Delay(100);

        await shop.AbandonCartAsync("c-1");
        await Task.Delay(100);

        // The hour in one move, then small steps: stepping through it a minute per poll left the pump well under a
        // second of real time to wake, read and send before the clock passed the bound below. Without the wake-up, the
        // pump sleeps its week and nothing is sent within Eventually's limit.
        time.Advance(TimeSpan.FromHours(1));
        await Eventually.Holds(() => Sent() == 1, time, TimeSpan.FromSeconds(1), "sent about an hour later");
        await pump.StopAsync(CancellationToken.None);
        Assert.True(time.GetUtcNow() < Start + TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task A_wake_up_for_a_customer_that_is_gone_is_dropped()
    {
        using var shop = new Shop(data.Path, time);
        DatabaseFile.Execute(data.Path, "INSERT INTO timers (key, trigger, token, due_at_ticks, run_at_ticks) VALUES ('c-gone', 'abandoned_cart', 1, 0, 0)");
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);

        await Eventually.Holds(() => DatabaseFile.Count(data.Path, "SELECT COUNT(*) FROM timers") == 0, what: "row dropped");
        await pump.StopAsync(CancellationToken.None);
    }

    long Sent() => DatabaseFile.Count(data.Path, "SELECT COUNT(*) FROM outbox");
}
