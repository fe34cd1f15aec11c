using System.Text;
using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Outbox;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Azure.Tests.Delivery;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

/// <summary>
/// An erasure while another instance works on the same customer (an Event Hubs batch, a wake-up): the erasure marks the
/// document first, so whatever that instance does in the middle of the erasure writes nothing that outlives it.
/// </summary>
[Collection(AzureServersCollection.Name)]
public sealed class ErasureTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    readonly CosmosInterleaving cosmos = new();

    [Fact]
    public async Task A_save_of_a_version_loaded_before_the_erasure_lands_in_its_middle_and_leaves_nothing_behind()
    {
        await using var rig = await RigAsync();
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        var loaded = await rig.Store.FindAsync(Ann);

        // The other instance decided on what it loaded, and saves after the erasure deleted the blobs, before the document.
        bool? saved = null;
        cosmos.BeforeDelete = async () => saved = await rig.Store.TrySaveAsync(
            Change(Ann, 2, loaded!.ETag, [Sent(Ann, "m-2"), Armed(Ann, 2, Now)], [Messages.Email("m-2", Ann, Now)]));
        await rig.Store.EraseAsync(Ann);

        Assert.False(saved);
        await AssertNothingLeftAsync(rig);
    }

    [Fact]
    public async Task Work_a_save_left_in_the_document_is_not_finished_by_a_load_in_the_middle_of_the_erasure()
    {
        FlakyScheduler? flaky = null;
        await using var rig = await RigAsync(services => services.Decorate(inner => flaky = new FlakyScheduler(inner)));
        // The other instance's save landed, but its work failed halfway (the queue was down) and is left in the document.
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Armed(Ann, 1, Now), Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, Now)])));
        flaky!.Failing = false;

        // Its retry loads the customer while the erasure runs: it must not finish that work, which writes blobs.
        StoredCustomer? found = null;
        cosmos.BeforeDelete = async () => found = await rig.Store.FindAsync(Ann);
        await rig.Store.EraseAsync(Ann);

        Assert.Null(found);
        await AssertNothingLeftAsync(rig);
    }

    [Fact]
    public async Task While_a_customer_is_erased_readers_find_no_one_and_a_new_customer_waits_for_the_erasure_to_end()
    {
        await using var rig = await RigAsync();
        await SaveAnnWithASendAsync(rig);

        System.Text.Json.JsonElement? marker = null;
        StoredCustomer? found = null;
        Exception? created = null;
        cosmos.BeforeDelete = async () =>
        {
            marker = await rig.RawItemAsync("c-ann");
            found = await rig.Store.FindAsync(Ann);
            created = await Record.ExceptionAsync(() => rig.Store.TrySaveAsync(Change(Ann, 7, null, [Entered(Ann)])));
        };
        var report = await rig.Store.EraseAsync(Ann);

        Assert.Equal(new Dictionary<string, int> { ["customer"] = 1, ["messages"] = 1, ["effects"] = 2 }, report.Removed);
        // The marker is the document without its work: still the customer's until the erasure deletes it last.
        Assert.True(marker!.Value.TryGetProperty("erasing", out _));
        Assert.False(marker.Value.TryGetProperty("pending", out _));
        Assert.Equal("c-ann", marker.Value.GetProperty("customerId").GetString());
        Assert.Null(found);
        Assert.StartsWith("The customer is being erased", Assert.IsType<StoreUnavailableException>(created).Message, StringComparison.Ordinal);

        // Retried once the erasure is over, the events make a new customer.
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 7, null, [Entered(Ann)])));
        Assert.Equal(7, (await rig.Store.FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task An_erasure_cut_short_after_marking_the_customer_is_finished_when_asked_again()
    {
        await using var rig = await RigAsync();
        var phone = ProfileKey.ForAnonymous("anon-phone");
        Assert.True(await rig.Store.TrySaveAsync(new CustomerChange(phone, CustomerState.Tombstone(phone.Owner, "c-ann"), null, [], [])));
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));

        // The first delete (the merged profile's) fails: both documents stay, the anonymous one marked.
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Erasure.EraseAsync(Ann, default));
        Assert.NotNull(await rig.RawItemAsync(phone.Value));
        Assert.Null(await rig.Store.FindAsync(phone));

        var (_, report) = (await rig.Erasure.EraseAsync(Ann, default))!.Value;
        Assert.Equal(1, report.Removed[CustomerErasure.MergedProfiles]);
        Assert.Null(await rig.RawItemAsync(phone.Value));

        // Cut short once more, now at the customer's own document: found, by the erasure alone, and finished.
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Erasure.EraseAsync(Ann, default));
        Assert.Null(await rig.Store.FindAsync(Ann));

        var (exits, finished) = (await rig.Erasure.EraseAsync(Ann, default))!.Value;
        Assert.Empty(exits);
        Assert.Equal(1, finished.Removed["customer"]);
        await AssertNothingLeftAsync(rig);
        // Nothing left: the next request is told so.
        Assert.Null(await rig.Erasure.EraseAsync(Ann, default));
    }

    [Fact]
    public async Task A_reminder_that_waited_on_its_provider_is_withdrawn_when_its_wake_up_comes_during_the_erasure()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        var email = new CountingEmailSender(null, () => new SendOutcome.NotSent("throttled", null), Answers.Accepted);
        await using var rig = await RigAsync(services => services.AddSingleton<IEmailSender>(email), clock);
        var reachable = ReachableCustomers.By(new JourneyEngine(Rig.Configuration), Version(Ann, 1), Now);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [], [Messages.Email("m-1", Ann, Now)]) with { State = reachable }));
        clock.Advance(TimeSpan.FromMinutes(5));

        // The wake-up arrives once the customer is marked, before the erasure reaches the outbox.
        DeferredDeliveryOutcome? outcome = null;
        cosmos.AfterMarked = async () => outcome = await rig.Deliveries.ResumeAsync(Ann, "m-1", default);
        await rig.Store.EraseAsync(Ann);

        Assert.Equal(DeferredDeliveryOutcome.Withdrawn, outcome);
        Assert.Equal(1, email.Calls);
        await AssertNothingLeftAsync(rig);
    }

    [Fact]
    public async Task An_erasure_cut_short_and_left_for_ten_minutes_is_finished_by_the_customers_next_save_which_starts_anew()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        await using var rig = await SweepingRigAsync(clock, null);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Store.EraseAsync(Ann));

        // Minutes after it began, the erasure may still be running: a save of new events waits for it.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));

        // Long after, nobody is finishing it: the save does, and its retry creates the customer anew.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        Assert.NotNull(await rig.Store.FindAsync(Ann));
    }

    [Fact]
    public async Task Two_finishing_one_erasure_at_once_never_delete_the_new_customer_the_first_let_in()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        await using var rig = await SweepingRigAsync(clock, null);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Store.EraseAsync(Ann));
        clock.Advance(TimeSpan.FromMinutes(11));

        // A repeated request finishes the erasure; just before it deletes the marker, a save of new events has finished it
        // too and made the customer anew, events and all.
        cosmos.BeforeDelete = async () =>
        {
            Assert.False(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
            Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)], [Messages.Email("m-new", Ann, Now + Duration.FromMinutes(11))])));
        };
        var report = await rig.Store.EraseAsync(Ann);

        Assert.Equal(0, report.Removed["customer"]);
        Assert.NotNull(await rig.Store.FindAsync(Ann));
        Assert.Contains("c-ann/m-new.json", await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
    }

    [Fact]
    public async Task An_erasure_that_could_not_mark_the_customer_answers_so_and_its_sweep_leaves_them_untouched()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        await using var rig = await SweepingRigAsync(clock, null);
        await SaveAnnWithASendAsync(rig);
        var before = await BlobsAsync(rig);
        cosmos.RefuseMarking = true;
        clock.Advance(TimeSpan.FromSeconds(1));

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.EraseAsync(Ann));
        Assert.Contains("their records and document are untouched", refused.Message);
        clock.Advance(rig.Options.ErasureSweepDelay);

        // Its sweep, already queued, finds the same customer unmarked: they were never erased, and keep everything.
        Assert.Equal(0, await SweepAsync(rig));
        Assert.Equal(before, await BlobsAsync(rig));
        Assert.NotNull(await rig.Store.FindAsync(Ann));
    }

    [Fact]
    public async Task An_erasure_that_finds_no_document_removes_the_blobs_left_behind_while_a_placeholder_holds_off_a_new_customer()
    {
        await using var rig = await RigAsync();
        await SaveAnnWithASendAsync(rig);
        await DropAnnsDocumentAsync(rig);

        System.Text.Json.JsonElement? placeholder = null;
        StoredCustomer? found = null;
        Exception? created = null;
        cosmos.BeforeDelete = async () =>
        {
            placeholder = await rig.RawItemAsync("c-ann");
            found = await rig.Store.FindAsync(Ann);
            created = await Record.ExceptionAsync(() => rig.Store.TrySaveAsync(Change(Ann, 7, null, [Entered(Ann)])));
        };
        var report = await rig.Store.EraseAsync(Ann);

        Assert.Equal(new Dictionary<string, int> { ["customer"] = 0, ["messages"] = 1, ["effects"] = 2 }, report.Removed);
        Assert.True(placeholder!.Value.GetProperty("erasing").GetProperty("placeholder").GetBoolean());
        Assert.Null(found);
        Assert.StartsWith("The customer is being erased", Assert.IsType<StoreUnavailableException>(created).Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync(rig);

        // Retried once the erasure is over, the events make a new customer; erasing an id nothing is left of removes nothing.
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 7, null, [Entered(Ann)])));
        Assert.Equal(7, (await rig.Store.FindAsync(Ann))!.State.NextTimerToken);
        var nobody = ProfileKey.ForAnonymous("anon-nobody");
        Assert.All((await rig.Store.EraseAsync(nobody)).Removed.Values, count => Assert.Equal(0, count));
        Assert.Null(await rig.RawItemAsync(nobody.Value));
    }

    [Fact]
    public async Task Erasing_what_is_left_of_nobody_refuses_a_customer_made_meanwhile_and_touches_nothing_of_theirs()
    {
        await using var rig = await RigAsync();
        // The erasure read no customer; events made one before its placeholder could be put in place.
        await SaveAnnWithASendAsync(rig);
        var before = await BlobsAsync(rig);

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.EraseRemainsAsync(Ann));

        Assert.StartsWith("A customer of this id was made by events as the erasure began", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await BlobsAsync(rig));
        Assert.NotNull(await rig.Store.FindAsync(Ann));
    }

    [Fact]
    public async Task A_placeholder_left_by_an_erasure_cut_short_is_finished_when_asked_again_and_counts_no_customer()
    {
        await using var rig = await RigAsync();
        await SaveAnnWithASendAsync(rig);
        await DropAnnsDocumentAsync(rig);
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Store.EraseAsync(Ann));
        cosmos.BeforeDelete = null;

        Assert.Equal(24 * 60 * 60, (await rig.RawItemAsync("c-ann"))!.Value.GetProperty("ttl").GetInt32());
        var report = await rig.Store.EraseRemainsAsync(Ann);

        Assert.Equal(0, report.Removed["customer"]);
        await AssertNothingLeftAsync(rig);
    }

    [Fact]
    public async Task What_a_save_landed_just_before_the_erasure_writes_after_it_is_removed_by_the_erasures_second_sweep()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        var outbox = new GatedDelivery();
        await using var rig = await SweepingRigAsync(clock, outbox);

        await EraseDuringARacingSavesWorkAsync(rig, clock, outbox);
        // What no marker can stop: work of a save that landed before it, writing after the erasure deleted the blobs.
        Assert.Equal(["c-ann/m-1.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));

        clock.Advance(rig.Options.ErasureSweepDelay);
        Assert.Equal(2, await SweepAsync(rig));

        await AssertNothingLeftAsync(rig);
    }

    [Fact]
    public async Task A_new_customer_made_by_events_after_the_erasure_keeps_its_own_records_when_the_sweep_removes_the_late_ones()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        var outbox = new GatedDelivery();
        await using var rig = await SweepingRigAsync(clock, outbox);
        await EraseDuringARacingSavesWorkAsync(rig, clock, outbox);
        var late = await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer);

        clock.Advance(TimeSpan.FromMinutes(1));
        var later = Instant.FromDateTimeOffset(clock.GetUtcNow());
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 9, null, [Entered(Ann), Sent(Ann, "m-9")], [Messages.Push("m-9", Ann, later)])));
        var theirs = (await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)).Except(late).ToList();
        clock.Advance(rig.Options.ErasureSweepDelay);
        await SweepAsync(rig);

        Assert.Equal(["c-ann/m-9.json"], await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Equal(theirs, await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        Assert.Equal(9, (await rig.Store.FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task An_erasure_cut_short_and_never_asked_again_is_finished_by_its_sweep_when_it_is_due()
    {
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        await using var rig = await SweepingRigAsync(clock, null);
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann)])));
        cosmos.BeforeDelete = () => throw new SimulatedCrashException();
        await Assert.ThrowsAnyAsync<Exception>(() => rig.Store.EraseAsync(Ann));

        // Woken early (the queue's longest wait is short here): nothing is done, and it waits again.
        var early = await SweepDueAsync(rig);
        Assert.Equal(0, await rig.CosmosStore.SweepAsync(early));
        Assert.NotNull(await rig.RawItemAsync("c-ann"));

        clock.Advance(rig.Options.ErasureSweepDelay);
        Assert.Equal(1, await SweepAsync(rig));
        await AssertNothingLeftAsync(rig);
    }

    Task<Rig> RigAsync(Action<IServiceCollection>? services = null, TimeProvider? time = null) =>
        Rig.CreateAsync(servers, services, cosmosHandler: inner => { cosmos.InnerHandler = inner; return cosmos; }, time: time);

    /// <summary>Every outbox and effect-log blob, by name.</summary>
    /// <summary>Ann as one event left her: a journey entered and a reminder sent, with its blobs.</summary>
    static async Task SaveAnnWithASendAsync(Rig rig) =>
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, Now)])));

    /// <summary>Ann's document gone and her blobs left, as when an anonymous profile's time to live ran out.</summary>
    static Task DropAnnsDocumentAsync(Rig rig) => rig.Container.DeleteItemStreamAsync("c-ann", new Microsoft.Azure.Cosmos.PartitionKey("c-ann"));

    static async Task<string[]> BlobsAsync(Rig rig) =>
        [.. await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer), .. await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)];

    /// <summary>Another instance's save lands; its work is slow to record the reminder, and the erasure runs meanwhile.</summary>
    static async Task EraseDuringARacingSavesWorkAsync(Rig rig, FakeTimeProvider clock, GatedDelivery outbox)
    {
        var racer = rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Sent(Ann, "m-1")], [Messages.Push("m-1", Ann, Now)]));
        await outbox.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(1));
        await rig.Store.EraseAsync(Ann);
        outbox.Open.SetResult();
        Assert.True(await racer);
    }

    /// <summary>A rig whose wake-ups wait a second at most, so the test receives the sweep at once; the clock says when it is due.</summary>
    Task<Rig> SweepingRigAsync(FakeTimeProvider clock, GatedDelivery? outbox) => Rig.CreateAsync(servers, services =>
        {
            if (outbox is not null) services.AddSingleton<IReminderDelivery>(provider => outbox.Before(provider.GetRequiredService<BlobReminderOutbox>()));
        },
        cosmosHandler: inner => { cosmos.InnerHandler = inner; return cosmos; }, time: clock,
        storage: storage => storage with { MaxWakeUpDelay = TimeSpan.FromSeconds(1) });

    /// <summary>Runs the erasure's sweep as the Timers function would on its wake-up; how many blobs it removed.</summary>
    static async Task<int> SweepAsync(Rig rig)
    {
        var due = await SweepDueAsync(rig);
        return await rig.CosmosStore.SweepAsync(due);
    }

    /// <summary>The erasure sweep the queue hands over next; fails when none was queued.</summary>
    static async Task<WakeUpParseResult.ErasureSweepDue> SweepDueAsync(Rig rig)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            foreach (var message in (await rig.RawQueue.ReceiveMessagesAsync(32)).Value)
                if (WakeUpMessage.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText))) is WakeUpParseResult.ErasureSweepDue due)
                    return due;
            await Task.Delay(200);
        }
        Assert.Fail("No erasure sweep was queued.");
        return null;
    }

    /// <summary>The outbox, except that the first message it is handed waits until the test opens it.</summary>
    sealed class GatedDelivery
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReminderDelivery Before(IReminderDelivery inner) => new Gate(this, inner);

        sealed class Gate(GatedDelivery gate, IReminderDelivery inner) : IReminderDelivery
        {
            public async Task DeliverAsync(Application.Messages.OutboundMessage message, CancellationToken cancellationToken = default)
            {
                if (gate.Reached.TrySetResult()) await gate.Open.Task;
                await inner.DeliverAsync(message, cancellationToken);
            }
        }
    }

    /// <summary>No document, outbox record, delivery record or effect batch of Ann's.</summary>
    static async Task AssertNothingLeftAsync(Rig rig)
    {
        Assert.Null(await rig.RawItemAsync("c-ann"));
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
    }
}
