using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Cosmos;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;
using NodaTime;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

[Collection(AzureServersCollection.Name)]
public sealed class ConditionalSaveTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    [Fact]
    public async Task A_missing_customer_is_not_found()
    {
        await using var rig = await Rig.CreateAsync(servers);

        Assert.Null(await rig.Store.FindAsync(Ann));
    }

    [Fact]
    public async Task A_save_without_an_etag_only_creates()
    {
        await using var rig = await Rig.CreateAsync(servers);

        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null)));
        Assert.False(await rig.Store.TrySaveAsync(Change(Ann, 2, null)));

        var stored = await rig.Store.FindAsync(Ann);
        Assert.Equal(1, stored!.State.NextTimerToken);
        Assert.Equal(Ann.Owner, stored.State.Identity);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_none_of_that_change_is_carried_out()
    {
        await using var rig = await Rig.CreateAsync(servers);
        await rig.Store.TrySaveAsync(Change(Ann, 1, null));
        var first = (await rig.Store.FindAsync(Ann))!.ETag;
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 2, first)));

        var stale = Change(Ann, 3, first, [Armed(Ann, 7, Now), Sent(Ann, "m-stale")], [Messages.Email("m-stale", Ann, Now)]);
        Assert.False(await rig.Store.TrySaveAsync(stale));

        var stored = await rig.Store.FindAsync(Ann);
        Assert.Equal(2, stored!.State.NextTimerToken);
        Assert.NotEqual(first, stored.ETag);
        Assert.Empty((await rig.RawQueue.PeekMessagesAsync(10)).Value);
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.OutboxContainer));
        Assert.Empty(await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
    }

    [Fact]
    public async Task A_save_over_an_erased_customer_is_refused_rather_than_bringing_it_back()
    {
        await using var rig = await Rig.CreateAsync(servers);
        await rig.Store.TrySaveAsync(Change(Ann, 1, null));
        var etag = (await rig.Store.FindAsync(Ann))!.ETag;
        await rig.Store.EraseAsync(Ann);

        Assert.False(await rig.Store.TrySaveAsync(Change(Ann, 2, etag)));
        Assert.Null(await rig.Store.FindAsync(Ann));
    }

    [Fact]
    public async Task The_item_is_the_customer_document_under_the_profile_key_with_its_work_marked_done()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var due = Now + Duration.FromHours(1);
        await rig.Store.TrySaveAsync(Change(Ann, 1, null, [Entered(Ann), Armed(Ann, 1, due)]));

        var item = (await rig.RawItemAsync("c-ann"))!.Value;
        Assert.Equal("c-ann", item.GetProperty("id").GetString());
        Assert.Equal(CustomerDocument.Schema, item.GetProperty("schema").GetInt32());
        Assert.Equal("c-ann", item.GetProperty("customerId").GetString());
        Assert.Equal([(await rig.CompletionMarkerAsync("c-ann"))!], await rig.BlobNamesAsync(rig.Options.Storage.EffectsContainer));
        Assert.Equal(item.GetProperty("_etag").GetString(), (await rig.Store.FindAsync(Ann))!.ETag);
    }

    [Theory]
    [InlineData("shop/42")]
    [InlineData("what?#\\")]
    [InlineData("~tilde")]
    public async Task A_customer_id_cosmos_would_refuse_as_an_item_id_is_stored_under_a_hash(string customerId)
    {
        await using var rig = await Rig.CreateAsync(servers);
        var key = ProfileKey.ForCustomer(customerId);

        Assert.True(await rig.Store.TrySaveAsync(Change(key, 5, null)));
        var stored = await rig.Store.FindAsync(key);
        Assert.True(await rig.Store.TrySaveAsync(Change(key, 6, stored!.ETag)));

        var found = await rig.Store.FindAsync(key);
        Assert.Equal(6, found!.State.NextTimerToken);
        Assert.Equal(customerId, found.State.Identity.CustomerId);
        var item = (await rig.RawItemAsync(CosmosItemId.For(key)))!.Value;
        Assert.StartsWith("~", item.GetProperty("id").GetString());
        Assert.Equal(customerId, item.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task The_anonymous_profiles_merged_into_a_customer_are_found_by_it_even_under_a_hashed_id()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var phone = ProfileKey.ForAnonymous("anon-phone");
        var hashed = ProfileKey.ForAnonymous("anon/laptop");
        var stranger = ProfileKey.ForAnonymous("anon-stranger");
        foreach (var (key, into) in new[] { (phone, "c-ann"), (hashed, "c-ann"), (stranger, "c-bob") })
            Assert.True(await rig.Store.TrySaveAsync(new CustomerChange(key, CustomerState.Tombstone(key.Owner, into), null, [], [])));
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null)));

        Assert.Equal([phone, hashed], (await rig.Store.MergedIntoAsync("c-ann")).OrderBy(k => k.Value, StringComparer.Ordinal));
        Assert.Equal([stranger], await rig.Store.MergedIntoAsync("c-bob"));
        Assert.Empty(await rig.Store.MergedIntoAsync("c-nobody"));
    }

    [Fact]
    public async Task A_customer_id_longer_than_cosmos_allows_is_stored_under_a_hash()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var key = ProfileKey.ForAnonymous(new string('a', 256));

        Assert.True(await rig.Store.TrySaveAsync(Change(key, 3, null)));

        Assert.Equal(3, (await rig.Store.FindAsync(key))!.State.NextTimerToken);
    }
}
