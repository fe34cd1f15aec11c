using System.Net;
using JourneyTriggers.Application.Ports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>What requests do when the events acknowledged before them are still not decided after the wait.</summary>
public sealed class DecidedReadsTests
{
    [Fact]
    public async Task An_erasure_is_refused_with_retry_after_rather_than_run_ahead_of_the_customers_queued_events()
    {
        using var service = TouchpointsApiTests.Archiving();
        using var behind = Behind(service);

        var response = await Client(behind, ServiceFactory.AdminKey).DeleteAsync("/api/customers/c-queued");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("Events still being decided", problem.GetProperty("title").GetString());
        Assert.Contains("Nothing was done; send the request again in 5 s.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_touchpoint_export_is_refused_too()
    {
        using var service = TouchpointsApiTests.Archiving();
        using var behind = Behind(service);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client(behind, ServiceFactory.AdminKey).GetAsync("/api/touchpoints")).StatusCode);
    }

    [Fact]
    public async Task A_read_is_answered_on_the_decisions_there_are_and_the_collector_never_waits()
    {
        using var service = TouchpointsApiTests.Archiving();
        using var behind = Behind(service);

        Assert.Equal(HttpStatusCode.NotFound, (await Client(behind, ServiceFactory.AdminKey).GetAsync("/api/customers/c-queued")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await behind.CreateClient().GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted,
            (await Client(behind, ServiceFactory.IngestionKey).PostAsync("/api/events", new StringContent(Json.CartAdd("e-behind", "c-queued"), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Only_a_request_that_passed_its_key_check_waits_for_the_inbox()
    {
        using var service = TouchpointsApiTests.Archiving();
        var inbox = new HeldBack();
        using var held = service.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPendingTouchpoints>(inbox)));
        var keyless = held.CreateClient();

        // Bounded, so a request that waits fails the test instead of hanging it.
        async Task<HttpStatusCode> AtOnce(Task<HttpResponseMessage> request) => (await request.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode;
        Assert.Equal(HttpStatusCode.Unauthorized, await AtOnce(keyless.GetAsync("/api/customers/c-queued")));
        Assert.Equal(HttpStatusCode.Unauthorized, await AtOnce(keyless.DeleteAsync("/api/customers/c-queued")));
        Assert.Equal(HttpStatusCode.Unauthorized, await AtOnce(keyless.GetAsync("/api/metrics")));
        Assert.Equal(HttpStatusCode.Unauthorized, await AtOnce(keyless.GetAsync("/dashboard")));
        Assert.Equal(HttpStatusCode.Forbidden, await AtOnce(Client(held, ServiceFactory.IngestionKey).GetAsync("/api/touchpoints")));
        Assert.Equal(HttpStatusCode.NotFound, await AtOnce(keyless.GetAsync("/api/no-such-route")));
        Assert.Equal(0, inbox.Waits);

        var read = Client(held, ServiceFactory.AdminKey).GetAsync("/api/customers/c-queued");
        await inbox.Waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(read.IsCompleted, "the admin's read waits for the inbox");
        inbox.Release();
        Assert.Equal(HttpStatusCode.NotFound, (await read).StatusCode);
    }

    /// <summary>The service over an inbox that never catches up.</summary>
    static WebApplicationFactory<Program> Behind(ServiceFactory service) =>
        service.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPendingTouchpoints>(new NeverDecided())));

    static HttpClient Client(WebApplicationFactory<Program> factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An inbox whose pump is held back until the test releases it; it counts who waited.</summary>
    sealed class HeldBack : IPendingTouchpoints
    {
        readonly TaskCompletionSource<bool> released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int waits;

        public int Waits => Volatile.Read(ref waits);

        public Task Waiting => waiting.Task;

        public void Release() => released.TrySetResult(true);

        public Task<bool> WaitDecidedAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref waits);
            waiting.TrySetResult();
            return released.Task.WaitAsync(cancellationToken);
        }
    }

    sealed class NeverDecided : IPendingTouchpoints
    {
        public Task<bool> WaitDecidedAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
