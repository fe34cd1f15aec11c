using JourneyTriggers.Application.Processing;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

[Collection(AzureServersCollection.Name)]
public sealed class ConcurrencyTests(AzureServers servers)
{
    [Fact]
    public async Task Concurrent_writers_on_one_customer_lose_no_update_and_leave_no_work_undone()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var ann = ProfileKey.ForCustomer("c-ann");
        var updates = new CustomerUpdates(rig.Store, new FakeComposer());
        const int Writers = 40;

        // No CustomerLocks: every writer races every other (as separate instances would), so only the
        // ETag check keeps them honest. Each change also owes an effect-log write, so pending work is
        // written, finished and marked done under contention too.
        await Parallel.ForAsync(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            while (true)
            {
                try
                {
                    await updates.UpdateAsync(ann, state => new Decision(state with { NextTimerToken = state.NextTimerToken + 1 }, [Entered(ann)]), null, ct);
                    return;
                }
                catch (CustomerContentionException)
                {
                    // Nothing was saved; the caller's retry is the contract.
                }
            }
        });

        Assert.Equal(1 + Writers, (await rig.Store.FindAsync(ann))!.State.NextTimerToken);
        Assert.True(await rig.NoWorkUndoneAsync("c-ann"));
        Assert.Equal(Writers, (await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer)).Count);
    }
}
