using JourneyTriggers.Application.Delivery;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.Delivery;
using JourneyTriggers.Azure.Tests.Delivery;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Sent(Ann, "m-1")], [Messages.Email("m-1", Ann, Now)])));

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

    Task<Rig> RigAsync(Action<IServiceCollection>? services = null, TimeProvider? time = null) =>
        Rig.CreateAsync(servers, services, cosmosHandler: inner => { cosmos.InnerHandler = inner; return cosmos; }, time: time);

    /// <summary>No document, outbox record, delivery record or effect batch of Ann's.</summary>
    static async Task AssertNothingLeftAsync(Rig rig)
    {
        Assert.Null(await rig.RawItemAsync("c-ann"));
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
    }
}
