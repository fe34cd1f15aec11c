using System.Text;
using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using Microsoft.Extensions.DependencyInjection;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

/// <summary>The work a save owes outside its document: wake-ups, reminders, the effect log — done once saved, finished by the next load after a crash.</summary>
[Collection(AzureServersCollection.Name)]
public sealed class PendingWorkTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    [Fact]
    public async Task A_save_enqueues_its_wake_ups_records_its_reminders_and_logs_its_effects()
    {
        await using var rig = await Rig.CreateAsync(servers);

        // Due already: the wake-up is visible at once, so the test can look at it.
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null,
            [Entered(Ann), Armed(Ann, 1, Now), Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, Now)])));

        var wakeUp = Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.Equal("""{"key":"c-ann","trigger":"abandoned_cart","token":1,"dueAt":"2026-11-22T10:00:00Z"}""",
            Encoding.UTF8.GetString(Convert.FromBase64String(wakeUp.MessageText)));
        Assert.Equal(["c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        var batches = await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer);
        Assert.Equal(2, batches.Count);
        var batch = Assert.Single(batches, b => b.StartsWith("2026-11-22/", StringComparison.Ordinal));
        Assert.Matches(@"^2026-11-22/c-ann/[0-9a-f-]{36}\.ndjson$", batch);
        var lines = (await ReadBlobAsync(rig, rig.Options.Storage.EffectsContainer, batch)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                """{"at":"2026-11-22T10:00:00Z","type":"journey.entered","customerId":"c-ann","trigger":"abandoned_cart"}""",
                """{"at":"2026-11-22T10:00:00Z","type":"message.sent","customerId":"c-ann","trigger":"abandoned_cart","step":1,"channel":"email","template":"cart-reminder-1","messageId":"m-1"}""",
            ], lines);
        // No email provider here: the outbox blob is the delivery, whose verdict is logged in a batch of its own.
        Assert.Contains("\"type\":\"message.delivered\"", await ReadBlobAsync(rig, rig.Options.Storage.EffectsContainer, Assert.Single(batches, b => b != batch)));
        // What the document still names is only that verdict's logging and counting, done (its batch is the completion marker).
        Assert.Equal(["log", "tally"], PendingSteps((await rig.RawItemAsync("c-ann"))!.Value));
    }

    [Fact]
    public async Task Work_left_over_by_a_failure_after_the_save_is_finished_by_the_next_load()
    {
        FlakyScheduler? flaky = null;
        await using var rig = await Rig.CreateAsync(servers, services => services.Decorate(inner => flaky = new FlakyScheduler(inner)));
        var change = Change(Ann, 1, null, [Armed(Ann, 1, Now), Sent(Ann, "m-1")], [Messages.Push("m-1", Ann, Now)]);

        // The queue is down right after the document is written: the change is saved, its wake-up is not sent.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.TrySaveAsync(change));
        var pending = (await rig.RawItemAsync("c-ann"))!.Value.GetProperty("pending");
        Assert.Equal(["arm", "deliver", "log"], pending.EnumerateArray().Select(step => step.GetProperty("do").GetString()));
        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);

        flaky!.Failing = false;
        var loaded = await rig.Store.FindAsync(Ann);

        Assert.Equal(1, loaded!.State.NextTimerToken);
        var wakeUp = Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.Contains("\"token\":1", Encoding.UTF8.GetString(Convert.FromBase64String(wakeUp.MessageText)));
        Assert.Equal(["c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        // The change's effects, and the kept message's verdict.
        Assert.Equal(2, (await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)).Count);
        var item = (await rig.RawItemAsync("c-ann"))!.Value;
        Assert.Equal(["log", "tally"], PendingSteps(item));
        Assert.Equal(item.GetProperty("_etag").GetString(), loaded.ETag);

        // Finished once: loading again sends nothing more, and the version handed out saves.
        await rig.Store.FindAsync(Ann);
        Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, loaded.ETag)));
    }

    [Fact]
    public async Task A_save_without_messages_makes_one_Cosmos_write_and_marks_its_work_done_with_its_effect_batch()
    {
        var cosmos = new CosmosRequestCounter();
        await using var rig = await Rig.CreateAsync(servers, cosmosHandler: inner => { cosmos.InnerHandler = inner; return cosmos; });

        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Armed(Ann, 1, Now)])));

        Assert.Equal((0, 1), (cosmos.Reads, cosmos.Writes));
        Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        var marker = Assert.Single(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        Assert.Equal("", await ReadBlobAsync(rig, rig.Options.Storage.EffectsContainer, marker));
        Assert.Equal(marker, await rig.CompletionMarkerAsync("c-ann"));

        // The next save replaces the finished work with its own, still in one write.
        cosmos.Reset();
        var loaded = await rig.Store.FindAsync(Ann);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, loaded!.ETag, [Entered(Ann), Armed(Ann, 2, Now)])));
        Assert.Equal((1, 1), (cosmos.Reads, cosmos.Writes));
        Assert.Equal(2, (await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)).Count);
    }

    [Fact]
    public async Task Work_without_messages_left_by_a_crash_before_its_marker_is_finished_by_the_next_load_exactly_once()
    {
        FlakyScheduler? flaky = null;
        var cosmos = new CosmosRequestCounter();
        await using var rig = await Rig.CreateAsync(servers, services => services.Decorate(inner => flaky = new FlakyScheduler(inner)),
            cosmosHandler: inner => { cosmos.InnerHandler = inner; return cosmos; });

        // The queue fails after the document is written: the effect batch, written last, is not written either.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Armed(Ann, 1, Now)])));
        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));

        flaky!.Failing = false;
        cosmos.Reset();
        var first = await rig.Store.FindAsync(Ann);
        var second = await rig.Store.FindAsync(Ann);

        Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        var batch = Assert.Single(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        Assert.Contains("journey.entered", await ReadBlobAsync(rig, rig.Options.Storage.EffectsContainer, batch));
        Assert.Equal((2, 0), (cosmos.Reads, cosmos.Writes));
        Assert.Equal(first!.ETag, second!.ETag);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, second.ETag)));
    }

    [Fact]
    public async Task Once_its_work_is_marked_done_later_loads_enqueue_no_wake_up_again()
    {
        await using var rig = await Rig.CreateAsync(servers);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Armed(Ann, 1, Now)])));
        // Consumed, as the host deletes a wake-up once its invocation succeeds.
        var sent = (await rig.RawQueue.ReceiveMessageAsync()).Value;
        Assert.NotNull(sent);
        await rig.RawQueue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt);

        for (var load = 0; load < 3; load++) Assert.Equal(1, (await rig.Store.FindAsync(Ann))!.State.NextTimerToken);

        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task A_reminder_finished_twice_is_recorded_once_as_first_rendered()
    {
        await using var rig = await Rig.CreateAsync(servers);
        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]));
        var etag = (await rig.Store.FindAsync(Ann))!.ETag;
        var again = Messages.Email("m-1", Ann, Now) with { Template = "other" };

        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, etag, [], [again])));

        var recorded = JsonDocument.Parse(await ReadBlobAsync(rig, rig.Options.Storage.OutboxContainer, "c-ann/m-1.json")).RootElement;
        Assert.Equal("cart-reminder-1", recorded.GetProperty("template").GetString());
        Assert.Equal("ann@example.test", recorded.GetProperty("email").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Erasure_removes_the_document_reminders_and_effect_log_of_that_customer_only()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var bob = ProfileKey.ForCustomer("c-bob");
        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Sent(Ann, "m-ann")], [Messages.Email("m-ann", Ann, Now)]));
        await rig.Store.TrySaveAsync(Change(bob, 1, null, [Entered(bob), Sent(bob, "m-bob")], [Messages.Email("m-bob", bob, Now)]));
        // Work without messages leaves its completion marker in Ann's effect log: erased with the rest.
        await rig.Store.TrySaveAsync(Change(Ann, 2, (await rig.Store.FindAsync(Ann))!.ETag, [Armed(Ann, 1, Now)]));

        var report = await rig.Store.EraseAsync(Ann);

        // Ann's effects: her two changes and her kept message's verdict.
        Assert.Equal(new Dictionary<string, int> { ["customer"] = 1, ["messages"] = 1, ["effects"] = 3 }, report.Removed);
        Assert.Null(await rig.Store.FindAsync(Ann));
        Assert.NotNull(await rig.Store.FindAsync(bob));
        Assert.Equal(["c-bob/m-bob.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Equal(2, (await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)).Count);
    }

    static string[] PendingSteps(JsonElement item) =>
        item.TryGetProperty("pending", out var pending) ? [.. pending.EnumerateArray().Select(step => step.GetProperty("do").GetString()!)] : [];

    static async Task<string> ReadBlobAsync(Rig rig, string container, string name) =>
        (await rig.Blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
}

internal static class SchedulerDecoration
{
    /// <summary>Puts <paramref name="decorate"/>'s scheduler in front of the registered one.</summary>
    public static void Decorate(this IServiceCollection services, Func<ITimerScheduler, ITimerScheduler> decorate)
    {
        var registered = services.Last(s => s.ServiceType == typeof(ITimerScheduler));
        services.AddSingleton(provider => decorate((ITimerScheduler)registered.ImplementationFactory!(provider)));
    }
}
