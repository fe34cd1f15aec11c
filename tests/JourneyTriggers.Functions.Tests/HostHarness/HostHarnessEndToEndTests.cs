using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
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

        var delivered = host.Timers.Invocations.First();
        Assert.True(delivered.Outcome.Succeeded, delivered.Outcome.Detail);
        Assert.Equal(1, delivered.DequeueCount);
        Assert.True(reminders[0].Properties.CreatedOn >= added.AddSeconds(8).AddMilliseconds(-added.Millisecond),
            $"recorded at {reminders[0].Properties.CreatedOn:O}, due {added.AddSeconds(8):O}");
        // The next step is armed by the same firing: again one message, whatever the number of events.
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
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
