using JourneyTriggers.Application.Ports;
using JourneyTriggers.Azure.Tests.Support;
using JourneyTriggers.Core.Customers;
using static JourneyTriggers.Azure.Tests.Support.Changes;

namespace JourneyTriggers.Azure.Tests.Cosmos;

/// <summary>429s injected in front of the real server, as a throttled account answers them.</summary>
[Collection(AzureServersCollection.Name)]
public sealed class ThrottlingTests(AzureServers servers)
{
    static readonly ProfileKey Ann = ProfileKey.ForCustomer("c-ann");

    [Fact]
    public async Task Throttling_is_waited_out_after_the_servers_retry_after()
    {
        var throttle = new Throttle(times: 3, TimeSpan.FromMilliseconds(200));
        await using var rig = await Rig.CreateAsync(servers, cosmosHandler: inner => { throttle.InnerHandler = inner; return throttle; });

        var started = DateTime.UtcNow;
        Assert.True(await rig.Store.TrySaveAsync(Change(Ann, 1, null)));

        Assert.Equal(3, throttle.Refused);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(550), "the SDK should have waited the retry-after each time");
        Assert.Equal(1, (await rig.Store.FindAsync(Ann))!.State.NextTimerToken);
    }

    [Fact]
    public async Task Throttling_past_the_retries_is_a_transient_failure_carrying_the_servers_hint()
    {
        var throttle = new Throttle(times: int.MaxValue, TimeSpan.FromMilliseconds(50));
        await using var rig = await Rig.CreateAsync(servers,
            cosmosHandler: inner => { throttle.InnerHandler = inner; return throttle; },
            cosmos: c => c with { MaxRateLimitRetries = 2 });

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => rig.Store.FindAsync(Ann));

        Assert.Equal(3, throttle.Refused);
        Assert.Equal(TimeSpan.FromMilliseconds(50), failure.RetryAfter);
        Assert.Contains("429", failure.Message);
    }
}
