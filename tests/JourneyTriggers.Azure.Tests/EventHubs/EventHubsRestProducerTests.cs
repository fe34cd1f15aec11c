using JourneyTriggers.Azure.ServiceBus;
using System.Diagnostics;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using JourneyTriggers.Azure.EventHubs;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Azure.Tests.EventHubs;

/// <summary>The REST producer against the fake hub: both ways of signing in, every documented answer, partition keys, splitting.</summary>
public sealed class EventHubsRestProducerTests : IAsyncLifetime
{
    FakeEventHub hub = null!;

    public async Task InitializeAsync() => hub = await FakeEventHub.StartAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    static EventHubsProducerOptions Fast(Action<EventHubsProducerOptions>? adjust = null)
    {
        var options = new EventHubsProducerOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        adjust?.Invoke(options);
        return options;
    }

    EventHubsRestProducer WithKey(string key = FakeEventHub.Key, EventHubsProducerOptions? options = null, TimeProvider? time = null) =>
        new(hub.Endpoint, hub.HubName, new AzureNamedKeyCredential(FakeEventHub.KeyName, key), options ?? Fast(), time);

    static OutgoingEvent Event(string customer, int n) => new($$"""{"id":"e-{{customer}}-{{n}}"}""", customer);

    [Fact]
    public async Task A_batch_signed_with_the_shared_access_key_is_stored_under_its_partition_key()
    {
        var sent = await WithKey().SendAsync([Event("c-1", 1), Event("c-1", 2)]);

        Assert.Equal(201, sent.GetRawResponse().Status);
        Assert.Equal(1, sent.Value);
        var (key, events) = Assert.Single(hub.Batches);
        Assert.Equal("c-1", key);
        Assert.Equal(["""{"id":"e-c-1-1"}""", """{"id":"e-c-1-2"}"""], events.Select(e => e.Text));
    }

    sealed class IssuedToken(string token) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>
    /// Azure.Core sends a Bearer token over https only; the fake hub is plain http on loopback, so the test's
    /// transport takes the https request off the producer at the last moment and delivers it over http.
    /// </summary>
    sealed class LoopbackTls() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = "http" }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    EventHubsRestProducer WithToken(TokenCredential credential) =>
        new(new UriBuilder(hub.Endpoint) { Scheme = "https" }.Uri, hub.HubName, credential,
            Fast(o => o.Transport = new HttpClientTransport(new HttpClient(new LoopbackTls()))));

    [Fact]
    public async Task An_entra_id_token_for_the_event_hubs_scope_is_sent_as_bearer()
    {
        hub.AcceptedBearerTokens.Add("token-for-event-hubs");
        var credential = new IssuedToken("token-for-event-hubs");

        await WithToken(credential).SendAsync([Event("c-1", 1)]);

        Assert.Equal(["https://eventhubs.azure.net/.default"], Assert.Single(credential.Scopes));
        Assert.Single(hub.Events);
    }

    [Fact]
    public async Task A_token_the_hub_does_not_accept_is_a_401_and_is_not_retried()
    {
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            WithToken(new IssuedToken("someone-else")).SendAsync([Event("c-1", 1)]));

        Assert.Equal(401, failure.Status);
        Assert.Equal(1, hub.Attempts);
        Assert.Empty(hub.Events);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_naming_the_credential_with_the_service_detail()
    {
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => WithKey("not-the-key").SendAsync([Event("c-1", 1)]));

        Assert.Equal(401, failure.Status);
        Assert.Equal("401", failure.ErrorCode);
        Assert.Contains("credential was refused", failure.Message);
        Assert.Contains("signature does not match", failure.Message);
        Assert.DoesNotContain("not-the-key", failure.Message);
        Assert.Equal(1, hub.Attempts);
    }

    [Fact]
    public async Task An_expired_signature_is_refused_by_the_hub()
    {
        var longAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => WithKey(time: longAgo).SendAsync([Event("c-1", 1)]));

        Assert.Equal(401, failure.Status);
        Assert.Equal("the token has expired", hub.AuthFailures.Last());
    }

    [Fact]
    public async Task A_signature_for_another_hub_is_refused_by_the_hub()
    {
        var other = new Uri(hub.Endpoint, "other-hub");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.Endpoint, hub.HubName + "/messages?timeout=60&api-version=2014-01"))
        {
            Content = new StringContent("""[{"Body":"x"}]""", Encoding.UTF8, "application/vnd.microsoft.servicebus.json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", SharedAccessSignaturePolicy.Token(other, FakeEventHub.KeyName, FakeEventHub.Key, DateTimeOffset.UtcNow.AddHours(1)));

        var response = await client.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.StartsWith("the token is for", hub.AuthFailures.Last());
    }

    [Fact]
    public async Task A_forbidden_sender_is_a_403_that_names_the_missing_role_and_is_not_retried()
    {
        hub.Plan(new PlannedAnswer(403));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => WithKey().SendAsync([Event("c-1", 1)]));

        Assert.Equal(403, failure.Status);
        Assert.Contains("Data Sender", failure.Message);
        Assert.Equal(1, hub.Attempts);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_busy_hub_is_retried_after_its_retry_after(int status)
    {
        hub.Plan(new PlannedAnswer(status, RetryAfter: "1"));
        var clock = Stopwatch.StartNew();

        await WithKey().SendAsync([Event("c-1", 1)]);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, hub.Attempts);
        Assert.Single(hub.Events);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off()
    {
        hub.Plan(new PlannedAnswer(500), new PlannedAnswer(502));

        await WithKey().SendAsync([Event("c-1", 1)]);

        Assert.Equal(3, hub.Attempts);
        Assert.Single(hub.Events);
    }

    [Fact]
    public async Task A_hub_that_keeps_failing_is_a_typed_failure_after_the_last_retry()
    {
        hub.Plan(Enumerable.Repeat(new PlannedAnswer(500), 10).ToArray());

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => WithKey().SendAsync([Event("c-1", 1)]));

        Assert.Equal(500, failure.Status);
        Assert.Equal("InternalError", failure.ErrorCode);
        Assert.Equal(4, hub.Attempts);
    }

    [Fact]
    public async Task A_try_that_times_out_is_retried()
    {
        // The retry must be answered within the timeout too: 1 s leaves room on cores shared with other test runs (300 ms did not).
        hub.Plan(new PlannedAnswer(500, Delay: TimeSpan.FromSeconds(5)));

        await WithKey(options: Fast(o => o.Retry.NetworkTimeout = TimeSpan.FromSeconds(1))).SendAsync([Event("c-1", 1)]);

        Assert.Equal(2, hub.Attempts);
        Assert.Single(hub.Events);
    }

    [Fact]
    public async Task A_hub_that_never_answers_is_a_typed_failure_with_status_0()
    {
        hub.Plan(Enumerable.Repeat(new PlannedAnswer(500, Delay: TimeSpan.FromSeconds(2)), 4).ToArray());

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            WithKey(options: Fast(o => o.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200))).SendAsync([Event("c-1", 1)]));

        Assert.Equal(0, failure.Status);
        Assert.Equal("NoAnswer", failure.ErrorCode);
        Assert.Contains("did not answer", failure.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_send_as_a_cancellation()
    {
        hub.Plan(new PlannedAnswer(500, Delay: TimeSpan.FromSeconds(2)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WithKey().SendAsync([Event("c-1", 1)], cancel.Token));
    }

    [Fact]
    public async Task A_batch_over_the_hubs_limit_is_a_413()
    {
        hub.MaxBatchBytes = 100;

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => WithKey().SendAsync([new OutgoingEvent(new string('x', 500), "c-1")]));

        Assert.Equal(413, failure.Status);
        Assert.Equal("MessageSizeExceeded", failure.ErrorCode);
        Assert.Equal(1, hub.Attempts);
    }

    [Fact]
    public async Task Each_customer_gets_its_own_batches_and_keeps_its_order()
    {
        var customers = new[] { "c-1", "c-2", "a-anon" };
        var events = Enumerable.Range(0, 60).Select(i => Event(customers[i % 3], i)).ToList();

        var sent = await WithKey().SendAsync(events);

        Assert.Equal(3, sent.Value);
        Assert.All(hub.Batches, b => Assert.All(b.Events, e => Assert.Equal(b.PartitionKey, e.PartitionKey)));
        foreach (var customer in customers)
            Assert.Equal(events.Where(e => e.PartitionKey == customer).Select(e => e.Body),
                hub.Batches.Where(b => b.PartitionKey == customer).SelectMany(b => b.Events).Select(e => e.Text));
    }

    [Fact]
    public async Task A_customers_events_over_the_byte_limit_are_split_in_order_into_batches_under_it()
    {
        hub.MaxBatchBytes = 2_000;
        var events = Enumerable.Range(0, 50).Select(i => new OutgoingEvent($$"""{"id":"e-{{i}}","pad":"{{new string('p', 80)}}"}""", "c-1")).ToList();

        var sent = await WithKey(options: Fast(o => o.MaxBatchBytes = 2_000)).SendAsync(events);

        Assert.True(sent.Value > 1);
        Assert.Equal(sent.Value, hub.Batches.Count);
        Assert.Equal(events.Select(e => e.Body), hub.Events.Select(e => e.Text));
    }

    [Fact]
    public async Task User_properties_and_text_in_any_script_arrive_as_sent()
    {
        await WithKey().SendAsync([new OutgoingEvent("""{"name":"แล็ปท็อป \"14\""}""", "c-1", new Dictionary<string, string> { ["schema"] = "native" })]);

        var stored = Assert.Single(hub.Events);
        Assert.Equal("""{"name":"แล็ปท็อป \"14\""}""", stored.Text);
        Assert.Equal("native", stored.UserProperties["schema"]);
    }
}
