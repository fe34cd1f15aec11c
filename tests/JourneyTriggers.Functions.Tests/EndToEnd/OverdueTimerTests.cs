namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>DESIGN 4.5: timers armed when the process dies are still there when it comes back, and fire at once, in due order.</summary>
public sealed class OverdueTimerTests
{
    const int Customers = 5;

    [Fact]
    public async Task Timers_that_fell_due_while_the_process_was_dead_fire_promptly_in_due_order_on_restart()
    {
        await using var service = await ServiceProcess.StartAsync(E2EConfig.FastCart());
        // The first POST and the first decided read of a just-started process pay for JIT, the SQLite open and the
        // inbox pump's first decisions: seconds on a loaded machine, which would eat into the time before the kill.
        // A customer with no cart goes through both first; it starts no journey, so it adds nothing to the outbox.
        await service.PostEventsRetryingAsync(Events.Array([Events.Identify("overdue-warm-1", "c-overdue-warm", "warm@example.com", DateTimeOffset.UtcNow)]), TimeSpan.FromSeconds(30));
        Assert.NotNull(await service.CustomerAsync("c-overdue-warm"));

        // Cart activity stamped ahead, so step 1 falls due 8–9 s from now, well after the kill below,
        // however slow the machine; customer k's timer falls due 250 ms after customer k-1's.
        var start = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6);
        var ids = Enumerable.Range(0, Customers).Select(k => $"c-overdue-{k}").ToList();
        // Sent in reverse due order, so that arrival order cannot pass for due order.
        var body = Events.Array(Enumerable.Range(0, Customers).Reverse().SelectMany(k => (string[])[
            Events.Identify($"overdue-{k}-1", ids[k], $"overdue{k}@example.com", start),
            Events.EmailConsent($"overdue-{k}-2", ids[k], start),
            Events.CartAdd($"overdue-{k}-3", ids[k], start + TimeSpan.FromMilliseconds(250 * k)),
        ]));
        var answer = await service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(30));
        Assert.Equal(Customers * 3, answer.Accepted);
        var dues = Enumerable.Range(0, Customers).Select(k => start + TimeSpan.FromMilliseconds(250 * k) + E2EConfig.Step1).ToList();

        var armedAtKill = await service.OutboxAsync();
        service.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(killedAt < dues[0], $"the machine was too slow to kill before the first due time ({killedAt:O} vs {dues[0]:O})");
        Assert.Empty(armedAtKill);

        // Dead past every due time.
        var allDue = dues[^1] + TimeSpan.FromMilliseconds(500);
        if (DateTimeOffset.UtcNow < allDue) await Task.Delay(allDue - DateTimeOffset.UtcNow);
        var restartedAt = DateTimeOffset.UtcNow;
        await service.RestartAsync();
        var healthyAt = DateTimeOffset.UtcNow;

        var deadline = healthyAt + TimeSpan.FromSeconds(10);
        IReadOnlyList<OutboxItem> outbox;
        do
        {
            outbox = await service.OutboxAsync();
            if (outbox.Count(m => m.Step == 1) >= Customers) break;
            await Task.Delay(100);
        } while (DateTimeOffset.UtcNow < deadline);

        var firsts = outbox.Where(m => m.Step == 1).ToList();
        Assert.True(firsts.Count == Customers, $"{firsts.Count} step-1 reminders after the restart: {ReminderTimingTests.Show(outbox)}\n{service.RecentOutput()}");
        Assert.Equal(ids.Order(StringComparer.Ordinal), firsts.Select(m => m.CustomerId!).Order(StringComparer.Ordinal));
        // Fired by the restarted process, promptly: not before it started, within seconds of it being healthy. The
        // bound leaves a cold process room to render and send five reminders on a loaded machine, yet stays under
        // the timer pump's 10 s wait for the inbox, which a restart that left its overdue timers waiting would spend.
        foreach (var m in firsts)
        {
            Assert.True(m.At >= restartedAt, $"{m.CustomerId}'s step 1 at {m.At:O}, before the restart at {restartedAt:O}");
            Assert.True(m.At <= healthyAt + TimeSpan.FromSeconds(8), $"{m.CustomerId}'s step 1 at {m.At:O}, long after start-up ({healthyAt:O})");
            Assert.Equal(m.At, m.DeliveredAt);
        }
        // In due order: sorted by when they went out, they are customers 0, 1, 2, … — the order of their due times.
        var sentOrder = firsts.OrderBy(m => m.At).ThenBy(m => m.CustomerId, StringComparer.Ordinal).Select(m => m.CustomerId).ToList();
        Assert.True(ids.SequenceEqual(sentOrder), $"sent in order {string.Join(", ", sentOrder)}: {ReminderTimingTests.Show(firsts)}");

        // And the journey goes on from there: step 2 for each, exactly once, 4 s after its step 1.
        var seconds = DateTimeOffset.UtcNow + E2EConfig.Step2 + TimeSpan.FromSeconds(8);
        do
        {
            outbox = await service.OutboxAsync();
            if (outbox.Count(m => m.Step == 2) >= Customers) break;
            await Task.Delay(200);
        } while (DateTimeOffset.UtcNow < seconds);
        foreach (var id in ids)
        {
            var mine = outbox.Where(m => m.CustomerId == id).ToList();
            Assert.True(mine.Count(m => m.Step == 1) == 1 && mine.Count(m => m.Step == 2) == 1, $"{id}: {ReminderTimingTests.Show(mine)}");
            Assert.True(mine.Single(m => m.Step == 2).At >= mine.Single(m => m.Step == 1).At + E2EConfig.Step2, $"{id}: {ReminderTimingTests.Show(mine)}");
        }
    }
}
