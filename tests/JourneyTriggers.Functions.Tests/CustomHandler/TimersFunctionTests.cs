using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary><c>POST /Timers</c>: wake-ups that fire, are stale or find no customer; malformed messages; transient failures.</summary>
public sealed class TimersFunctionTests : IDisposable
{
    readonly CustomHandlerFactory handler = new();

    public void Dispose() => handler.Dispose();

    static string WakeUp(string key, string trigger, long token, string dueAt) =>
        Envelopes.Timer($$"""{"key":"{{key}}","trigger":"{{trigger}}","token":{{token}},"dueAt":"{{dueAt}}"}""");

    /// <summary>Sends the fixtures' events so that c-1002 has a cart journey, and returns the timer it armed.</summary>
    async Task<ArmTimer> ArmedCartTimerAsync()
    {
        await handler.InvokeAsync("Touchpoints", Envelopes.WithEventBody(Envelopes.BinaryBatch, 2, Envelopes.Utf8(
            """{"id":"evt-0103","type":"cart.item_added","customerId":"c-1002","timestamp":"2026-11-22T10:07:30Z","source":"app","properties":{"sku":"TEA-01","name":"Tea","price":129.5,"quantity":1,"currency":"THB"}}""")));
        return handler.Store.Changes.Where(c => c.Key == ProfileKey.ForCustomer("c-1002")).SelectMany(c => c.Effects).OfType<ArmTimer>().Last();
    }

    [Fact]
    public async Task The_fixtures_message_for_a_customer_with_no_document_is_consumed_as_gone()
    {
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers", Envelopes.Text("timers.queue-message.json-message.request.json")));

        Assert.Equal("timers: abandoned_cart token 7: customergone", Envelopes.Log(answer));
        Assert.Empty(handler.DeadLetters.Letters);
    }

    [Fact]
    public async Task A_due_wake_up_fires()
    {
        var armed = await ArmedCartTimerAsync();
        handler.Time.Now = armed.DueAt.ToDateTimeOffset().AddSeconds(1);

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers",
            WakeUp("c-1002", armed.Trigger, armed.Token.Value, InstantPattern.ExtendedIso.Format(armed.DueAt))));

        Assert.Equal($"timers: {armed.Trigger} token {armed.Token}: fired", Envelopes.Log(answer));
        Assert.Contains(handler.Store.Changes, c => c.CompletedTimer?.Token == armed.Token);
    }

    [Fact]
    public async Task A_wake_up_whose_token_is_no_longer_armed_is_stale()
    {
        var armed = await ArmedCartTimerAsync();

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers",
            WakeUp("c-1002", armed.Trigger, armed.Token.Value + 100, InstantPattern.ExtendedIso.Format(armed.DueAt))));

        Assert.EndsWith(": stale", Envelopes.Log(answer));
    }

    [Theory]
    [InlineData("timers.queue-message.plain-string.request.json", "is not JSON")]
    public async Task A_message_that_is_not_ours_is_dead_lettered_and_consumed(string fixture, string reason)
    {
        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers", Envelopes.Text(fixture)));

        var letter = Assert.Single(handler.DeadLetters.Letters);
        Assert.Equal("timers", letter.Source);
        Assert.Contains(reason, letter.Reason);
        Assert.Equal("wake c-1002 abandoned_cart 7", Envelopes.Utf8String(letter.Body));
        Assert.Equal("d41e2b7a-5c90-4e1f-b8a3-7f2c6e0d9a15", letter.Details[DeadLetterDetails.MessageId]);
        Assert.Equal("3", letter.Details[DeadLetterDetails.DequeueCount]);
        Assert.Contains("dead-lettered", Envelopes.Log(answer));
    }

    [Theory]
    [InlineData("""{"trigger":"abandoned_cart","token":7,"dueAt":"2026-11-23T03:06:00Z"}""", "'key' is missing")]
    [InlineData("""{"key":"c-1002","trigger":"abandoned_cart","token":"7","dueAt":"2026-11-23T03:06:00Z"}""", "'token' must be a whole JSON number")]
    [InlineData("""{"key":"c-1002","trigger":"abandoned_cart","token":7,"dueAt":"11/23/2026 03:06:00"}""", "'dueAt' must be an ISO 8601 UTC instant")]
    [InlineData("""["c-1002","abandoned_cart",7]""", "must be a JSON object")]
    public async Task A_malformed_wake_up_is_dead_lettered_with_a_precise_reason(string message, string reason)
    {
        await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers", Envelopes.Timer(message)));

        Assert.Contains(reason, Assert.Single(handler.DeadLetters.Letters).Reason);
    }

    public static TheoryData<Exception> TransientFailures() =>
        [new StoreUnavailableException("Cosmos DB timed out"), new CustomerContentionException(ProfileKey.ForCustomer("c-1002"), 5)];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task A_transient_failure_queues_the_wake_up_again_for_a_minute_later_instead_of_spending_the_queues_few_redeliveries(Exception failure)
    {
        handler.Store.Failure = failure;

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("Timers", Envelopes.Text("timers.queue-message.json-message.request.json")));

        var (text, delay) = Assert.Single(handler.WakeUps.Sent);
        var again = Assert.IsType<WakeUpParseResult.Parsed>(WakeUpMessage.Parse(text));
        Assert.Equal((ProfileKey.ForCustomer("c-1002"), "abandoned_cart", 7L, 1), (again.Key, again.Timer.Trigger, again.Timer.Token.Value, again.Retry));
        Assert.Equal(TimeSpan.FromMinutes(1), delay);
        Assert.Contains("queued again to wake in 1 min (retry 1 of 12)", Envelopes.Log(answer));
        Assert.Empty(handler.DeadLetters.Letters);
    }

    [Fact]
    public async Task A_wake_up_that_had_its_retries_answers_500_so_the_queue_delivers_it_again_and_eventually_poisons_it()
    {
        handler.Store.Failure = new StoreUnavailableException("Cosmos DB timed out");

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("Timers",
            Envelopes.Timer("""{"key":"c-1002","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-23T03:06:00Z","retry":12}""")));

        Assert.Empty(handler.WakeUps.Sent);
    }

    [Fact]
    public async Task A_wake_up_that_cannot_be_queued_again_answers_500_so_the_queue_keeps_it()
    {
        handler.Store.Failure = new StoreUnavailableException("Cosmos DB timed out");
        handler.WakeUps.Failure = new InvalidOperationException("Queue Storage answered 503");

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("Timers", Envelopes.Text("timers.queue-message.json-message.request.json")));
    }

    [Fact]
    public async Task A_malformed_message_that_cannot_be_dead_lettered_stays_on_the_queue()
    {
        handler.DeadLetters.Failure = new StoreUnavailableException("Blob Storage answered 503");

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("Timers", Envelopes.Text("timers.queue-message.plain-string.request.json")));
    }
}
