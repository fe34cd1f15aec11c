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
        var batch = Assert.Single(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        Assert.Matches(@"^2026-11-22/c-ann/[0-9a-f-]{36}\.ndjson$", batch);
        var lines = (await ReadBlobAsync(rig, rig.Options.Storage.EffectsContainer, batch)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                """{"at":"2026-11-22T10:00:00Z","type":"journey.entered","customerId":"c-ann","trigger":"abandoned_cart"}""",
                """{"at":"2026-11-22T10:00:00Z","type":"message.sent","customerId":"c-ann","trigger":"abandoned_cart","step":1,"channel":"email","template":"cart-reminder-1","messageId":"m-1"}""",
            ], lines);
        Assert.False((await rig.RawItemAsync("c-ann"))!.Value.TryGetProperty("pending", out _));
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
        Assert.Single(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        var item = (await rig.RawItemAsync("c-ann"))!.Value;
        Assert.False(item.TryGetProperty("pending", out _));
        Assert.Equal(item.GetProperty("_etag").GetString(), loaded.ETag);

        // Finished once: loading again sends nothing more, and the version handed out saves.
        await rig.Store.FindAsync(Ann);
        Assert.Single((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, loaded.ETag)));
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

        var report = await rig.Store.EraseAsync(Ann);

        Assert.Equal(new Dictionary<string, int> { ["customer"] = 1, ["messages"] = 1, ["effects"] = 1 }, report.Removed);
        Assert.Null(await rig.Store.FindAsync(Ann));
        Assert.NotNull(await rig.Store.FindAsync(bob));
        Assert.Equal(["c-bob/m-bob.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Single(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
    }

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
