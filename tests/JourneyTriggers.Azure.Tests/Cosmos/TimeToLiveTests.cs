using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

[Collection(AzureServersCollection.Name)]
public sealed class TimeToLiveTests(AzureServers servers)
{
    [Fact]
    public async Task An_anonymous_profile_expires_90_days_after_its_last_write_by_default()
    {
        await using var rig = await Rig.CreateAsync(servers);
        var key = ProfileKey.ForAnonymous("a-1");
        await rig.Store.TrySaveAsync(Change(key, 1, null));
        var etag = (await rig.Store.FindAsync(key))!.ETag;
        await rig.Store.TrySaveAsync(Change(key, 2, etag, [Entered(key)]));

        var item = (await rig.RawItemAsync("anon:a-1"))!.Value;
        Assert.Equal(90 * 24 * 3600, item.GetProperty("ttl").GetInt32());
    }

    [Fact]
    public async Task A_known_customer_never_expires()
    {
        await using var rig = await Rig.CreateAsync(servers);
        await rig.Store.TrySaveAsync(Change(ProfileKey.ForCustomer("c-1"), 1, null, [Entered(ProfileKey.ForCustomer("c-1"))]));

        var item = (await rig.RawItemAsync("c-1"))!.Value;
        Assert.False(item.TryGetProperty("ttl", out _));
    }

    [Fact]
    public async Task The_anonymous_time_to_live_is_configurable()
    {
        await using var rig = await Rig.CreateAsync(servers, cosmos: c => c with { AnonymousTimeToLive = TimeSpan.FromDays(7) });
        await rig.Store.TrySaveAsync(Change(ProfileKey.ForAnonymous("a-2"), 1, null));

        var item = (await rig.RawItemAsync("anon:a-2"))!.Value;
        Assert.Equal(7 * 24 * 3600, item.GetProperty("ttl").GetInt32());
    }
}
