using System.Net;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>The real process, its SQLite timers and its outbox: a cart left alone gets its two reminders on time, not before.</summary>
[Collection(RunningServiceCollection.Name)]
public sealed class ReminderTimingTests(RunningService running)
{
    /// <summary>
    /// A loaded CI machine may be late by this much (the process is shared with the other tests of the collection);
    /// it may never be early. A reminder that never fires still fails.
    /// </summary>
    static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_abandoned_cart_gets_step_one_then_step_two_in_Thai_at_their_due_times_and_not_before()
    {
        var service = running.Service;
        const string customer = "c-e2e-timing";
        var now = DateTimeOffset.UtcNow;
        var body = Events.ConsentingCart("timing", customer, "somchai.timing@example.com", now);

        var answer = await service.PostEventsRetryingAsync(body, TimeSpan.FromSeconds(30));
        Assert.Equal(3, answer.Accepted);
        var cartAt = now;

        // Before step 1 is due: nothing yet. Checked only while the clock is clearly short of the due time,
        // so a slow machine cannot turn a correct service into a failure.
        var quietUntil = cartAt + TimeSpan.FromSeconds(1);
        if (DateTimeOffset.UtcNow < quietUntil) await Task.Delay(quietUntil - DateTimeOffset.UtcNow);
        var early = await service.OutboxAsync(customer);
        if (DateTimeOffset.UtcNow < cartAt + E2EConfig.Step1) Assert.Empty(early);

        var first = await WaitForAsync(service, customer, 1, cartAt + E2EConfig.Step1 + Tolerance);
        var step1 = Assert.Single(first);
        Assert.Equal(1, step1.Step);
        Assert.Equal("email", step1.Channel);
        Assert.Equal("cart-reminder-1", step1.Template);
        Assert.Equal("th-TH", step1.Locale);
        Assert.Equal("คุณSomchai ลืมของไว้ในตะกร้าหรือเปล่าคะ", step1.Subject);
        Assert.Equal("somchai.timing@example.com", step1.To);
        Assert.Equal("delivered", step1.Status);
        Assert.True(step1.At >= cartAt + E2EConfig.Step1, $"step 1 went out at {step1.At:O}, before its due time {cartAt + E2EConfig.Step1:O}");
        Assert.True(step1.At <= cartAt + E2EConfig.Step1 + Tolerance, $"step 1 went out at {step1.At:O}, long after {cartAt + E2EConfig.Step1:O}");

        var both = await WaitForAsync(service, customer, 2, step1.At + E2EConfig.Step2 + Tolerance);
        Assert.Equal(2, both.Count);
        var step2 = both.Single(m => m.Step == 2);
        Assert.Equal(step1.MessageId, both.Single(m => m.Step == 1).MessageId);
        Assert.Equal("cart-reminder-2", step2.Template);
        Assert.Equal("th-TH", step2.Locale);
        Assert.False(string.IsNullOrWhiteSpace(step2.Subject));
        Assert.NotEqual(step1.MessageId, step2.MessageId);
        Assert.True(step2.At >= step1.At + E2EConfig.Step2, $"step 2 went out at {step2.At:O}, before {step1.At + E2EConfig.Step2:O}");

        // The timeline says the same, in order, and nothing more arrives afterwards. Each message kept in the outbox
        // (no provider here) is delivered there, a verdict the dispatcher records moments after the send.
        var state = await DeliveredTwiceAsync(service, customer);
        var recorded = state.GetProperty("timeline").EnumerateArray().Select(e => (Type: e.GetProperty("type").GetString(), Element: e)).ToList();
        Assert.Equal([step1.MessageId, step2.MessageId],
            recorded.Where(t => t.Type == "message.delivered").Select(t => t.Element.GetProperty("messageId").GetString()));
        var timeline = recorded.Where(t => t.Type != "message.delivered").ToList();
        Assert.Equal(["journey.entered", "message.sent", "message.sent", "journey.exited"], timeline.Select(t => t.Type));
        Assert.Equal("completed", timeline[3].Element.GetProperty("reason").GetString());
        Assert.Equal([1, 2], timeline.Where(t => t.Type == "message.sent").Select(t => t.Element.GetProperty("step").GetInt32()));
        Assert.Equal("idle", state.GetProperty("journeys")[0].GetProperty("state").GetString());
        Assert.Equal(2, (await service.OutboxAsync(customer)).Count);
        Assert.Equal(HttpStatusCode.OK, await service.HealthAsync());
    }

    static async Task<JsonElement> DeliveredTwiceAsync(ServiceProcess service, string customer)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var state = (await service.CustomerAsync(customer))!.Value;
            var delivered = state.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "message.delivered");
            if (delivered >= 2 || DateTimeOffset.UtcNow > deadline) return state;
            await Task.Delay(100);
        }
    }

    /// <summary>Polls the customer's outbox until it holds <paramref name="count"/> messages or the deadline passes.</summary>
    internal static async Task<IReadOnlyList<OutboxItem>> WaitForAsync(ServiceProcess service, string customer, int count, DateTimeOffset deadline)
    {
        while (true)
        {
            var messages = await service.OutboxAsync(customer);
            if (messages.Count >= count || DateTimeOffset.UtcNow > deadline) return messages;
            await Task.Delay(100);
        }
    }

    internal static string Show(IEnumerable<OutboxItem> messages) =>
        JsonSerializer.Serialize(messages.Select(m => new { m.CustomerId, m.Step, m.MessageId, m.At }));
}
