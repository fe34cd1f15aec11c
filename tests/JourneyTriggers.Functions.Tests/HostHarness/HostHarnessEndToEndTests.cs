using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using JourneyTriggers.Azure.Tests.Email;
using Microsoft.Azure.Cosmos;

namespace JourneyTriggers.Functions.Tests.HostHarness;

/// <summary>
/// The published package under the harness, against Azurite and cosmosdb-server: touchpoints in through Event Hubs
/// batches, state in Cosmos, wake-ups on the real queue delivered when they become visible, reminders in the outbox.
/// </summary>
[Collection(HarnessCollection.Name)]
public sealed class HostHarnessEndToEndTests(HarnessServers servers)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static string Customer(string name) => $"c-{name}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_cart_abandoned_on_the_hub_gets_its_reminder_from_the_queue_when_the_wake_up_becomes_visible()
    {
        using var app = await TestApp.CreateAsync(servers);
        var hub = new HubPartition("0");
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
        await WarmUpAsync(host, hub);
        var customer = Customer("cart");
        var added = DateTimeOffset.UtcNow;
        hub.Append(Touchpoint.Identified("e-1-" + customer, customer, added.AddSeconds(-1)), customer);
        hub.Append(Touchpoint.CartAdded("e-2-" + customer, customer, added), customer);

        await host.Touchpoints.DeliverAsync();

        var batch = host.Touchpoints.Invocations.Last();
        Assert.True(batch.Outcome.Succeeded, batch.Outcome.Detail);
        var document = await ReadAsync(app, customer);
        Assert.NotNull(document);
        // The wake-up waits invisible on the queue: one message for the armed step, none visible yet.
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await host.Queue.PeekMessagesAsync()).Value);
        Assert.Empty(await OutboxAsync(app, customer));

        host.ListenToQueue();
        var reminders = await EventuallyAsync(() => OutboxAsync(app, customer), r => r.Count >= 1);

        // The reminder is written during the invocation; the harness records the invocation once it is answered.
        await EventuallyAsync(() => Task.FromResult(host.Timers.Invocations.Count), c => c >= 1);
        var delivered = host.Timers.Invocations.First();
        Assert.True(delivered.Outcome.Succeeded, delivered.Outcome.Detail);
        Assert.Equal(1, delivered.DequeueCount);
        Assert.True(reminders[0].Properties.CreatedOn >= WholeSeconds(added.AddSeconds(8)),
            $"recorded at {reminders[0].Properties.CreatedOn:O}, due {added.AddSeconds(8):O}");
        // The next step is armed by the same firing: again one message, whatever the number of events.
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_wake_up_failing_for_a_reason_that_passes_is_queued_again_to_wake_a_minute_later_and_consumed()
    {
        using var app = await TestApp.CreateAsync(servers, visibilityTimeout: TimeSpan.FromSeconds(1));
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, new HubPartition("0"));
        var wakeUp = $$"""{"key":"{{Customer("retry")}}","trigger":"abandoned_cart","token":1,"dueAt":"2026-11-23T03:06:00Z"}""";
        await host.Queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(wakeUp)));

        servers.Cosmos.Fault = HttpStatusCode.ServiceUnavailable;
        try
        {
            host.ListenToQueue();
            await EventuallyAsync(() => Task.FromResult(host.Timers.Invocations.Count), c => c >= 1);
        }
        finally
        {
            servers.Cosmos.Fault = null;
        }

        var attempt = Assert.Single(host.Timers.Invocations);
        Assert.True(attempt.Outcome.Succeeded, attempt.Outcome.Detail);
        Assert.Contains("queued again to wake in 1 min (retry 1 of 12)", attempt.Outcome.Detail);
        // The original is consumed; its retry waits invisible, and nothing is poisoned.
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await host.Queue.PeekMessagesAsync()).Value);
        Assert.False(await host.Timers.PoisonQueue.ExistsAsync() && (await host.Timers.PoisonQueue.PeekMessagesAsync()).Value.Length > 0);
    }

    [Fact]
    public async Task A_wake_up_that_had_its_retries_and_keeps_failing_comes_back_with_a_growing_dequeue_count_and_is_poisoned_after_max_dequeue_count()
    {
        using var app = await TestApp.CreateAsync(servers, visibilityTimeout: TimeSpan.FromSeconds(1));
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, new HubPartition("0"));
        var wakeUp = $$"""{"key":"{{Customer("poison")}}","trigger":"abandoned_cart","token":1,"dueAt":"2026-11-23T03:06:00Z","retry":12}""";
        await host.Queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(wakeUp)));

        servers.Cosmos.Fault = HttpStatusCode.ServiceUnavailable;
        try
        {
            host.ListenToQueue();
            await EventuallyAsync(async () => await host.Timers.PoisonQueue.ExistsAsync() ? (await host.Timers.PoisonQueue.PeekMessagesAsync()).Value : [], p => p.Length == 1);
        }
        finally
        {
            servers.Cosmos.Fault = null;
        }

        var attempts = host.Timers.Invocations.ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], attempts.Select(a => a.DequeueCount));
        Assert.All(attempts, a => Assert.StartsWith("500:", a.Outcome.Detail));
        Assert.All(attempts, a => Assert.Equal(wakeUp, a.Body));
        var poisoned = Assert.Single((await host.Timers.PoisonQueue.PeekMessagesAsync()).Value);
        Assert.Equal(wakeUp, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(poisoned.Body.ToString())));
        Assert.Equal(0, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_batch_with_one_bad_customer_is_not_retried_the_bad_event_is_dead_lettered_with_its_reason_and_the_others_applied()
    {
        using var app = await TestApp.CreateAsync(servers);
        var hub = new HubPartition("3");
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
        var (good, bad, other) = (Customer("good"), Customer("bad"), Customer("other"));
        var now = DateTimeOffset.UtcNow;
        hub.Append(Touchpoint.CartAdded("e-1-" + good, good, now), good);
        var badBody = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"id":"e-2-{{{bad}}}","type":"cart.item_added","customerId":"{{{bad}}}","timestamp":"{{{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}","source":"web","properties":{"sku":"LAP-14","price":"two hundred","quantity":1,"currency":"THB"}}""");
        hub.Append(badBody, bad);
        hub.Append(Touchpoint.CartAdded("e-3-" + other, other, now), other);

        await host.Touchpoints.DeliverAsync();

        var only = Assert.Single(host.Touchpoints.Invocations);
        Assert.True(only.Outcome.Succeeded, only.Outcome.Detail);
        Assert.Equal(0, only.Attempt);
        Assert.NotNull(await ReadAsync(app, good));
        Assert.NotNull(await ReadAsync(app, other));
        Assert.Null(await ReadAsync(app, bad));
        var letter = Assert.Single(await BlobsAsync(app, app.DeadLetterContainer));
        var content = (await app.Blobs.GetBlobContainerClient(app.DeadLetterContainer).GetBlobClient(letter.Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("properties.price", content);
        Assert.Contains(Convert.ToBase64String(badBody), content.Replace("\\u002B", "+", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_killed_mid_run_and_started_again_loses_no_event_and_doubles_none()
    {
        using var app = await TestApp.CreateAsync(servers);
        var hub = new HubPartition("1");
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
        await WarmUpAsync(host, hub);
        var customers = Enumerable.Range(0, 40).Select(i => Customer($"k{i}")).ToList();
        var now = DateTimeOffset.UtcNow;
        // Three quantities of one line per customer, spread over several batches of at most maxEventBatchSize.
        for (var round = 0; round < 3; round++)
            foreach (var customer in customers)
                hub.Append(Touchpoint.CartAdded($"e-{round}-{customer}", customer, now.AddMilliseconds(round)), customer);
        var before = host.Touchpoints.Invocations.Count;

        var delivering = host.Touchpoints.DeliverAsync();
        await EventuallyAsync(() => Task.FromResult(host.Invoker.Count), c => c > before);
        await host.Handler.KillAsync();
        await host.RestartHandlerAsync();
        await delivering;

        Assert.Equal(hub.Count, hub.Checkpoint);
        Assert.Contains(host.Touchpoints.Invocations.Skip(before), i => !i.Outcome.Succeeded);
        Assert.True(host.Touchpoints.Invocations.Last().Outcome.Succeeded, host.Touchpoints.Invocations.Last().Outcome.Detail);
        foreach (var customer in customers)
        {
            using var response = await host.Http.SendAsync(Admin(HttpMethod.Get, $"/api/ops/customers/{customer}"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{customer}: {(int)response.StatusCode} {body}");
            using var state = JsonDocument.Parse(body);
            Assert.Equal(3, state.RootElement.GetProperty("cart").GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        }
        // Every customer's journey is armed: one wake-up each (a crash between the two writes may add a stale one, never lose one).
        var wakeUps = (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.True(wakeUps >= customers.Count, $"{wakeUps} wake-ups for {customers.Count} carts");
    }

    [Fact]
    public async Task A_wait_longer_than_one_message_can_cover_chains_wake_ups_and_fires_once_when_due()
    {
        // The queue covers at most 7 days per message; this configuration shortens that to 3 s, and the step waits 8 s.
        using var app = await TestApp.CreateAsync(servers, settings: new Dictionary<string, string> { ["TimerQueue__MaxWakeUpDelay"] = "00:00:03" });
        var hub = new HubPartition("2");
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
        await WarmUpAsync(host, hub);
        var customer = Customer("chain");
        var added = DateTimeOffset.UtcNow;
        hub.Append(Touchpoint.Identified("e-1-" + customer, customer, added.AddSeconds(-1)), customer);
        hub.Append(Touchpoint.CartAdded("e-2-" + customer, customer, added), customer);
        await host.Touchpoints.DeliverAsync();
        host.ListenToQueue();

        var reminders = await EventuallyAsync(() => OutboxAsync(app, customer), r => r.Count >= 1);

        Assert.Single(reminders);
        Assert.True(reminders[0].Properties.CreatedOn >= WholeSeconds(added.AddSeconds(8)),
            $"recorded at {reminders[0].Properties.CreatedOn:O}, due {added.AddSeconds(8):O}");
        // 3 s + 3 s + the remaining 2 s: the early wake-ups re-armed for the rest, and only the last one fired.
        await EventuallyAsync(() => Task.FromResult(host.Timers.Invocations.Count), c => c >= 3);
        var chain = host.Timers.Invocations.ToList();
        Assert.All(chain, w => Assert.True(w.Outcome.Succeeded, w.Outcome.Detail));
        Assert.All(chain, w => Assert.Equal(1, w.DequeueCount));
    }

    [Fact]
    public async Task A_reminder_the_email_provider_throttles_waits_on_a_wake_up_of_its_own_while_the_customers_events_go_on()
    {
        await using var acs = await AcsEmailFake.StartAsync();
        // The client's own retries (4 tries) meet 429s, the last asking for 5 s: the reminder is not taken and waits 5 s.
        acs.Then(new SendScript.Throttle(1), new SendScript.Throttle(1), new SendScript.Throttle(1), new SendScript.Throttle(5));
        using var app = await TestApp.CreateAsync(servers, settings: new Dictionary<string, string>
        {
            ["Email__Endpoint"] = acs.Endpoint.ToString(),
            ["Email__Sender"] = "DoNotReply@shop.example",
            ["Email__AccessKey"] = acs.AccessKey,
            ["Delivery__FirstRetry"] = "00:00:01",
        });
        var hub = new HubPartition("3");
        await using var host = await FunctionsHost.StartAsync(app.Root, app.Settings, hub);
        await WarmUpAsync(host, hub);
        var customer = Customer("throttled");
        var added = DateTimeOffset.UtcNow;
        hub.Append(Touchpoint.Identified("e-1-" + customer, customer, added.AddSeconds(-1)), customer);
        hub.Append(Touchpoint.CartAdded("e-2-" + customer, customer, added), customer);
        await host.Touchpoints.DeliverAsync();
        host.ListenToQueue();

        // Step 1 fires at +8 s; its invocation ends once Communication Services has refused it four times.
        await EventuallyAsync(() => Task.FromResult(host.Timers.Invocations.Count), c => c >= 1);
        Assert.Equal(4, acs.SendRequests);
        // While the reminder waits, the customer's next event is decided in its batch (it used to fail on the back-off).
        hub.Append(Touchpoint.Viewed("e-3-" + customer, customer, DateTimeOffset.UtcNow, "LAP-14"), customer);
        await host.Touchpoints.DeliverAsync();
        var batch = host.Touchpoints.Invocations.Last();
        Assert.True(batch.Outcome.Succeeded, batch.Outcome.Detail);

        // The reminder's own wake-up sends it once the provider lets us (step 2, due 8 s after step 1, goes at once), and
        // both verdicts land on the timeline.
        var document = await EventuallyAsync(() => ReadAsync(app, customer),
            d => d?.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "message.delivered") == 2);
        Assert.Equal(2, acs.Emails.Count);
        Assert.Equal(6, acs.SendRequests);
        // The verdict is saved during the wake-up's invocation; the harness records the invocation once it is answered.
        var wakeUps = await EventuallyAsync(
            () => Task.FromResult(host.Timers.Invocations.Where(w => w.Body.Contains("\"delivery\"", StringComparison.Ordinal)).ToList()),
            w => w.Any(i => i.Outcome.Detail.Contains(": settled", StringComparison.Ordinal)));
        Assert.All(host.Timers.Invocations, w => Assert.True(w.Outcome.Succeeded, w.Outcome.Detail));
        Assert.All(wakeUps, w => Assert.Equal(1, w.DequeueCount));
        Assert.DoesNotContain("message.unknown", document!.Value.ToString());
    }

    /// <summary>Azurite records a blob's creation time in whole seconds.</summary>
    static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    static HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApp.AdminKey);
        return request;
    }

    /// <summary>
    /// One customer's first batch through a fresh handler: its first Cosmos and Storage calls (connections, JIT) take
    /// seconds on a busy machine, longer than a test step's delay.
    /// </summary>
    static async Task WarmUpAsync(FunctionsHost host, HubPartition hub)
    {
        var customer = Customer("warm");
        hub.Append(Touchpoint.Identified("e-w-" + customer, customer, DateTimeOffset.UtcNow), customer);
        await host.Touchpoints.DeliverAsync();
        Assert.True(host.Touchpoints.Invocations.Last().Outcome.Succeeded, host.Touchpoints.Invocations.Last().Outcome.Detail);
    }

    static async Task<JsonElement?> ReadAsync(TestApp app, string id)
    {
        using var response = await app.Cosmos.ReadItemStreamAsync(id, new PartitionKey(id));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content);
        return document.RootElement.Clone();
    }

    static async Task<List<BlobItem>> OutboxAsync(TestApp app, string customer) => await BlobsAsync(app, "outbox", customer + "/");

    static async Task<List<BlobItem>> BlobsAsync(TestApp app, string container, string? prefix = null)
    {
        var client = app.Blobs.GetBlobContainerClient(container);
        var blobs = new List<BlobItem>();
        if (!await client.ExistsAsync()) return blobs;
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default)) blobs.Add(blob);
        return blobs;
    }

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not done within {Patience.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }
}
