namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>DESIGN 4.6 against the real process: requests racing on one customer all land; none overwrites another.</summary>
[Collection(RunningServiceCollection.Name)]
public sealed class ConcurrencyEndToEndTests(RunningService running)
{
    [Fact]
    public async Task Twenty_parallel_cart_adds_for_one_customer_all_count()
    {
        var service = running.Service;
        const string customer = "c-e2e-parallel";
        const int Requests = 20;
        var now = DateTimeOffset.UtcNow;
        using var go = new SemaphoreSlim(0, Requests);

        var posts = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            await go.WaitAsync();
            return await service.PostEventsRetryingAsync(Events.CartAdd($"e2e-parallel-{i}", customer, now + TimeSpan.FromMilliseconds(i)), TimeSpan.FromSeconds(30));
        })).ToList();
        go.Release(Requests);
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Equal(1, a.Accepted));
        var state = (await service.CustomerAsync(customer))!.Value;
        var line = Assert.Single(state.GetProperty("cart").GetProperty("lines").EnumerateArray());
        Assert.Equal(Requests, line.GetProperty("quantity").GetInt32());
        // One journey for the lot: the first add entered it, the others only pushed its deadline out.
        Assert.Equal(1, state.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "journey.entered"));
    }
}
